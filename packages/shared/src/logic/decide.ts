import type { Traits } from "../schema/traits";
import type { SiteConfig, SortStrategy } from "../schema/config";
import type { Decision } from "../schema/decision";
import type { ProductCard } from "../schema/event";
import { withDefaults } from "./settings";
import { segmentsFor } from "./condition";
import { firstMatch } from "./rules";
import { sortProducts } from "./sort";
import { partLine, visitorLines } from "./explain";

/**
 * What a decision is made from; `products` are the page's product cards, ordered into `sort.skus`.
 * @example const input: DecideInput = { visitor: "v_12345678", traits, config, products: [{ sku: "A", price: 10 }] };
 */
export interface DecideInput {
  visitor: string;
  traits: Traits;
  config: SiteConfig;
  products?: readonly ProductCard[];
}

/** Own heroes only: a variant called `constructor` must not find Object's constructor. */
function hasHero(config: SiteConfig, variant: string): boolean {
  return Object.hasOwn(config.heroes, variant);
}

function heroOf(config: SiteConfig, variant: string, rule: string): Decision["hero"] {
  const hero = hasHero(config, variant) ? config.heroes[variant] : undefined;
  if (!hero) throw new Error(`vitrine: hero "${variant}" is missing from the config of site "${config.site}"`);
  return { variant, rule, ...hero };
}

function sortOf(strategy: SortStrategy, rule: string, products: readonly ProductCard[] | undefined, traits: Traits | null): Decision["sort"] {
  return products ? { strategy, rule, skus: sortProducts(strategy, products, traits) } : { strategy, rule };
}

/**
 * The decision for a visitor: the segments they are in, the first matching hero and sort
 * rules (or the defaults), and in `explain` the traits, segment and rule behind each part.
 * Experiments are not assigned yet (`[]`).
 * @example
 * const decision = decide({ visitor: "v_12345678", traits, config, products });
 * decision.hero.variant // "noise-canceling"
 * decision.explain[0] // 'Hero "noise-canceling" chosen by rule "nc-interest": noise-canceling is the strongest interest (…).'
 */
export function decide(input: DecideInput): Decision {
  const { visitor, traits, config, products } = input;
  const settings = withDefaults(config.settings);
  const segments = segmentsFor(traits, config);
  const heroRules = config.heroRules.filter((rule) => hasHero(config, rule.variant));
  const heroMatch = firstMatch(heroRules, segments, traits, settings);
  const sortMatch = firstMatch(config.sortRules, segments, traits, settings);
  const variant = heroMatch?.rule.variant ?? config.defaultHero;
  const strategy = sortMatch?.rule.strategy ?? config.defaultSort ?? "default";
  return {
    visitor,
    traits,
    segments,
    hero: heroOf(config, variant, heroMatch?.rule.id ?? "default"),
    sort: sortOf(strategy, sortMatch?.rule.id ?? "default", products, traits),
    experiments: [],
    explain: [
      partLine("Hero", variant, heroMatch, traits, config, settings),
      partLine("Sort", strategy, sortMatch, traits, config, settings),
      ...visitorLines(traits, segments),
    ],
    ttl: settings.ttl,
  };
}

/** Why a visitor gets the default decision: a bot, or a browser sending Global Privacy Control. */
export type DefaultReason = "bot" | "gpc";

/**
 * What bots and visitors with Global Privacy Control get: the default hero and sort, no
 * segments, nothing personal. `reason` (default `"bot"`) names which in `explain`; `bot` is true
 * only for bots.
 * @example defaultDecision({ visitor: "v_12345678", traits, config }).hero.rule // "default"
 * @example defaultDecision({ visitor: "v_12345678", traits, config, reason: "gpc" }).bot // false
 */
export function defaultDecision(input: DecideInput & { reason?: DefaultReason }): Decision {
  const { visitor, traits, config, products, reason = "bot" } = input;
  const strategy = config.defaultSort ?? "default";
  const gpc = reason === "gpc";
  return {
    visitor,
    traits,
    segments: [],
    hero: heroOf(config, config.defaultHero, "default"),
    sort: sortOf(strategy, "default", products, null),
    experiments: [],
    explain: [`${gpc ? "Global Privacy Control" : "Bot traffic"}: default hero "${config.defaultHero}" and sort "${strategy}", no personalization and nothing recorded.`],
    ttl: withDefaults(config.settings).ttl,
    bot: !gpc,
  };
}
