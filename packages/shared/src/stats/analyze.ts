import type { ArmInput, ArmResult, Comparison, ExperimentInput, ExperimentResult } from "./analyze-types";
import { probabilityToBeat } from "./bayes";
import { cupedTest } from "./cuped";
import { holm } from "./holm";
import { compareProportions, type ProportionComparison } from "./proportions";
import { samplePlan } from "./sample-size";
import type { SequentialResult } from "./sequential";
import { allDays, buildSeries, finite, num } from "./series";
import { sampleRatioMismatch } from "./srm";
import { decideVerdict } from "./verdict";
import { welchTest } from "./welch";
import { wilsonInterval } from "./wilson";

const DEFAULT_MDE = 0.1;
const DEFAULT_ALPHA = 0.05;

/**
 * Everything an A/B tester reads about one experiment, from per-arm aggregates: per arm the
 * conversion rate (Wilson interval), add-to-cart rate, revenue per visitor and AOV; per variant
 * against control the fixed-horizon lift (z-test, for reference), the always-valid mSPRT
 * p-value and interval (running over the daily looks), the exact Bayesian probability to beat
 * control, Welch and CUPED revenue tests, and Holm-adjusted p-values across variants; plus the
 * SRM check, a cumulative series by day, a sample-size plan and a verdict in plain words, which
 * the always-valid test decides and an SRM overrides. Pure; never NaN (null = not computable).
 * @example analyzeExperiment({ arms: [
 *   { id: "control", control: true, weight: 1, visitors: 4000, converters: 200 },
 *   { id: "b", weight: 1, visitors: 4000, converters: 290 },
 * ] }).verdict.kind // "winner"
 */
export function analyzeExperiment(input: ExperimentInput): ExperimentResult {
  const mde = input.mde !== undefined && input.mde > 0 ? input.mde : DEFAULT_MDE;
  const alpha = input.alpha !== undefined && input.alpha > 0 && input.alpha < 1 ? input.alpha : DEFAULT_ALPHA;
  const arms = input.arms.map(clean);
  const controlIndex = Math.max(0, arms.findIndex((a) => a.control));
  const { series, sequential } = arms.length > 0 ? buildSeries(arms, controlIndex, mde, alpha) : { series: [], sequential: [] };
  const control = arms[controlIndex];

  const comparisons = arms.map((arm, i): RawComparison | null => {
    const seq = sequential[i];
    if (i === controlIndex || !control || !seq) return null;
    return {
      lift: compareProportions(control, arm),
      seq,
      probabilityToBeat: probabilityToBeat(control, arm),
      revenue: control.revenue && arm.revenue ? welchTest(control.revenue, arm.revenue) : null,
      cuped: control.cuped && arm.cuped ? cupedTest(control.cuped, arm.cuped) : null,
    };
  });
  const variantIndexes = comparisons.flatMap((c, i) => (c ? [i] : []));
  const holmNaive = holm(variantIndexes.map((i) => comparisons[i]!.lift?.p ?? 1));
  const holmSequential = holm(variantIndexes.map((i) => comparisons[i]!.seq.p));

  const results = arms.map((arm, i): ArmResult => {
    const c = comparisons[i];
    const k = variantIndexes.indexOf(i);
    const controlRate = control && control.visitors > 0 ? control.converters / control.visitors : 0;
    const vsControl: Comparison | null = c
      ? {
          lift: c.lift ? { absolute: c.lift.difference, relative: c.lift.relative, z: c.lift.z, p: c.lift.p, pHolm: holmNaive[k]! } : null,
          sequential: {
            ...c.seq,
            pHolm: holmSequential[k]!,
            relative: controlRate > 0 ? { low: c.seq.low / controlRate, high: c.seq.high / controlRate } : null,
          },
          probabilityToBeat: c.probabilityToBeat,
          revenue: c.revenue,
          cuped: c.cuped,
        }
      : null;
    return describeArm(arm, i === controlIndex, vsControl);
  });

  const srm = sampleRatioMismatch(arms.map((a) => a.visitors), arms.map((a) => a.weight));
  const elapsedDays = allDays(arms).length;
  const totalVisitors = arms.reduce((s, a) => s + a.visitors, 0);
  const dailyVisitors = input.dailyVisitors !== undefined && input.dailyVisitors > 0 ? input.dailyVisitors : elapsedDays > 0 ? totalVisitors / elapsedDays : null;
  const basePlan = control && control.visitors > 0 ? samplePlan({ baselineRate: control.converters / control.visitors, mde, alpha, dailyVisitors: dailyVisitors ?? 0, weights: arms.map((a) => a.weight) }) : null;
  let plan: ExperimentResult["plan"] = null;
  if (basePlan) {
    const perDayPerArm = dailyVisitors ? dailyVisitors * smallestShare(arms) : 0;
    const behind = Math.max(0, basePlan.sequentialVisitorsPerArm - Math.min(...arms.map((a) => a.visitors)));
    plan = { ...basePlan, elapsedDays, remainingDays: perDayPerArm > 0 ? Math.ceil(behind / perDayPerArm) : null };
  }
  const verdict = decideVerdict({ arms: results, srm, plan, alpha, mde, ...(input.looks !== undefined ? { looks: input.looks } : {}) });
  return { arms: results, srm, series, plan, verdict, settings: { mde, alpha, dailyVisitors } };
}

/** A variant's comparison before the Holm adjustment across variants. */
interface RawComparison extends Pick<Comparison, "probabilityToBeat" | "revenue" | "cuped"> {
  lift: ProportionComparison | null;
  seq: SequentialResult;
}

/** Counts made usable: non-finite or negative counts become 0, converters ≤ visitors. */
function clean(arm: ArmInput): ArmInput {
  const visitors = Math.round(num(arm.visitors));
  return { ...arm, visitors, converters: Math.min(Math.round(num(arm.converters)), visitors), weight: num(arm.weight) };
}

function smallestShare(arms: ArmInput[]): number {
  const weights = arms.map((a) => a.weight).filter((w) => w > 0);
  const sum = weights.reduce((s, w) => s + w, 0);
  return weights.length > 0 ? Math.min(...weights) / sum : 0;
}

function describeArm(arm: ArmInput, isControl: boolean, vsControl: Comparison | null): ArmResult {
  const total = finite(arm.revenue?.sum);
  const orders = arm.orders !== undefined ? Math.round(num(arm.orders)) : arm.converters;
  const revenueVisitors = arm.revenue ? num(arm.revenue.n) : arm.visitors;
  return {
    id: arm.id,
    control: isControl,
    weight: arm.weight,
    visitors: arm.visitors,
    converters: arm.converters,
    rate: wilsonInterval(arm.converters, arm.visitors),
    addToCartRate: arm.addToCart !== undefined ? wilsonInterval(Math.min(num(arm.addToCart), arm.visitors), arm.visitors) : null,
    orders,
    revenue: {
      total,
      perVisitor: revenueVisitors > 0 ? total / revenueVisitors : null,
      aov: orders > 0 ? total / orders : null,
    },
    vsControl,
  };
}
