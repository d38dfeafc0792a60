/**
 * Vitrine's pure core: folding events into a profile, classifying traits, matching segments and
 * rules, sorting products, bucketing and site statistics. No zod and no I/O, so the browser
 * snippet may import pieces of it; the schemas live in `@vitrine/shared/schema`.
 */
export { DEFAULT_SETTINGS } from "./logic/settings";
export { PROFILE_LIMITS } from "./logic/limits";
export { emptyProfile, spendWithin } from "./logic/profile";
export { foldEvents, foldEventsInto, type FoldContext } from "./logic/fold";
export { classify } from "./logic/classify";
export { matchesCondition, segmentsFor } from "./logic/condition";
export { decide, defaultDecision, type DecideInput, type FullDecision, type DefaultReason } from "./logic/decide";
export { armFor, experimentArms, holdoutArm, isEnrolling, ruleHoldoutId, SITE_HOLDOUT, HOLDOUT_ARM, PERSONALIZED_ARM, type Assignments } from "./logic/enroll";
export { MAX_CONDITION_DEPTH } from "./logic/condition-depth";
export { publicTraits, type PublicTraits } from "./logic/public-traits";
export type { Audience } from "./logic/explain";
export { sortProducts } from "./logic/sort";
export { createSketch, sketchAdd, sketchRemove, sketchMerge, sketchQuantile, sketchCount, type QuantileSketch } from "./logic/sketch";
export { emptySiteStatsState, recordOrder, siteStats, type SiteStatsState } from "./logic/site-stats";
export { fnv1a32 } from "./logic/hash";
export { normalizeCategory } from "./logic/category";
export { parseSource } from "./logic/source";
export { readLd, withLdFacts, splitCategory, LD_KEYS, type LdFacts } from "./logic/ld";
export { localHour } from "./logic/geo";
export type { Event, ProductCard } from "./schema/event";
export type { Profile } from "./schema/profile";
export type { Traits, Source } from "./schema/traits";
export type { SiteConfig, Settings, Condition, SortStrategy } from "./schema/config";
export type { SiteStats, Decision, Reason, SlotContent } from "./schema/decision";
export type { Experiment, Arm, Slot, SlotVariant } from "./schema/config";
export { unitHash, inShare, pickArm } from "./logic/bucket";
export * from "./stats/index";
