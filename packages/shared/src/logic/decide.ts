import type { Traits } from "../schema/traits";
import type { HeroRule, Settings, SiteConfig, SlotVariant, SortRule, SortStrategy } from "../schema/config";
import type { Decision, Reason, SlotContent } from "../schema/decision";
import type { ProductCard } from "../schema/event";
import { withDefaults } from "./settings";
import { segmentsFor } from "./condition";
import { firstMatch, type RuleMatch } from "./rules";
import { sortProducts } from "./sort";
import { overrideLine, partLine, visitorLines, type Audience } from "./explain";
import { experimentArms, holdoutArm, HOLDOUT_ARM, ruleHoldoutId, SITE_HOLDOUT, type Assignments, type TargetArm } from "./enroll";

/**
 * What a decision is made from; `products` are the page's product cards, ordered into `sort.skus`.
 * `assignments` are the arms the visitor was given before (they keep them); `now` decides which
 * experiments are enrolling.
 * @example const input: DecideInput = { visitor: "v_12345678", traits, config, products: [{ sku: "A", price: 10 }] };
 */
export interface DecideInput {
  visitor: string;
  traits: Traits;
  config: SiteConfig;
  products?: readonly ProductCard[];
  assignments?: Assignments;
  now?: number;
  /** Who reads `explain`: a shop page (no amounts, places or campaigns) or the merchant (default). */
  audience?: Audience;
}

/** A decision with everything the pure function knows; the worker leaves out what the page did not ask for. */
export type FullDecision = Omit<Decision, "traits" | "explain"> & { traits: Traits; explain: string[] };

/** One content slot as the rules see it; the hero is the slot "hero". */
interface ContentSlot {
  id: string;
  label: string;
  variants: Readonly<Record<string, SlotVariant>>;
  rules: readonly HeroRule[];
  fallback: string | null;
}

/** The hero and every declared slot, hero first. */
function contentSlots(config: SiteConfig): ContentSlot[] {
  const hero: ContentSlot = { id: "hero", label: "Hero", variants: config.heroes, rules: config.heroRules, fallback: config.defaultHero };
  const rest = Object.entries(config.slots ?? {}).map(([id, slot]) => ({ id, label: `Slot "${id}"`, variants: slot.variants, rules: slot.rules, fallback: slot.default }));
  return [hero, ...rest];
}

/** What every part's decision needs to know about the visitor. */
interface PartContext {
  visitor: string;
  traits: Traits;
  config: SiteConfig;
  settings: Settings;
  segments: string[];
  stored: Assignments;
  heldOut: boolean;
  arms: Map<string, TargetArm>;
  enrolled: Map<string, string>;
  audience: Audience;
}

/** The outcome of one part: the chosen value, its reason, and its line of explanation. */
interface Chosen<V> {
  value: V;
  rule: string;
  reason: Reason;
  line: string;
}

function matchReason<R extends { id: string }>(match: RuleMatch<R> | null): Reason {
  if (!match) return { rule: "default", basis: "default" };
  return {
    rule: match.rule.id,
    basis: match.interest ? "interest" : "segment",
    ...(match.segment !== undefined && { segment: match.segment }),
    ...(match.interest && { interest: match.interest.category }),
  };
}

/**
 * One part (a slot, or the sort): the rules' choice, unless the site holdout, an experiment arm
 * or the matched rule's holdout decides otherwise. `serve` reads what an arm serves here.
 */
