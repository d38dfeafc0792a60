import type { Arm, Experiment, SiteConfig } from "../schema/config";
import { inShare, pickArm } from "./bucket";

/** The id under which the site-wide personalization holdout is enrolled and reported. */
export const SITE_HOLDOUT = "holdout";
/** Arms of a holdout: kept on the default, or personalized as usual. */
export const HOLDOUT_ARM = "holdout";
export const PERSONALIZED_ARM = "personalized";

/**
 * The experiment id under which a rule's holdout is enrolled and reported.
 * @example ruleHoldoutId("big-spender-reserve") // "holdout-big-spender-reserve"
 */
export const ruleHoldoutId = (ruleId: string) => `holdout-${ruleId}`.slice(0, 63);

/** Stored arms: experiment (or holdout) id → arm id, kept from the visitor's first assignment. */
export type Assignments = Readonly<Record<string, string>>;

/**
 * Whether an experiment enrolls visitors at `now`: running, inside its window, and (when it
 * targets a segment) the visitor is in it.
 * @example isEnrolling(experiment, ["big-spenders"], Date.now()) // true
 */
export function isEnrolling(experiment: Experiment, segments: readonly string[], now: number): boolean {
  if (experiment.status !== "running") return false;
  if (experiment.start != null && now < experiment.start) return false;
  if (experiment.stop != null && now >= experiment.stop) return false;
  return experiment.segment === undefined || segments.includes(experiment.segment);
}

/**
 * The visitor's arm in a running experiment: the stored one while that arm still exists (weights,
 * traffic share and new arms never move a visitor), else a fresh pick by hash of (seed, visitor);
 * null outside the traffic share or when the experiment does not enroll them now.
 * @example armFor(experiment, "v_12345678", [], {}, Date.now())?.id // "b"
 */
export function armFor(experiment: Experiment, visitor: string, segments: readonly string[], stored: Assignments, now: number): Arm | null {
  if (experiment.status !== "running") return null;
  // Outside its window an experiment serves nothing and counts nothing, for new and enrolled visitors alike.
  if ((experiment.start != null && now < experiment.start) || (experiment.stop != null && now >= experiment.stop)) return null;
  const kept = Object.hasOwn(stored, experiment.id) ? experiment.arms.find((arm) => arm.id === stored[experiment.id]) : undefined;
  if (kept) return kept;
  if (!isEnrolling(experiment, segments, now)) return null;
  const index = pickArm(experiment.seed ?? experiment.id, visitor, experiment.traffic, experiment.arms.map((arm) => arm.weight));
  return index < 0 ? null : experiment.arms[index]!;
}

/**
 * The holdout arm of a visitor: the stored one, else by hash; `holdout` for `share` of visitors.
 * @example holdoutArm("holdout", "holdout", "v_12345678", 0.05, {}) // "personalized"
 */
export function holdoutArm(id: string, seed: string, visitor: string, share: number, stored: Assignments): string {
  if (Object.hasOwn(stored, id) && (stored[id] === HOLDOUT_ARM || stored[id] === PERSONALIZED_ARM)) return stored[id]!;
  return inShare(seed, visitor, share) ? HOLDOUT_ARM : PERSONALIZED_ARM;
}

/** A running experiment's arm for each slot it targets. */
export interface TargetArm {
  experiment: Experiment;
  arm: Arm;
}

/**
 * Every running experiment the visitor is in, keyed by the slots (and "sort") it targets.
 * @example experimentArms(config, "v_12345678", segments, {}, Date.now()).get("hero")?.arm.id // "control"
 */
export function experimentArms(config: SiteConfig, visitor: string, segments: readonly string[], stored: Assignments, now: number): Map<string, TargetArm> {
  const byTarget = new Map<string, TargetArm>();
  for (const experiment of config.experiments ?? []) {
    const arm = armFor(experiment, visitor, segments, stored, now);
    if (!arm) continue;
    for (const target of experiment.targets) if (!byTarget.has(target)) byTarget.set(target, { experiment, arm });
  }
  return byTarget;
}
