import type { Condition, HeroRule, Segment, SiteConfig } from "../schema/config";
import type { Tier, Trigger } from "../schema/tiers";

/** The segment id a trigger's condition is compiled into. */
export const triggerSegment = (id: string) => `trigger-${id}`.slice(0, 63);

/**
 * A tier's levels as plain segments: each level above its `above` and not above the level before's.
 * @example tierSegments({ id: "spend", trait: "value.totalSpend", levels: [{ segment: "gold", name: "Gold", above: 2000 }, { segment: "silver", name: "Silver" }] })[1].when
 * // { trait: "value.totalSpend", op: "lte", value: 2000 }
 */
export function tierSegments(tier: Tier): Segment[] {
  return tier.levels.map((level, i) => {
    const parts: Condition[] = [];
    if (level.above !== undefined) parts.push({ trait: tier.trait, op: "gt", value: level.above });
    const before = tier.levels[i - 1]?.above;
    if (before !== undefined) parts.push({ trait: tier.trait, op: "lte", value: before });
    const when: Condition = parts.length === 1 ? parts[0]! : { all: parts };
    return { id: level.segment, name: level.name, description: `Tier "${tier.id}"`, when };
  });
}

/** A trigger's condition as a segment, and its action as a slot rule. */
export function triggerParts(trigger: Trigger): { segment: Segment; rule: HeroRule } {
  const segment = triggerSegment(trigger.id);
  return { segment: { id: segment, name: trigger.name ?? `Trigger "${trigger.id}"`, when: trigger.when }, rule: { id: trigger.id, segment, variant: trigger.show } };
}

const compiled = new WeakMap<SiteConfig, SiteConfig>();

/**
 * The config with its tiers and triggers compiled into the same segments and slot rules a merchant
 * could have written by hand (a trigger's rule first among its slot's, the hero's included). The
 * same config object gives the same result, computed once.
 * @example compileConfig(config).segments.map((s) => s.id) // [..., "platinum", "gold", "silver", "trigger-remind-cart"]
 */
export function compileConfig(config: SiteConfig): SiteConfig {
  if (!config.tiers?.length && !config.triggers?.length) return config;
  const hit = compiled.get(config);
  if (hit) return hit;
  const triggers = (config.triggers ?? []).map(triggerParts);
  const rulesFor = (slot: string) => triggers.filter((_, i) => config.triggers![i]!.slot === slot).map((part) => part.rule);
  const slots = Object.fromEntries(Object.entries(config.slots).map(([id, slot]) => [id, { ...slot, rules: [...rulesFor(id), ...slot.rules] }]));
  const out: SiteConfig = {
    ...config,
    segments: [...config.segments, ...(config.tiers ?? []).flatMap(tierSegments), ...triggers.map((part) => part.segment)],
    heroRules: [...rulesFor("hero"), ...config.heroRules],
    slots,
  };
  compiled.set(config, out);
  return out;
}
