"""Reference values for sequential.test.ts: the mixture SPRT of Johari, Koomen, Pekelis & Walsh,
"Always valid inference: continuous monitoring of A/B tests" (Operations Research 2022), for
the difference of two conversion rates — computed from the definition, not the closed form:

  Λ(θ0) = ∫ [ φ(θ̂; θ, V) / φ(θ̂; θ0, V) ] φ(θ; θ0, τ²) dθ     (mixture over θ ~ N(θ0, τ²))

by numerical integration (scipy 1.10.1 quad), p = min(1, 1/Λ(0)), and the confidence sequence
{θ0 : Λ(θ0) < 1/α} by root finding (brentq) on each side of θ̂. V = pA(1-pA)/nA + pB(1-pB)/nB.

Run from the repository root:  /usr/bin/python3 packages/shared/src/stats/__reference__/msprt.py
"""
import numpy as np
from scipy import integrate, optimize
from scipy.stats import norm

def log_mixture_lr(theta_hat, v, tau, theta0):
    sd = np.sqrt(v)
    def exponent(theta):
        return norm.logpdf(theta_hat, theta, sd) - norm.logpdf(theta_hat, theta0, sd) + norm.logpdf(theta, theta0, tau)
    # The integrand peaks between θ0 and θ̂; factor its peak out so nothing overflows.
    peak = (theta_hat * tau**2 + theta0 * v) / (tau**2 + v)
    top = exponent(peak)
    width = 1 / np.sqrt(1 / v + 1 / tau**2)
    value, _ = integrate.quad(lambda t: np.exp(exponent(t) - top), peak - 40 * width, peak + 40 * width,
                              points=[peak], epsabs=0, epsrel=1e-13, limit=200)
    return top + np.log(value)

def msprt(xa, na, xb, nb, tau, alpha=0.05):
    pa, pb = xa / na, xb / nb
    theta_hat = pb - pa
    v = pa * (1 - pa) / na + pb * (1 - pb) / nb
    p = min(1.0, np.exp(-log_mixture_lr(theta_hat, v, tau, 0.0)))
    f = lambda t0: log_mixture_lr(theta_hat, v, tau, t0) - np.log(1 / alpha)
    span = 50 * (np.sqrt(v) + tau)
    low = optimize.brentq(f, theta_hat - span, theta_hat, xtol=1e-15, rtol=1e-14)
    high = optimize.brentq(f, theta_hat, theta_hat + span, xtol=1e-15, rtol=1e-14)
    return p, low, high

print("single looks: [xA, nA, xB, nB, tau, p, low, high]")
for xa, na, xb, nb, tau in [(200, 4000, 290, 4000, 0.01), (50, 1000, 65, 1000, 0.005), (200, 4000, 246, 4100, 0.005),
                            (0, 500, 7, 520, 0.002), (200, 200, 190, 200, 0.02), (300, 5000, 240, 5000, 0.003),
                            (2400, 60000, 2600, 60000, 0.004)]:
    p, low, high = msprt(xa, na, xb, nb, tau)
    print(f"  [{xa}, {na}, {xb}, {nb}, {tau}, {p!r}, {low!r}, {high!r}],")

print("looks (cumulative): [xA, nA, xB, nB] -> running-min p, running max(low), running min(high); tau = 0.006")
looks = [(12, 300, 20, 300), (30, 600, 41, 610), (44, 900, 70, 905), (58, 1200, 88, 1210), (75, 1500, 118, 1502)]
best_p, best_low, best_high = 1.0, -1.0, 1.0
for xa, na, xb, nb in looks:
    p, low, high = msprt(xa, na, xb, nb, 0.006)
    best_p, best_low, best_high = min(best_p, p), max(best_low, low), min(best_high, high)
    print(f"  [{xa}, {na}, {xb}, {nb}, {p!r}, {best_p!r}, {best_low!r}, {best_high!r}],")

print("analyzeExperiment daily looks: tau = 0.1 x pooled rate at each look; running-min p and intersected interval")
control_days = [(800, 41), (790, 38), (805, 44), (812, 40), (798, 37)]
variant_days = [(801, 49), (806, 52), (795, 47), (790, 58), (808, 55)]
ca = na = cb = nb = 0
best_p, best_low, best_high = 1.0, -1.0, 1.0
for (va, xa), (vb, xb) in zip(control_days, variant_days):
    na, ca, nb, cb = na + va, ca + xa, nb + vb, cb + xb
    tau = 0.1 * (ca + cb) / (na + nb)
    p, low, high = msprt(ca, na, cb, nb, tau)
    best_p, best_low, best_high = min(best_p, p), max(best_low, low), min(best_high, high)
    print(f"  [{ca}, {na}, {cb}, {nb}, {p!r}, {best_p!r}, {best_low!r}, {best_high!r}],")
