import { normalQuantile } from "./normal";

/** What to plan for. */
export interface SamplePlanInput {
  /** Control's conversion rate, 0 < rate < 1. */
  baselineRate: number;
  /** Minimum detectable effect, relative (0.1 = +10%). */
  mde: number;
  /** Visitors entering the experiment per day, all arms together. */
  dailyVisitors?: number;
  /** The arms' weights (default two equal arms); the smallest share sets the pace. */
  weights?: readonly number[];
  alpha?: number;
  power?: number;
}

/** How many visitors and days an experiment needs. */
export interface SamplePlan {
  baselineRate: number;
  mde: number;
  alpha: number;
  power: number;
  /**
   * Visitors per arm for a fixed-horizon two-sided two-proportion z-test:
   * n = (z_{1-α/2} √(2 p̄(1-p̄)) + z_power √(p1(1-p1) + p2(1-p2)))² / (p2 - p1)², p̄ = (p1 + p2)/2.
   */
  visitorsPerArm: number;
  /**
   * Visitors per arm at which the always-valid test (τ = mde × baseline) has the same power to
   * have crossed by then, counting only a crossing at that look (so slightly conservative).
   */
  sequentialVisitorsPerArm: number;
  /** Days until `sequentialVisitorsPerArm` at `dailyVisitors`; null without traffic. */
  days: number | null;
}

/**
 * A sample-size plan for a conversion-rate experiment. Null when the inputs make no plan
 * (baseline outside (0, 1), mde ≤ 0, or a target rate ≥ 1).
 * @example samplePlan({ baselineRate: 0.05, mde: 0.1, dailyVisitors: 2000 })?.visitorsPerArm // 31234
 */
export function samplePlan(input: SamplePlanInput): SamplePlan | null {
  const { baselineRate: p1, mde } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const p2 = p1 * (1 + mde);
  if (!(p1 > 0 && p1 < 1 && mde > 0 && p2 < 1)) return null;
  const exact = fixedHorizonVisitors(p1, p2, alpha, power);
  const sequential = sequentialVisitors(p1, p2, alpha, power);
  const weights = (input.weights ?? [1, 1]).filter((w) => Number.isFinite(w) && w > 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const smallestShare = weights.length > 0 ? Math.min(...weights) / weightSum : 0.5;
  const daily = input.dailyVisitors ?? 0;
  const days = daily > 0 ? Math.ceil(Math.ceil(sequential) / (daily * smallestShare)) : null;
  return { baselineRate: p1, mde, alpha, power, visitorsPerArm: Math.ceil(exact), sequentialVisitorsPerArm: Math.ceil(sequential), days };
}

/**
 * The fixed-horizon visitors per arm, unrounded (see {@link SamplePlan.visitorsPerArm}).
 * @example fixedHorizonVisitors(0.05, 0.055, 0.05, 0.8) // 31233.4…
 */
export function fixedHorizonVisitors(p1: number, p2: number, alpha: number, power: number): number {
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const root = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (root * root) / ((p2 - p1) * (p2 - p1));
}

/**
 * The visitors per arm, unrounded, at which the always-valid test with τ = p2 - p1 reaches
 * `power` at that look: solves (p2 - p1)/√V_n - b_n = z_power, b_n being the mSPRT boundary
 * √((1 + V/τ²)(2 ln(1/α) + ln(1 + τ²/V))) on the z scale, V_n = (p1(1-p1) + p2(1-p2))/n.
 * @example sequentialVisitors(0.05, 0.055, 0.05, 0.8) // 60523.…, about 1.94× the fixed-horizon figure
 */
export function sequentialVisitors(p1: number, p2: number, alpha: number, power: number): number {
  const theta = Math.abs(p2 - p1);
  const tau2 = theta * theta;
  const perVisitor = p1 * (1 - p1) + p2 * (1 - p2);
  const zb = normalQuantile(power);
  const gap = (n: number) => {
    const v = perVisitor / n;
    const boundary = Math.sqrt((1 + v / tau2) * (2 * Math.log(1 / alpha) + Math.log(1 + tau2 / v)));
    return theta / Math.sqrt(v) - boundary - zb;
  };
  let lo = 1;
  let hi = 2;
  while (gap(hi) < 0 && hi < 1e15) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gap(mid) < 0) lo = mid;
    else hi = mid;
  }
  return hi;
}
