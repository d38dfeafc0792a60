/**
 * The statistics the results use, from one place: `@vitrine/shared`'s stats module. Its entry is
 * not exported from the package root yet, so this reads it by path; once the root exports it,
 * this becomes `export { analyzeExperiment, … } from "@vitrine/shared"`.
 */
export { analyzeExperiment } from "../../../shared/src/stats/index";
export type { ArmInput, ExperimentResult } from "../../../shared/src/stats/index";
