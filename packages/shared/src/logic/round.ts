/**
 * `x` rounded to cents (two decimals): how money and scores are reported.
 * @example round2(2.9449) // 2.94
 */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
