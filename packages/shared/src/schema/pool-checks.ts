import type { Condition, TraitPath } from "./condition";
import type { Slot } from "./content";
import type { Experiment } from "./experiment";
import type { Tier, Trigger } from "./tiers";
import type { Issues } from "./config-checks";
import { tierSegments } from "../logic/compile";

/**
 * Traits a visitor cannot raise from their own browser: `value.trustedSpend` counts orders the
 * shop's backend confirmed only. Every other trait is folded from events the browser sends (a
 * forged `purchase` raises `value.totalSpend`, `value.vip`, `value.orders`, the tiers on them …)
 * or is anyone's for the asking (geo, source, a fresh id), so it cannot guard a pool of codes.
 */
export const TRUSTED_TRAITS: readonly TraitPath[] = ["value.trustedSpend"];

/**
 * Whether `when` holds only for visitors with a trusted trait above zero: a trusted trait tested
 * `gt` ≥ 0, `gte` or `eq` > 0, alone, inside an `all`, or in every branch of an `any`.
 * @example requiresTrusted({ trait: "value.trustedSpend", op: "gt", value: 500 }) // true
 */
export function requiresTrusted(when: Condition): boolean {
  if ("all" in when) return when.all.some(requiresTrusted);
  if ("any" in when) return when.any.every(requiresTrusted);
  if (!("trait" in when) || !TRUSTED_TRAITS.includes(when.trait) || typeof when.value !== "number") return false;
  return when.op === "gt" ? when.value >= 0 : (when.op === "gte" || when.op === "eq") && when.value > 0;
}

interface PoolChecked {
  segments: { id: string; when: Condition }[];
  tiers?: Tier[];
  triggers?: Trigger[];
  slots: Record<string, Slot>;
  experiments: Experiment[];
}

/**
 * Single-use codes go to visitors a rule aims at: a rule (or trigger, or experiment arm) that
 * shows a pooled offer must be aimed at a segment that requires a trusted trait (see
 * `requiresTrusted`), or three fresh ids sending forged purchases could empty the pool. A pooled
 * variant as a slot's `default` is left alone: it is a giveaway to every visitor by design.
 */
export function checkPools(config: PoolChecked, issues: Issues): void {
  const when = new Map<string, Condition>();
  for (const segment of [...config.segments, ...(config.tiers ?? []).flatMap(tierSegments)]) when.set(segment.id, segment.when);
  const pooled = (slot: string, variant: string | null | undefined) =>
    variant != null && Object.hasOwn(config.slots, slot) && Object.hasOwn(config.slots[slot]!.variants, variant) && config.slots[slot]!.variants[variant]!.offer?.pool !== undefined;
  const guarded = (segment: string | undefined) => segment !== undefined && when.has(segment) && requiresTrusted(when.get(segment)!);
  const refuse = (path: PropertyKey[], input: unknown, who: string) =>
    issues.push({ code: "custom", input, path, message: `${who} shows single-use codes from a pool, so it must be aimed at a segment that requires a trusted trait (${TRUSTED_TRAITS.join(", ")} above 0): browser-reported traits can be forged to empty the pool` });
  for (const [id, slot] of Object.entries(config.slots)) {
    slot.rules.forEach((rule, i) => {
      if (pooled(id, rule.variant) && !guarded(rule.segment)) refuse(["slots", id, "rules", i, "segment"], rule.segment, `rule "${rule.id}"`);
    });
  }
  config.triggers?.forEach((trigger, i) => {
    if (pooled(trigger.slot, trigger.show) && !requiresTrusted(trigger.when)) refuse(["triggers", i, "when"], trigger.when, `trigger "${trigger.id}"`);
  });
  config.experiments.forEach((experiment, e) =>
    experiment.arms.forEach((arm, a) => {
      for (const [slot, variant] of Object.entries(arm.slots ?? {})) {
        if (pooled(slot, variant) && !guarded(experiment.segment)) refuse(["experiments", e, "arms", a, "slots", slot], variant, `experiment "${experiment.id}"`);
      }
    }),
  );
}
