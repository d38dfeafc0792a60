import type { Experiment, Holdout } from "./experiment";
import type { Slot } from "./content";
import { RESERVED_SLOTS } from "./content";

/** What a config's cross-checks push their findings into (zod's refinement issues). */
export type Issues = { code: "custom"; input: unknown; path: PropertyKey[]; message: string }[];

/** The parts of a config the cross-checks read. */
interface Checked {
  heroes: Record<string, unknown>;
  slots: Record<string, Slot>;
  experiments: Experiment[];
  holdout?: Holdout;
}

const own = (record: object, key: string) => Object.hasOwn(record, key);

/** Declared slots: reserved ids refused, default and rule variants defined, rule segments defined. */
export function checkSlots(config: Checked, segments: ReadonlySet<string>, issues: Issues): void {
  for (const [id, slot] of Object.entries(config.slots)) {
    const at = (...rest: PropertyKey[]) => ["slots", id, ...rest];
    if ((RESERVED_SLOTS as readonly string[]).includes(id)) {
      issues.push({ code: "custom", input: id, path: at(), message: `"${id}" is not a slot id here: the hero is configured by heroes/heroRules, sorting by sortRules` });
    }
    if (slot.default !== null && !own(slot.variants, slot.default)) {
      issues.push({ code: "custom", input: slot.default, path: at("default"), message: `default "${slot.default}" is not one of this slot's variants (use null to show nothing)` });
    }
    slot.rules.forEach((rule, i) => {
      if (!own(slot.variants, rule.variant)) issues.push({ code: "custom", input: rule.variant, path: at("rules", i, "variant"), message: `variant "${rule.variant}" is not one of this slot's variants` });
      if (rule.segment !== undefined && !segments.has(rule.segment)) {
        issues.push({ code: "custom", input: rule.segment, path: at("rules", i, "segment"), message: `segment "${rule.segment}" is not defined in segments` });
      }
      if (rule.segment === undefined && rule.interest === undefined) issues.push({ code: "custom", input: rule, path: at("rules", i), message: "a rule needs a segment, an interest or both" });
    });
  }
}

/** Whether `variant` is a variant of `slot` ("hero" means the heroes). */
function hasVariant(config: Checked, slot: string, variant: string): boolean {
  if (slot === "hero") return own(config.heroes, variant);
  return own(config.slots, slot) && own(config.slots[slot]!.variants, variant);
}

/**
 * Experiments: unique ids, targets that exist, exactly one control that serves nothing of its
 * own, arms that serve variants of their targets only, and one running experiment per target
 * (one layer per slot).
 */
export function checkExperiments(config: Checked, segments: ReadonlySet<string>, issues: Issues): void {
  const ids = new Set<string>();
  const runningTargets = new Map<string, string>();
  config.experiments.forEach((experiment, e) => {
    const at = (...rest: PropertyKey[]) => ["experiments", e, ...rest];
    const push = (path: PropertyKey[], message: string, input: unknown = experiment) => issues.push({ code: "custom", input, path, message });
    if (ids.has(experiment.id)) push(at("id"), `experiment id "${experiment.id}" is used twice`);
    if (experiment.id === "holdout" || experiment.id.startsWith("holdout-")) push(at("id"), `experiment ids "holdout" and "holdout-…" are the holdouts' own; choose another`);
    ids.add(experiment.id);
    if (experiment.segment !== undefined && !segments.has(experiment.segment)) push(at("segment"), `segment "${experiment.segment}" is not defined in segments`);
    experiment.targets.forEach((target, t) => {
      if (target !== "hero" && target !== "sort" && !own(config.slots, target)) push(at("targets", t), `target "${target}" is neither "hero", "sort" nor one of the slots`);
      if (experiment.status !== "running") return;
      const other = runningTargets.get(target);
      if (other) push(at("targets", t), `slot "${target}" is already tested by running experiment "${other}": one running experiment per slot`);
      else runningTargets.set(target, experiment.id);
    });
    const controls = experiment.arms.filter((arm) => arm.control);
    if (controls.length !== 1) push(at("arms"), `an experiment needs exactly one arm with "control": true (found ${controls.length})`);
    const arms = new Set<string>();
    let weight = 0;
    experiment.arms.forEach((arm, a) => {
      weight += arm.weight;
      if (arms.has(arm.id)) push(at("arms", a, "id"), `arm id "${arm.id}" is used twice`);
      arms.add(arm.id);
      if (arm.control && (arm.slots !== undefined || arm.sort !== undefined)) push(at("arms", a), "the control arm serves what the visitor would get anyway: give it no slots or sort");
      for (const [slot, variant] of Object.entries(arm.slots ?? {})) {
        if (!experiment.targets.includes(slot) || slot === "sort") push(at("arms", a, "slots", slot), `slot "${slot}" is not among this experiment's targets`);
        else if (variant === null ? slot === "hero" : !hasVariant(config, slot, variant)) push(at("arms", a, "slots", slot), variant === null ? "the hero always shows a variant: null is for other slots" : `variant "${variant}" is not one of slot "${slot}"'s variants`);
      }
      if (arm.sort !== undefined && !experiment.targets.includes("sort")) push(at("arms", a, "sort"), 'an arm may set sort only when the experiment targets "sort"');
    });
    if (weight <= 0) push(at("arms"), "the arms' weights add up to 0");
    if (experiment.start != null && experiment.stop != null && experiment.stop <= experiment.start) push(at("stop"), "stop must come after start");
  });
}
