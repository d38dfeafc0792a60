"""Reference values for srm.test.ts (scipy 1.10.1 chisquare) and holm.test.ts (statsmodels 0.13.5).

Run from the repository root:  /usr/bin/python3 packages/shared/src/stats/__reference__/srm_holm.py
"""
import numpy as np
from scipy.stats import chisquare
from statsmodels.stats.multitest import multipletests

print("srm: [observed, weights, chiSquare, p]")
for observed, weights in [([5000, 5300], [1, 1]), ([5000, 5600], [1, 1]), ([1000, 2100, 6900], [1, 2, 7]),
                          ([3300, 3350, 3210], [1, 1, 1]), ([10, 0], [1, 1]), ([2500, 7600], [0.25, 0.75])]:
    w = np.array(weights, dtype=float)
    expected = np.array(observed).sum() * w / w.sum()
    stat, p = chisquare(observed, expected)
    print(f"  [{observed}, {weights}, {stat!r}, {p!r}],")

print("holm: [p values] -> [adjusted]")
for ps in [[0.01, 0.04, 0.03], [0.2], [0.001, 0.5, 0.012, 0.049], [0.03, 0.03, 0.6]]:
    print(f"  [{ps}, {list(multipletests(ps, method='holm')[1])!r}],")
