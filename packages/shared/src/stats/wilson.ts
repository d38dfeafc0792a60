import { normalQuantile } from "./normal";
import type { Estimate } from "./types";

/**
 * A conversion rate with its Wilson score interval (Wilson 1927), which stays inside [0, 1] and
 * keeps a sensible width at 0% and 100%, unlike the Wald interval. No visitors: rate 0, [0, 1].
 * @example wilsonInterval(50, 1000) // { value: 0.05, low: 0.0381…, high: 0.0653… }
 */
export function wilsonInterval(converters: number, visitors: number, confidence = 0.95): Estimate {
  if (!(visitors > 0)) return { value: 0, low: 0, high: 1 };
  const x = Math.min(Math.max(converters, 0), visitors);
  const n = visitors;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const center = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return { value: x / n, low: Math.max(0, center - half), high: Math.min(1, center + half) };
}
