"""Reference values for sample-size.test.ts.

Fixed horizon: statsmodels 0.13.5 `samplesize_proportions_2indep_onetail` (normal approximation,
pooled SE under H0, unpooled under H1, alpha split over two sides).
Sequential: the visitors n per arm at which (p2 - p1)/sqrt(V_n) minus the mSPRT boundary on the
z scale, sqrt((1 + V/τ²)(2 ln(1/α) + ln(1 + τ²/V))), equals z_power; solved with scipy brentq.

Run from the repository root:  /usr/bin/python3 packages/shared/src/stats/__reference__/sample_size.py
"""
import numpy as np
from scipy import optimize
from scipy.stats import norm
from statsmodels.stats.proportion import samplesize_proportions_2indep_onetail

def sequential(p1, p2, alpha=0.05, power=0.8):
    theta = p2 - p1
    tau2 = theta**2
    def gap(log_n):
        v = (p1 * (1 - p1) + p2 * (1 - p2)) / np.exp(log_n)
        boundary = np.sqrt((1 + v / tau2) * (2 * np.log(1 / alpha) + np.log(1 + tau2 / v)))
        return theta / np.sqrt(v) - boundary - norm.ppf(power)
    return np.exp(optimize.brentq(gap, np.log(2), np.log(1e12), xtol=1e-14, rtol=1e-15))

print("[baseline, mde, fixed-horizon n, sequential n]")
for p1, mde in [(0.05, 0.1), (0.05, 0.2), (0.02, 0.15), (0.3, 0.05), (0.5, 0.5), (0.1, 0.3)]:
    p2 = p1 * (1 + mde)
    fixed = samplesize_proportions_2indep_onetail(p2 - p1, p1, 0.8, ratio=1, alpha=0.05, alternative="two-sided")
    print(f"  [{p1}, {mde}, {fixed!r}, {sequential(p1, p2)!r}],")
