import type { Traits } from "../schema/traits";
import type { HeroRule, Settings, SiteConfig, SlotVariant, SortRule, SortStrategy } from "../schema/config";
import type { Decision, Reason, SlotContent } from "../schema/decision";
import type { ProductCard } from "../schema/event";
import { withDefaults } from "./settings";
import { segmentsFor } from "./condition";
import { firstMatch, type RuleMatch } from "./rules";
import { sortProducts } from "./sort";
import { overrideLine, partLine, visitorLines, type Audience } from "./explain";
import { fillVariant, type SlotFacts } from "./slot-fill";
import { compileConfig } from "./compile";
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
  /** The visitor's cart (for cart reminders) and the page's product counts (for social proof). */
  cart?: SlotFacts["cart"];
  proof?: SlotFacts["proof"];
}

/** A decision with everything the pure function knows; the worker leaves out what the page did not ask for. */
export type FullDecision = Omit<Decision, "traits" | "explain"> & {
  traits: Traits;
  explain: string[];
  /** Slots whose offer hands out a single-use code, and the pool it comes from: the worker draws the code (and leaves this out of the answer). */
  pools?: Record<string, string>;
};

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

/** What the slot's variants show for these facts; a variant missing here is not shown (see fillVariant). */
function fillSlot(slot: ContentSlot, facts: SlotFacts): Map<string, ReturnType<typeof fillVariant>> {
  const filled = new Map<string, ReturnType<typeof fillVariant>>();
  for (const [id, variant] of Object.entries(slot.variants)) {
    const content = fillVariant(variant, facts);
    if (content) filled.set(id, content);
  }
  return filled;
}

/** The decided slot's content (null: nothing), noting a single-use code's pool in `pools`. */
function slotContent(slot: ContentSlot, chosen: Chosen<string | null>, filled: ReturnType<typeof fillSlot>, pools: Record<string, string>): SlotContent | null {
  const shown = chosen.value === null ? undefined : filled.get(chosen.value);
  if (!shown) return null;
  if (shown.pool !== undefined) pools[slot.id] = shown.pool;
  return { variant: chosen.value!, rule: chosen.rule, reason: chosen.reason, ...shown.content };
}

/**
 * Seconds the page may keep `slots`: the site's ttl, and never past an offer's end, so an
 * expired offer is gone within one ttl.
 * @example ttlFor(300, slots, now) // 42 when an offer ends in 41.2 s
 */
function ttlFor(ttl: number, slots: Record<string, SlotContent | null>, now: number): number {
  let seconds = ttl;
  for (const slot of Object.values(slots)) {
    const endsAt = slot?.offer?.endsAt;
    if (endsAt !== undefined) seconds = Math.min(seconds, Math.max(0, Math.ceil((endsAt - now) / 1000)));
  }
  return seconds;
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
  const { visitor, traits, products } = input;
  const config = compileConfig(input.config);
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

  const now = input.now ?? Date.now();
  const facts: SlotFacts = { now, ...(input.cart && { cart: input.cart }), ...(input.proof && { proof: input.proof }) };
  const slots: Record<string, SlotContent | null> = {};
  const pools: Record<string, string> = {};
  const lines: string[] = [];
  for (const slot of contentSlots(config)) {
    // Variants whose offer is closed, whose cart is empty or whose count is below its minimum take no part.
    const filled = fillSlot(slot, facts);
    const shows = (variant: string | null) => (variant !== null && filled.has(variant) ? variant : null);
    const rules = slot.rules.filter((rule) => filled.has(rule.variant));
    const chosen = choosePart(ctx, { id: slot.id, label: slot.label, rules, fallback: shows(slot.fallback), valueOf: (rule): string | null => rule.variant, fromArm: (arm) => { const variant = arm.slots?.[slot.id]; return variant === undefined ? undefined : shows(variant); }, name: (value) => value });
    slots[slot.id] = slotContent(slot, chosen, filled, pools);
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
    ttl: ttlFor(settings.ttl, slots, now),
    ...(Object.keys(pools).length > 0 && { pools }),
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
  const now = input.now ?? Date.now();
  const slots: Record<string, SlotContent | null> = {};
  for (const slot of contentSlots(config)) {
    // Nothing personal: no cart, no single-use code; an open offer's shared code is for everyone.
    const shown = slot.fallback !== null && Object.hasOwn(slot.variants, slot.fallback) ? fillVariant(slot.variants[slot.fallback]!, { now, personal: false }) : null;
    slots[slot.id] = shown ? { variant: slot.fallback!, rule: "default", reason: why, ...shown.content } : null;
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
    ttl: ttlFor(withDefaults(config.settings).ttl, slots, now),
    bot: reason === "bot",
  };
}
