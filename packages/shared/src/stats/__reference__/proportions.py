"""Reference values for wilson.test.ts and proportions.test.ts (statsmodels 0.13.5, scipy 1.10.1).

Run from the repository root:  /usr/bin/python3 packages/shared/src/stats/__reference__/proportions.py
"""
import numpy as np
from statsmodels.stats.proportion import proportion_confint, proportions_ztest, confint_proportions_2indep

print("wilson: [converters, visitors, low, high]")
for x, n in [(50, 1000), (0, 500), (200, 200), (1, 10), (7, 520), (0, 1), (3, 3)]:
    low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
    print(f"  [{x}, {n}, {low!r}, {high!r}],")

print("two proportions: [xA, nA, xB, nB, z, p, diffLow, diffHigh, relLow, relHigh]")
for xa, na, xb, nb in [(50, 1000, 65, 1000), (200, 4000, 246, 4100), (0, 500, 7, 520), (200, 200, 190, 200), (1, 10, 4, 12), (300, 5000, 240, 5000)]:
    # statsmodels' z-test pools the variance under H0 (its default); Wald CI is unpooled.
    z, p = proportions_ztest([xb, xa], [nb, na], value=0, alternative="two-sided")
    low, high = confint_proportions_2indep(xb, nb, xa, na, method="wald", compare="diff", alpha=0.05)
    # Relative lift by the delta method on pB/pA (statsmodels has no delta-method ratio interval).
    pa, pb = xa / na, xb / nb
    if pa > 0:
        var = (pb * (1 - pb) / nb) / pa**2 + pb**2 * (pa * (1 - pa) / na) / pa**4
        from scipy.stats import norm
        zq = norm.ppf(0.975)
        rel = (pb / pa - 1 - zq * np.sqrt(var), pb / pa - 1 + zq * np.sqrt(var))
    else:
        rel = (None, None)
    print(f"  [{xa}, {na}, {xb}, {nb}, {z!r}, {p!r}, {low!r}, {high!r}, {rel[0]!r}, {rel[1]!r}],")
