import { chiSquareSf } from "./chi-square";

/** The sample-ratio-mismatch check. */
export interface SrmResult {
  chiSquare: number;
  df: number;
  p: number;
  /** True when p < the threshold (0.001): the split is off, and the results cannot be trusted. */
  mismatch: boolean;
  observed: number[];
  expected: number[];
}

/** The p-value below which a split is called a mismatch. Low, because SRM is checked on every look. */
export const SRM_THRESHOLD = 0.001;

/**
 * Pearson's chi-square goodness of fit of the visitors each arm got against the configured
 * weights. Arms with zero weight expect nobody: any visitor there is a mismatch outright.
 * @example sampleRatioMismatch([5000, 5300], [1, 1]) // { p: 0.0031…, mismatch: false, … }
 * @example sampleRatioMismatch([5000, 5600], [1, 1]).mismatch // true
 */
export function sampleRatioMismatch(observed: readonly number[], weights: readonly number[], threshold = SRM_THRESHOLD): SrmResult {
  const counts = observed.map((o) => (o > 0 ? o : 0));
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const total = counts.reduce((s, o) => s + o, 0);
  const weightSum = w.reduce((s, x) => s + x, 0);
  const expected = w.map((x) => (weightSum > 0 ? (total * x) / weightSum : 0));
  const strayVisitors = counts.some((o, i) => o > 0 && !(expected[i]! > 0));
  let chiSquare = 0;
  let cells = 0;
  counts.forEach((o, i) => {
    const e = expected[i]!;
    if (e > 0) {
      chiSquare += ((o - e) * (o - e)) / e;
      cells++;
    }
  });
  const df = Math.max(0, cells - 1);
  const p = strayVisitors ? 0 : df > 0 ? chiSquareSf(chiSquare, df) : 1;
  return { chiSquare, df, p, mismatch: p < threshold, observed: counts, expected };
}
