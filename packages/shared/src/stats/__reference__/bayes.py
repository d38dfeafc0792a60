"""Reference values for bayes.test.ts: P(pB > pA) with Beta(1, 1) priors by numerical
integration (scipy 1.10.1), independent of the closed-form sum the TypeScript uses:
    P = ∫ f_B(x) F_A(x) dx,  f_B = beta.pdf(x, 1 + xB, 1 + nB - xB),  F_A = beta.cdf(x, 1 + xA, 1 + nA - xA)

Run from the repository root:  /usr/bin/python3 packages/shared/src/stats/__reference__/bayes.py
"""
from scipy import integrate
from scipy.stats import beta

def prob_b_beats_a(xa, na, xb, nb):
    a = beta(1 + xa, 1 + na - xa)
    b = beta(1 + xb, 1 + nb - xb)
    # Integrate where B's posterior has its mass, so quad sees the peak.
    lo, hi = b.ppf(1e-15), b.ppf(1 - 1e-15)
    value, err = integrate.quad(lambda x: b.pdf(x) * a.cdf(x), lo, hi, epsabs=1e-14, epsrel=1e-12, limit=500, points=[b.mean()])
    return value, err

for case in [(50, 1000, 65, 1000), (200, 4000, 246, 4100), (0, 500, 0, 500), (0, 500, 7, 520), (200, 200, 190, 200),
             (1, 10, 4, 12), (300, 5000, 240, 5000), (0, 0, 3, 10), (0, 0, 0, 0), (2400, 60000, 2600, 60000), (100000, 1000000, 100400, 1000000)]:
    value, err = prob_b_beats_a(*case)
    print(f"  [{case[0]}, {case[1]}, {case[2]}, {case[3]}, {value!r}],  # quad error estimate {err:.1e}")
