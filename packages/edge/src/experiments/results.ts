import { analyzeExperiment, type ArmInput, type ExperimentResult } from "@vitrine/shared";
import { aggregateArms, type ArmAggregate, type ArmSums } from "./aggregate";
import type { ReportedExperiment } from "./catalog";

/** Which test each number comes from, so a reader of the JSON never has to guess. */
export const TESTS = {
  rate: "Wilson score interval, 95%",
  lift: "two-proportion z-test, fixed horizon (for reference: not valid when results are watched as they come in)",
  sequential: "mixture sequential probability ratio test (mSPRT): always-valid p-value and interval, decides the verdict",
  multipleComparisons: "Holm step-down adjustment across the variants",
  probabilityToBeat: "exact Bayesian probability that the variant's rate beats control's, Beta(1, 1) priors",
  revenue: "Welch's t-test on revenue per visitor (visitors without orders count as 0)",
  cuped: "CUPED: Welch's t-test on revenue per visitor adjusted by the visitor's spend before exposure",
  srm: "chi-square goodness of fit of visitors per arm against the configured weights; mismatch when p < 0.001",
  series: "cumulative by UTC day; intervals per day are the always-valid ones",
} as const;

/** What `GET /v1/sites/:site/experiments/:id/results` answers. */
export interface ExperimentResults {
  site: string;
  experiment: Omit<ReportedExperiment, "arms" | "status" | "conversions">;
  status: ReportedExperiment["status"];
  /** Which orders count: the shop's ("trusted") or also browser-reported ones ("browser"). */
  conversions: ReportedExperiment["conversions"];
  generatedAt: string;
  arms: (ExperimentResult["arms"][number] & { name?: string; addToCart: number; preSpend: number })[];
  srm: ExperimentResult["srm"];
  verdict: ExperimentResult["verdict"];
  series: ExperimentResult["series"];
  plan: ExperimentResult["plan"];
  settings: ExperimentResult["settings"];
  tests: typeof TESTS;
  /** Visitors stored under arms the config no longer has: left out of every number above. */
  ignoredArms: { id: string; visitors: number }[];
}

/**
 * What the statistics need from one arm's sums: visitors, converters, revenue moments per
 * visitor, CUPED sums, cart adds, orders, and what each day added.
 * @example armInput({ id: "b", control: false, weight: 0.5 }, aggregate).revenue // { n, sum, sumSq }
 */
export function armInput(arm: { id: string; control: boolean; weight: number }, aggregate: ArmAggregate): ArmInput {
  const t: ArmSums = aggregate.totals;
  return {
    id: arm.id,
    control: arm.control,
    weight: arm.weight,
    visitors: t.visitors,
    converters: t.converters,
    revenue: { n: t.visitors, sum: t.revenue, sumSq: t.revenueSumSq },
    cuped: { n: t.visitors, sumY: t.revenue, sumYSq: t.revenueSumSq, sumX: t.preSpend, sumXSq: t.preSpendSumSq, sumXY: t.preSpendRevenue },
    addToCart: t.addToCart,
    orders: t.orders,
    days: aggregate.days.map(({ day, added }) => ({ day, visitors: added.visitors, converters: added.converters, revenue: added.revenue })),
  };
}

/**
 * An experiment's (or holdout's) results: the sums from D1, analysed by `analyzeExperiment`.
 * Also answers the aggregates, which the CSV lays out by day.
 * @example const { results } = await experimentResults(env.RESULTS, "demo", findReported(config, "hero-test")!)
 */
export async function experimentResults(db: D1Database, site: string, reported: ReportedExperiment, now = Date.now()): Promise<{ results: ExperimentResults; aggregates: ArmAggregate[] }> {
  const ids = reported.arms.map((arm) => arm.id);
  const aggregates = await aggregateArms(db, site, reported.id, ids, reported.conversions);
  const configured = aggregates.slice(0, ids.length);
  const analysis = analyzeExperiment({ arms: reported.arms.map((arm, i) => armInput(arm, configured[i]!)), ...(reported.mde === undefined ? {} : { mde: reported.mde }) });
  const { arms: _arms, status, conversions, ...experiment } = reported;
  const results: ExperimentResults = {
    site,
    experiment,
    status,
    conversions,
    generatedAt: new Date(now).toISOString(),
    arms: analysis.arms.map((arm, i) => {
      const name = reported.arms[i]?.name;
      const totals = configured[i]!.totals;
      return { ...arm, ...(name === undefined ? {} : { name }), addToCart: totals.addToCart, preSpend: totals.preSpend };
    }),
    srm: analysis.srm,
    verdict: analysis.verdict,
    series: analysis.series,
    plan: analysis.plan,
    settings: analysis.settings,
    tests: TESTS,
    ignoredArms: aggregates.slice(ids.length).map((a) => ({ id: a.arm, visitors: a.totals.visitors })),
  };
  return { results, aggregates: configured };
}
