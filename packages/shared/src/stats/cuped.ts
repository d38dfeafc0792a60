import { summarize, welchFromSummaries, type MeanComparison } from "./welch";
import type { CupedMoments } from "./types";

/** Welch's test on CUPED-adjusted means, with how much variance the covariate removed. */
export interface CupedComparison extends MeanComparison {
  /** θ = cov(X, Y) / var(X), over both arms together. */
  theta: number;
  /**
   * 1 - Var_adjusted / Var_raw of the difference in means: 0.3 means the adjusted comparison is
   * as precise as the raw one would be with 1 / 0.7 ≈ 1.43× the visitors.
   */
  varianceReduction: number;
}

/**
 * CUPED (Deng, Xu, Kohavi & Walker, WSDM 2013): each visitor's metric Y is adjusted by their
 * pre-exposure covariate X, Y' = Y - θ(X - mean X), which keeps the means' difference unbiased
 * (X cannot depend on the arm) and removes the part of the variance X explains. θ is pooled over
 * both arms; θ is treated as known in Welch's test, as is usual. Null when an arm has fewer than
 * two visitors or nothing varies.
 * @example cupedTest({ n: 3, sumY: 3, sumYSq: 5, sumX: 3, sumXSq: 5, sumXY: 5 }, { n: 3, sumY: 5, sumYSq: 9, sumX: 2, sumXSq: 2, sumXY: 4 })?.theta // 0.8235…
 */
export function cupedTest(control: CupedMoments, variant: CupedMoments, confidence = 0.95): CupedComparison | null {
  const n = control.n + variant.n;
  if (!(control.n >= 2 && variant.n >= 2)) return null;
  const sumX = control.sumX + variant.sumX;
  const sumY = control.sumY + variant.sumY;
  const varX = (control.sumXSq + variant.sumXSq - (sumX * sumX) / n) / (n - 1);
  const covXY = (control.sumXY + variant.sumXY - (sumX * sumY) / n) / (n - 1);
  const theta = varX > 0 ? covXY / varX : 0;
  const meanX = sumX / n;
  const a = adjust(control, theta, meanX);
  const b = adjust(variant, theta, meanX);
  const raw = [summarize({ n: control.n, sum: control.sumY, sumSq: control.sumYSq }), summarize({ n: variant.n, sum: variant.sumY, sumSq: variant.sumYSq })];
  const rawVar = raw.reduce((s, r) => s + (r ? r.variance / r.n : 0), 0);
  const adjustedVar = a.variance / a.n + b.variance / b.n;
  const result = welchFromSummaries(a, b, confidence);
  if (!result) return null;
  return { ...result, theta, varianceReduction: rawVar > 0 ? 1 - adjustedVar / rawVar : 0 };
}

function adjust(m: CupedMoments, theta: number, meanX: number) {
  const k = m.n - 1;
  const varY = (m.sumYSq - (m.sumY * m.sumY) / m.n) / k;
  const varX = (m.sumXSq - (m.sumX * m.sumX) / m.n) / k;
  const cov = (m.sumXY - (m.sumX * m.sumY) / m.n) / k;
  return {
    mean: m.sumY / m.n - theta * (m.sumX / m.n - meanX),
    variance: Math.max(0, varY + theta * theta * varX - 2 * theta * cov),
    n: m.n,
  };
}