function choosePart<R extends HeroRule | SortRule, V>(
  ctx: PartContext,
  part: { id: string; label: string; rules: readonly R[]; fallback: V; valueOf: (rule: R) => V; fromArm: (arm: TargetArm["arm"]) => V | undefined; name: (value: V) => string | null },
): Chosen<V> {
  const { traits, config, settings } = ctx;
  const holdoutReason = (experiment: string): Reason => ({ rule: "default", basis: "holdout", experiment, arm: HOLDOUT_ARM });
  if (ctx.heldOut) {
    return { value: part.fallback, rule: "default", reason: holdoutReason(SITE_HOLDOUT), line: overrideLine(part.label, part.name(part.fallback), { experiment: SITE_HOLDOUT, arm: HOLDOUT_ARM, holdout: true }) };
  }
  const match = firstMatch(part.rules, ctx.segments, traits, settings);
  const personalized: Chosen<V> = {
    value: match ? part.valueOf(match.rule) : part.fallback,
    rule: match?.rule.id ?? "default",
    reason: matchReason(match),
    line: partLine(part.label, part.name(match ? part.valueOf(match.rule) : part.fallback), match, traits, config, settings, ctx.audience),
  };
  const tested = ctx.arms.get(part.id);
  if (tested) {
    const served = tested.arm.control ? undefined : part.fromArm(tested.arm);
    const by = { experiment: tested.experiment.id, arm: tested.arm.id };
    if (served === undefined) return { ...personalized, reason: { ...personalized.reason, ...by } };
    return { value: served, rule: `experiment:${tested.experiment.id}`, reason: { rule: `experiment:${tested.experiment.id}`, basis: "experiment", ...by }, line: overrideLine(part.label, part.name(served), { ...by, holdout: false }) };
  }
  const share = match?.rule.holdout;
  if (match && share !== undefined && share > 0) {
    const id = ruleHoldoutId(match.rule.id);
    const arm = holdoutArm(id, id, ctx.visitor, share, ctx.stored);
    ctx.enrolled.set(id, arm);
    if (arm === HOLDOUT_ARM) return { value: part.fallback, rule: "default", reason: holdoutReason(id), line: overrideLine(part.label, part.name(part.fallback), { experiment: id, arm, holdout: true }) };
  }
  return personalized;
}

function slotContent(slot: ContentSlot, chosen: Chosen<string | null>): SlotContent | null {
  if (chosen.value === null || !Object.hasOwn(slot.variants, chosen.value)) return null;
  return { variant: chosen.value, rule: chosen.rule, reason: chosen.reason, ...slot.variants[chosen.value] };
}

/**
 * The decision for a visitor: the segments they are in; for the hero, every content slot and the
 * sort, the first matching rule (or the default) unless an experiment arm or a holdout decides;
 * the experiments and holdouts they are enrolled in; and in `explain` the traits, segment, rule
 * or arm behind each part (`reason` says the same as data).
 * @example
 * const decision = decide({ visitor: "v_12345678", traits, config, products });
 * decision.hero.variant // "noise-canceling"
 * decision.hero.reason // { rule: "nc-interest", basis: "interest", interest: "noise-canceling" }
 */
