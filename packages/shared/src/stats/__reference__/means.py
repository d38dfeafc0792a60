"""Reference values for welch.test.ts and cuped.test.ts (numpy 1.24.2, scipy 1.10.1, statsmodels 0.13.5).

Simulated per-visitor revenue (and pre-exposure spend) with a fixed seed; the sums go into the
TypeScript tests, while the references are computed from the raw arrays, an independent path.
Run from the repository root:  /usr/bin/python3 packages/shared/src/stats/__reference__/means.py
"""
import numpy as np
from scipy import stats
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

rng = np.random.default_rng(20240601)

def revenue(n, rate, mean_order, pre=None, k=0.0):
    buys = rng.random(n) < rate
    y = np.where(buys, rng.gamma(2.0, mean_order / 2.0, n), 0.0)
    if pre is not None:
        y = y + k * pre
    return np.round(y, 2)

def sums(y, x=None):
    d = {"n": len(y), "sum": float(y.sum()), "sumSq": float((y * y).sum())}
    if x is not None:
        d = {"n": len(y), "sumY": float(y.sum()), "sumYSq": float((y * y).sum()), "sumX": float(x.sum()),
             "sumXSq": float((x * x).sum()), "sumXY": float((x * y).sum())}
    return d

def welch(a, b):
    t, p = stats.ttest_ind(b, a, equal_var=False)
    low, high = CompareMeans(DescrStatsW(b), DescrStatsW(a)).tconfint_diff(alpha=0.05, usevar="unequal")
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return {"t": t, "p": p, "df": df, "low": low, "high": high, "diff": b.mean() - a.mean()}

print("welch cases: control sums, variant sums, reference")
for name, (na, ra, ma), (nb, rb, mb) in [
    ("typical", (3000, 0.05, 60.0), (3000, 0.055, 62.0)),
    ("unequal", (800, 0.08, 40.0), (1500, 0.06, 70.0)),
    ("tiny", (5, 0.6, 20.0), (7, 0.3, 25.0)),
]:
    a, b = revenue(na, ra, ma), revenue(nb, rb, mb)
    print(name, sums(a), sums(b), {k: repr(float(v)) for k, v in welch(a, b).items()})

print("cuped: control sums, variant sums, theta, variance reduction, adjusted Welch")
for name, n, k in [("strong", 4000, 0.6), ("weak", 1500, 0.05)]:
    xa = np.round(rng.gamma(1.5, 40.0, n), 2)
    xb = np.round(rng.gamma(1.5, 40.0, n + 37), 2)
    ya = revenue(n, 0.05, 60.0, xa, k)
    yb = revenue(n + 37, 0.06, 60.0, xb, k)
    x, y = np.concatenate([xa, xb]), np.concatenate([ya, yb])
    theta = np.cov(x, y, ddof=1)[0, 1] / x.var(ddof=1)
    adj_a, adj_b = ya - theta * (xa - x.mean()), yb - theta * (xb - x.mean())
    raw = ya.var(ddof=1) / len(ya) + yb.var(ddof=1) / len(yb)
    adj = adj_a.var(ddof=1) / len(adj_a) + adj_b.var(ddof=1) / len(adj_b)
    out = welch(adj_a, adj_b)
    out.update({"theta": theta, "varianceReduction": 1 - adj / raw})
    print(name, sums(ya, xa), sums(yb, xb), {k2: repr(float(v)) for k2, v in out.items()})
