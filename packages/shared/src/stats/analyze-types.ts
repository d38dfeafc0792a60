import type { CupedComparison } from "./cuped";
import type { SamplePlan } from "./sample-size";
import type { SequentialResult } from "./sequential";
import type { SrmResult } from "./srm";
import type { CupedMoments, Estimate, Moments } from "./types";
import type { MeanComparison } from "./welch";

/** One day of one arm, as counted that day (not cumulative). `day` sorts as text (ISO dates). */
export interface DayInput {
  day: string;
  visitors: number;
  converters: number;
  revenue: number;
}

/** One arm's aggregates, as the results store sums them. */
export interface ArmInput {
  id: string;
  /** Exactly one arm should be the control; the first arm is taken if none is marked. */
  control?: boolean;
  /** Configured traffic weight (any scale); the SRM check compares visitors against these. */
  weight: number;
  /** Exposed visitors. */
  visitors: number;
  /** Visitors with at least one order. */
  converters: number;
  /** Revenue per exposed visitor (zeros included): n, sum, sum of squares. */
  revenue?: Moments;
  /** Revenue (Y) and pre-exposure spend (X) per visitor, for the CUPED-adjusted test. */
  cuped?: CupedMoments;
  /** Visitors who added something to the cart. */
  addToCart?: number;
  /** Orders (for the average order value); converters are used when absent. */
  orders?: number;
  days?: DayInput[];
}

/** What {@link analyzeExperiment} needs. */
export interface ExperimentInput {
  arms: ArmInput[];
  /** How many times the results have been looked at (only shapes the verdict's wording). */
  looks?: number;
  /** Visitors entering the experiment per day, all arms; estimated from `days` when absent. */
  dailyVisitors?: number;
  /** The smallest relative change worth finding (default 0.1 = ±10%): sets τ and the plan. */
  mde?: number;
  /** Significance level (default 0.05). */
  alpha?: number;
}

/** The always-valid result of a variant against control, as reported. */
export interface SequentialReport extends SequentialResult {
  /** Holm-adjusted across all variants: what the verdict compares with alpha. */
  pHolm: number;
  /** The interval on the difference divided by control's rate (ignores control's own noise); null at rate 0. */
  relative: { low: number; high: number } | null;
}

/** A variant against control. */
export interface Comparison {
  /** Fixed-horizon two-proportion analysis; null when an arm is empty. Not for decisions when peeking. */
  lift: {
    absolute: Estimate;
    relative: Estimate | null;
    z: number;
    p: number;
    /** Holm-adjusted across all variants. */
    pHolm: number;
  } | null;
  /** The always-valid mSPRT; decides the verdict. Running-minimum p over the daily looks. */
  sequential: SequentialReport;
  /** Bayesian P(variant's rate > control's), exact, Beta(1, 1) priors. */
  probabilityToBeat: number;
  /** Welch's t-test on revenue per visitor; null without revenue sums or with < 2 visitors. */
  revenue: MeanComparison | null;
  /** CUPED-adjusted revenue test; null without CUPED sums. */
  cuped: CupedComparison | null;
}

/** One arm's results. */
export interface ArmResult {
  id: string;
  control: boolean;
  weight: number;
  visitors: number;
  converters: number;
  /** Conversion rate with its Wilson 95% interval. */
  rate: Estimate;
  /** Add-to-cart rate with its Wilson interval; null when not counted. */
  addToCartRate: Estimate | null;
  orders: number;
  revenue: {
    total: number;
    /** Revenue per visitor; null without visitors. */
    perVisitor: number | null;
    /** Average order value; null without orders. */
    aov: number | null;
  };
  /** Null for the control itself. */
  vsControl: Comparison | null;
}

/** One day of the cumulative series, for charts. */
export interface SeriesPoint {
  day: string;
  arms: { id: string; visitors: number; converters: number; rate: number; revenuePerVisitor: number | null }[];
  /** Each variant against control up to this day: lift and the always-valid interval and p so far. */
  lifts: {
    arm: string;
    absolute: number;
    relative: number | null;
    low: number;
    high: number;
    relativeLow: number | null;
    relativeHigh: number | null;
    p: number;
  }[];
}

/** What the numbers say, decided by the always-valid test (or by the SRM check, which overrides). */
export interface Verdict {
  kind: "winner" | "loser" | "inconclusive" | "srm" | "no-data";
  arm?: string;
  /** Which test made the call. */
  test: "msprt" | "srm-chi-square" | "none";
  /** The same in plain words. */
  sentence: string;
}

/** Everything {@link analyzeExperiment} returns. Numbers are finite; "not computable" is null. */
export interface ExperimentResult {
  arms: ArmResult[];
  srm: SrmResult;
  series: SeriesPoint[];
  /** Null when control has no conversions yet (no baseline to plan from). */
  plan: (SamplePlan & { elapsedDays: number; remainingDays: number | null }) | null;
  verdict: Verdict;
  /** The settings used. */
  settings: { mde: number; alpha: number; dailyVisitors: number | null };
}