export function decide(input: DecideInput): FullDecision {
  const { visitor, traits, config, products } = input;
  const settings = withDefaults(config.settings);
  const segments = segmentsFor(traits, config);
  const stored = input.assignments ?? {};
  const enrolled = new Map<string, string>();
  const holdout = config.holdout && config.holdout.share > 0 ? holdoutArm(SITE_HOLDOUT, config.holdout.seed, visitor, config.holdout.share, stored) : undefined;
  if (holdout) enrolled.set(SITE_HOLDOUT, holdout);
  const heldOut = holdout === HOLDOUT_ARM;
  const arms = heldOut ? new Map<string, TargetArm>() : experimentArms(config, visitor, segments, stored, input.now ?? Date.now());
  for (const { experiment, arm } of arms.values()) enrolled.set(experiment.id, arm.id);
  const audience = input.audience ?? "admin";
  const ctx: PartContext = { visitor, traits, config, settings, segments, stored, heldOut, arms, enrolled, audience };

  const slots: Record<string, SlotContent | null> = {};
  const lines: string[] = [];
  for (const slot of contentSlots(config)) {
    const rules = slot.rules.filter((rule) => Object.hasOwn(slot.variants, rule.variant));
    const chosen = choosePart(ctx, { id: slot.id, label: slot.label, rules, fallback: slot.fallback, valueOf: (rule) => rule.variant, fromArm: (arm) => arm.slots?.[slot.id], name: (value) => value });
    slots[slot.id] = slotContent(slot, chosen);
    lines.push(chosen.line);
  }
  const sort = choosePart<SortRule, SortStrategy>(ctx, {
    id: "sort",
    label: "Sort",
    rules: config.sortRules,
    fallback: config.defaultSort ?? "default",
    valueOf: (rule) => rule.strategy,
    fromArm: (arm) => arm.sort,
    name: (value) => value,
  });
  lines.splice(1, 0, sort.line);
  const hero = slots.hero;
  if (!hero || hero.image === undefined || hero.alt === undefined || hero.headline === undefined) {
    throw new Error(`vitrine: hero "${config.defaultHero}" is missing from the config of site "${config.site}"`);
  }
  return {
    visitor,
    traits,
    segments,
    hero: { ...hero, image: hero.image, alt: hero.alt, headline: hero.headline },
    slots,
    sort: { strategy: sort.value, rule: sort.rule, reason: sort.reason, ...(products && { skus: sortProducts(sort.value, products, heldOut ? null : traits) }) },
    experiments: [...enrolled].map(([id, arm]) => ({ id, arm })),
    explain: [...lines, ...visitorLines(traits, segments, audience)],
    ttl: settings.ttl,
  };
}

/**
 * Why a visitor gets the default decision: a bot, a browser sending Global Privacy Control, a
 * withdrawn consent, or a fallback (a store did not answer in time).
 */
export type DefaultReason = "bot" | "gpc" | "consent" | "fallback";

const DEFAULT_WORDS: Record<DefaultReason, string> = {
  bot: "Bot traffic",
  gpc: "Global Privacy Control",
  consent: "Consent was withdrawn (this visitor's data was deleted)",
  fallback: "The visitor's profile could not be read in time",
};

/**
 * What bots, visitors with Global Privacy Control and those who withdrew consent get: every
 * slot's default, the default sort, no segments, no experiments, nothing personal. `reason`
 * (default `"bot"`) is named in `explain` and each part's `reason`; `bot` is true only for bots.
 * @example defaultDecision({ visitor: "v_12345678", traits, config }).hero.reason // { rule: "default", basis: "bot" }
 * @example defaultDecision({ visitor: "v_12345678", traits, config, reason: "gpc" }).bot // false
 */
export function defaultDecision(input: DecideInput & { reason?: DefaultReason }): FullDecision {
  const { visitor, traits, config, products, reason = "bot" } = input;
  const strategy = config.defaultSort ?? "default";
  const why: Reason = { rule: "default", basis: reason };
  const slots: Record<string, SlotContent | null> = {};
  for (const slot of contentSlots(config)) {
    slots[slot.id] = slot.fallback !== null && Object.hasOwn(slot.variants, slot.fallback) ? { variant: slot.fallback, rule: "default", reason: why, ...slot.variants[slot.fallback] } : null;
  }
  const hero = slots.hero;
  if (!hero || hero.image === undefined || hero.alt === undefined || hero.headline === undefined) {
    throw new Error(`vitrine: hero "${config.defaultHero}" is missing from the config of site "${config.site}"`);
  }
  return {
    visitor,
    traits,
    segments: [],
    hero: { ...hero, image: hero.image, alt: hero.alt, headline: hero.headline },
    slots,
    sort: { strategy, rule: "default", reason: why, ...(products && { skus: sortProducts(strategy, products, null) }) },
    experiments: [],
    explain: [`${DEFAULT_WORDS[reason]}: default hero "${config.defaultHero}" and sort "${strategy}", ${reason === "fallback" ? "this time only" : "no personalization and nothing recorded"}.`],
    ttl: withDefaults(config.settings).ttl,
    bot: reason === "bot",
  };
}
