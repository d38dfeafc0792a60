import { regularizedGammaQ } from "./gamma";

/**
 * P(X > x) for a chi-square variable with `df` degrees of freedom: Q(df/2, x/2).
 * @example chiSquareSf(3.841458820694124, 1) // 0.05 (to 1e-15)
 */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
