import { normalQuantile } from "./normal";
import { studentTQuantile, studentTSf } from "./student-t";
import type { Estimate, Moments } from "./types";

/** A variant's mean (e.g. revenue per visitor) against control's. */
export interface MeanComparison {
  control: number;
  variant: number;
  /** Variant mean minus control mean, with a Welch t interval. */
  difference: Estimate;
  /** Variant mean / control mean - 1, delta-method normal interval; null when control's mean is 0. */
  relative: Estimate | null;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value of Welch's t-test. */
  p: number;
}

/** A sample reduced to its mean, its (n - 1) variance and its size. */
export interface Summary {
  mean: number;
  variance: number;
  n: number;
}

/**
 * Mean and sample variance from (n, sum, sum of squares); the variance is clamped at 0 against
 * rounding. Null below two observations.
 * @example summarize({ n: 3, sum: 6, sumSq: 14 }) // { mean: 2, variance: 1, n: 3 }
 */
export function summarize(m: Moments): Summary | null {
  if (!(m.n >= 2)) return null;
  const mean = m.sum / m.n;
  const variance = Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));
  return { mean, variance, n: m.n };
}

/**
 * Welch's unequal-variances t-test from per-arm sums and sums of squares. Null when an arm has
 * fewer than two visitors, or when neither arm varies but their means differ (nothing to test).
 * @example welchTest({ n: 1000, sum: 2500, sumSq: 90000 }, { n: 1000, sum: 2900, sumSq: 98000 })?.p // 0.3370…
 */
export function welchTest(control: Moments, variant: Moments, confidence = 0.95): MeanComparison | null {
  const a = summarize(control);
  const b = summarize(variant);
  return a && b ? welchFromSummaries(a, b, confidence) : null;
}

/**
 * Welch's t-test from two summaries (the CUPED test feeds it adjusted ones).
 * @example welchFromSummaries({ mean: 2.5, variance: 83.7, n: 1000 }, { mean: 2.9, variance: 89.7, n: 1000 })?.df // 1995.6…
 */
export function welchFromSummaries(a: Summary, b: Summary, confidence = 0.95): MeanComparison | null {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  const diff = b.mean - a.mean;
  const alpha = 1 - confidence;
  let relative: Estimate | null = null;
  if (a.mean !== 0) {
    const z = normalQuantile(1 - alpha / 2);
    const se = Math.sqrt(vb / (a.mean * a.mean) + (b.mean * b.mean * va) / a.mean ** 4);
    const r = b.mean / a.mean - 1;
    relative = { value: r, low: r - z * se, high: r + z * se };
  }
  if (se2 === 0) {
    if (diff !== 0) return null;
    return { control: a.mean, variant: b.mean, difference: { value: 0, low: 0, high: 0 }, relative, t: 0, df: a.n + b.n - 2, p: 1 };
  }
  const se = Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const t = diff / se;
  const q = studentTQuantile(1 - alpha / 2, df);
  return {
    control: a.mean,
    variant: b.mean,
    difference: { value: diff, low: diff - q * se, high: diff + q * se },
    relative,
    t,
    df,
    p: Math.min(1, 2 * studentTSf(Math.abs(t), df)),
  };
}
