import { erfc } from "./erfc";

const SQRT2 = Math.SQRT2;
const SQRT_TWO_PI = 2.5066282746310002;

/**
 * The standard normal CDF Φ(x), through erfc so the lower tail keeps full relative precision.
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/**
 * The standard normal survival function 1 - Φ(x), accurate deep in the upper tail.
 * @example normalSf(3) // 0.00134989803163
 */
export function normalSf(x: number): number {
  return 0.5 * erfc(x / SQRT2);
}

// P. J. Acklam's rational approximation of the normal quantile (relative error 1.15e-9),
// refined below by one Halley step against the exact CDF.
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/**
 * The standard normal quantile Φ⁻¹(p): Acklam's approximation plus one Halley step, which brings
 * it to about 1e-15 relative. Returns ±Infinity at p = 0 and 1, NaN outside [0, 1].
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Work in the lower half, where p itself carries full relative precision.
  if (p > 0.5) return -normalQuantile(1 - p);
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * SQRT_TWO_PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
