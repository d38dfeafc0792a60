import type { Proportion } from "./types";

/** Settings of the always-valid test. */
export interface SequentialOptions {
  /**
   * Standard deviation τ of the normal mixing distribution over the true difference in rates
   * (absolute, e.g. 0.005 = half a point). The test has most power for differences of about τ;
   * {@link sequentialTau} derives it from the smallest effect worth finding.
   */
  tau: number;
  /** Error rate the interval is built for (default 0.05 → 95%). */
  alpha?: number;
}

/** The always-valid inference on pB - pA at one look. */
export interface SequentialResult {
  /** pB - pA. */
  difference: number;
  /** Always-valid p-value: P(a look ever shows evidence this strong | no difference) ≤ p. */
  p: number;
  /** Always-valid (1 - alpha) confidence sequence for pB - pA, clipped to [-1, 1]. */
  low: number;
  high: number;
  /** The estimated variance V of the difference and the τ used. */
  variance: number;
  tau: number;
}

/**
 * τ for {@link SequentialOptions}: the smallest relative effect worth finding (`mde`, e.g. 0.1 =
 * +10%) times the baseline rate, i.e. the absolute difference we most want to detect. The caller
 * fixes `mde`; the baseline comes from the pooled rate of the data (documented approximation:
 * the mixture is then not fixed in advance, which the A/A simulation shows costs nothing visible).
 * @example sequentialTau(0.05, 0.1) // 0.005
 */
export function sequentialTau(baselineRate: number, mde: number): number {
  const tau = Math.abs(mde) * baselineRate;
  return Number.isFinite(tau) && tau > 1e-9 ? tau : 1e-9;
}

/**
 * The mixture sequential probability ratio test (mSPRT) for the difference of two conversion
 * rates, after Johari, Koomen, Pekelis & Walsh, "Always valid inference: continuous monitoring
 * of A/B tests" (Operations Research, 2022; the basis of Optimizely's Stats Engine). With the
 * normal approximation θ̂ = pB - pA ~ N(θ, V), V = pA(1-pA)/nA + pB(1-pB)/nB, and a N(0, τ²)
 * mixture over θ, the likelihood ratio against θ0 is
 *   Λ = √(V / (V + τ²)) · exp(τ² (θ̂ - θ0)² / (2 V (V + τ²))).
 * p = min(1, 1/Λ at θ0 = 0); the interval is every θ0 with Λ < 1/alpha:
 *   θ̂ ± √(V (V + τ²) / τ² · (2 ln(1/alpha) + ln((V + τ²) / V))).
 * Both are valid at whatever look you stop, however often you look. This function is pure and
 * sees one look: to report a p that never rises, take the running minimum over looks (and the
 * running intersection of intervals) with {@link sequentialLooks}. When V is 0 (both rates 0 or
 * 1) the pooled variance stands in; an empty arm gives p = 1 and [-1, 1].
 * @example sequentialTest({ visitors: 4000, converters: 200 }, { visitors: 4000, converters: 290 }, { tau: 0.01 }).p // 0.00223…
 */
export function sequentialTest(control: Proportion, variant: Proportion, options: SequentialOptions): SequentialResult {
  const tau = options.tau;
  const alpha = options.alpha ?? 0.05;
  const nA = control.visitors;
  const nB = variant.visitors;
  if (!(nA > 0 && nB > 0) || !(tau > 0)) return { difference: 0, p: 1, low: -1, high: 1, variance: 0, tau };
  const pA = Math.min(Math.max(control.converters, 0), nA) / nA;
  const pB = Math.min(Math.max(variant.converters, 0), nB) / nB;
  const diff = pB - pA;
  let v = (pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB;
  if (!(v > 0)) {
    const pooled = (pA * nA + pB * nB) / (nA + nB);
    v = pooled * (1 - pooled) * (1 / nA + 1 / nB);
  }
  if (!(v > 0)) return { difference: diff, p: 1, low: -1, high: 1, variance: 0, tau };
  const t2 = tau * tau;
  const logLambda = 0.5 * Math.log(v / (v + t2)) + (t2 * diff * diff) / (2 * v * (v + t2));
  const p = Math.min(1, Math.exp(-logLambda));
  const half = Math.sqrt(((v * (v + t2)) / t2) * (2 * Math.log(1 / alpha) + Math.log((v + t2) / v)));
  return { difference: diff, p, low: Math.max(-1, diff - half), high: Math.min(1, diff + half), variance: v, tau };
}

/** One look at cumulative counts. */
export interface Look {
  control: Proportion;
  variant: Proportion;
}

/**
 * The always-valid test over a sequence of looks at cumulative counts: each result carries the
 * running minimum of the p-values so far (never rising) and the running intersection of the
 * intervals (never widening). Should the intersection come out empty — which happens with
 * probability ≤ alpha — it collapses to the latest look's estimate.
 * @example sequentialLooks([
 *   { control: { visitors: 300, converters: 12 }, variant: { visitors: 300, converters: 20 } },
 *   { control: { visitors: 600, converters: 30 }, variant: { visitors: 610, converters: 41 } },
 * ], { tau: 0.006 }).map((r) => r.p) // [0.9495…, 0.9495…]: the second look alone says 0.9567
 */
export function sequentialLooks(looks: readonly Look[], options: SequentialOptions | ((look: Look) => SequentialOptions)): SequentialResult[] {
  let p = 1;
  let low = -1;
  let high = 1;
  return looks.map((look) => {
    const result = sequentialTest(look.control, look.variant, typeof options === "function" ? options(look) : options);
    p = Math.min(p, result.p);
    low = Math.max(low, result.low);
    high = Math.min(high, result.high);
    if (low > high) low = high = result.difference;
    return { ...result, p, low, high };
  });
}

/**
 * The running minimum of a sequence of always-valid p-values: the p to report at each look.
 * @example runningMinimum([0.8, 0.3, 0.5, 0.04]) // [0.8, 0.3, 0.3, 0.04]
 */
export function runningMinimum(pValues: readonly number[]): number[] {
  let min = 1;
  return pValues.map((p) => (min = Math.min(min, p)));
}
