import { normalQuantile, normalSf } from "./normal";
import type { Estimate, Proportion } from "./types";

/** A variant's conversion rate against control's. */
export interface ProportionComparison {
  /** pB - pA with the unpooled (Wald) interval: SE = √(pA(1-pA)/nA + pB(1-pB)/nB). */
  difference: Estimate;
  /**
   * pB / pA - 1 with a delta-method interval on the ratio:
   * Var(pB/pA) ≈ Var(pB)/pA² + pB²·Var(pA)/pA⁴. Null when control has no conversions.
   */
  relative: Estimate | null;
  /** The two-proportion z statistic with the pooled SE (the SE under "no difference"). */
  z: number;
  /** Two-sided p-value of that z-test. A fixed-horizon test: not valid if you peek. */
  p: number;
}

/**
 * The classic two-proportion comparison. The test uses the pooled standard error, because under
 * the null hypothesis both arms share one rate; the interval uses the unpooled one, because it
 * describes the difference where it actually is. Null when either arm has no visitors.
 * @example compareProportions({ visitors: 1000, converters: 50 }, { visitors: 1000, converters: 65 }).p // 0.1496…
 */
export function compareProportions(control: Proportion, variant: Proportion, confidence = 0.95): ProportionComparison | null {
  const nA = control.visitors;
  const nB = variant.visitors;
  if (!(nA > 0 && nB > 0)) return null;
  const xA = clamp(control.converters, nA);
  const xB = clamp(variant.converters, nB);
  const pA = xA / nA;
  const pB = xB / nB;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const varA = (pA * (1 - pA)) / nA;
  const varB = (pB * (1 - pB)) / nB;
  const diff = pB - pA;
  const se = Math.sqrt(varA + varB);
  const pooled = (xA + xB) / (nA + nB);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const zStat = se0 > 0 ? diff / se0 : 0;
  let relative: Estimate | null = null;
  if (pA > 0) {
    const ratio = pB / pA;
    const seRatio = Math.sqrt(varB / (pA * pA) + (pB * pB * varA) / (pA * pA * pA * pA));
    relative = { value: ratio - 1, low: ratio - 1 - z * seRatio, high: ratio - 1 + z * seRatio };
  }
  return {
    difference: { value: diff, low: diff - z * se, high: diff + z * se },
    relative,
    z: zStat,
    p: Math.min(1, 2 * normalSf(Math.abs(zStat))),
  };
}

function clamp(converters: number, visitors: number): number {
  return Math.min(Math.max(converters, 0), visitors);
}
