import { regularizedBeta } from "./beta";
import { logGamma } from "./gamma";
import { normalCdf, normalQuantile, normalSf } from "./normal";

/**
 * P(T > t) for Student's t with `df` degrees of freedom (df > 0, fractional allowed, Infinity =
 * normal), through the regularized incomplete beta: P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2) / 2.
 * @example studentTSf(2.0, 10) // 0.0366940173853…
 */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (df === Infinity) return normalSf(t);
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const t2 = t * t;
  const upper = 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
  return t >= 0 ? upper : 1 - upper;
}

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom.
 * @example studentTCdf(-2.0, 10) // 0.0366940173853…
 */
export function studentTCdf(t: number, df: number): number {
  if (df === Infinity) return normalCdf(t);
  return studentTSf(-t, df);
}

/**
 * The density of Student's t.
 * @example studentTPdf(0, 1) // 0.3183098861837907 (= 1/π)
 */
export function studentTPdf(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The quantile of Student's t: the t with P(T ≤ t) = p. Newton steps on the survival function
 * from the normal quantile, kept inside a bracket and falling back to bisection.
 * @example studentTQuantile(0.975, 10) // 2.2281388519862…
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  const q = 1 - p;
  let lo = 0;
  let hi = Math.max(1, normalQuantile(p));
  while (studentTSf(hi, df) > q) {
    lo = hi;
    hi *= 2;
  }
  let t = Math.min(Math.max(normalQuantile(p), lo), hi);
  for (let i = 0; i < 200; i++) {
    const g = studentTSf(t, df) - q;
    if (g > 0) lo = t;
    else hi = t;
    const next = t + g / studentTPdf(t, df);
    const step = next > lo && next < hi ? next : (lo + hi) / 2;
    if (Math.abs(step - t) <= 1e-15 * Math.max(1, Math.abs(t))) return step;
    t = step;
  }
  return t;
}
