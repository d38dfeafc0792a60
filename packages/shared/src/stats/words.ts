/**
 * A relative change as signed whole percent ("+12%", "-3%"); below 1% with one decimal ("+0.4%").
 * @example percentChange(0.1234) // "+12%"
 * @example percentChange(-0.004) // "-0.4%"
 */
export function percentChange(x: number): string {
  const pct = x * 100;
  const digits = Math.abs(pct) < 1 && pct !== 0 ? 1 : 0;
  const text = Math.abs(pct).toFixed(digits);
  if (Number(text) === 0) return "0%";
  return `${pct < 0 ? "-" : "+"}${text}%`;
}

/**
 * A difference in rates as signed percentage points ("+1.3 points").
 * @example percentPoints(0.0132) // "+1.3 points"
 */
export function percentPoints(x: number): string {
  const text = Math.abs(x * 100).toFixed(1);
  if (Number(text) === 0) return "0 points";
  return `${x < 0 ? "-" : "+"}${text} points`;
}

/**
 * A count with thousands separators, independent of the runtime's locale.
 * @example count(60524) // "60,524"
 */
export function count(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

