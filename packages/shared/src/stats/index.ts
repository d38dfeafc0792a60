/**
 * Experiment statistics: pure functions from aggregates (counts, sums, sums of squares) to
 * results, with no I/O and no dependencies, so any runtime can use them.
 */
export { analyzeExperiment } from "./analyze";
export type { ArmInput, ArmResult, Comparison, DayInput, ExperimentInput, ExperimentResult, SequentialReport, SeriesPoint, Verdict } from "./analyze-types";
export { probabilityToBeat } from "./bayes";
export { chiSquareSf } from "./chi-square";
export { cupedTest, type CupedComparison } from "./cuped";
export { erfc } from "./erfc";
export { logGamma, regularizedGammaP, regularizedGammaQ } from "./gamma";
export { logBeta, regularizedBeta } from "./beta";
export { holm } from "./holm";
export { normalCdf, normalQuantile, normalSf } from "./normal";
export { compareProportions, type ProportionComparison } from "./proportions";
export { fixedHorizonVisitors, samplePlan, sequentialVisitors, type SamplePlan, type SamplePlanInput } from "./sample-size";
export { runningMinimum, sequentialLooks, sequentialTau, sequentialTest, type Look, type SequentialOptions, type SequentialResult } from "./sequential";
export { SRM_THRESHOLD, sampleRatioMismatch, type SrmResult } from "./srm";
export { studentTCdf, studentTPdf, studentTQuantile, studentTSf } from "./student-t";
export type { CupedMoments, Estimate, Moments, Proportion } from "./types";
export { summarize, welchTest, type MeanComparison } from "./welch";
export { wilsonInterval } from "./wilson";
