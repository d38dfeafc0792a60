import { CHANNELS, CUSTOMER_STAGES, INTENTS, OPERATORS, SORT_STRATEGIES, TRAIT_PATHS, type Condition, type SiteConfig, type TraitPath } from "@vitrine/shared/schema";

/** How the console picks a value for a trait: from a list, a yes/no, a number or free text (with suggestions). */
export type TraitKind = { kind: "enum"; values: readonly string[] } | { kind: "boolean" } | { kind: "number"; min?: number; max?: number } | { kind: "text"; suggest?: "countries" };

const num = (min?: number, max?: number): TraitKind => ({ kind: "number", ...(min !== undefined && { min }), ...(max !== undefined && { max }) });
const yesNo: TraitKind = { kind: "boolean" };

/** Every trait path a condition may test, with how its value is picked. Exhaustive over TRAIT_PATHS. */
export const TRAIT_KINDS = {
  "lifecycle.visit": { kind: "enum", values: ["new", "returning"] },
  "lifecycle.sessions": num(0),
  "lifecycle.stage": { kind: "enum", values: CUSTOMER_STAGES },
  "lifecycle.identified": yesNo,
  "lifecycle.subscribed": yesNo,
  "lifecycle.daysSinceOrder": num(0),
  "intent.kind": { kind: "enum", values: INTENTS },
  "intent.buyer": num(0, 1),
  "intent.researcher": num(0, 1),
  "value.orders": num(0),
  "value.aov": num(0),
  "value.totalSpend": num(0),
  "value.trustedSpend": num(0),
  "value.bigSpender": yesNo,
  "value.vip": yesNo,
  "value.active": yesNo,
  "value.couponLover": yesNo,
  "value.cartAbandoner": yesNo,
  "source.channel": { kind: "enum", values: CHANNELS },
  "source.source": { kind: "text" },
  "source.medium": { kind: "text" },
  "source.campaign": { kind: "text" },
  "firstSource.channel": { kind: "enum", values: CHANNELS },
  "source.term": { kind: "text" },
  "source.clickId": { kind: "text" },
  "product.brand": { kind: "text" },
  "product.price": num(0),
  /** Named by the site's price band edges: "<25", "100-250", "1000+". */
  "product.priceBand": { kind: "text" },
  "geo.country": { kind: "text", suggest: "countries" },
  "geo.localHour": num(0, 23),
} satisfies Record<TraitPath, TraitKind>;

function conditionInterests(cond: Condition, into: Set<string>): void {
  if ("all" in cond) cond.all.forEach((c) => conditionInterests(c, into));
  else if ("any" in cond) cond.any.forEach((c) => conditionInterests(c, into));
  else if ("not" in cond) conditionInterests(cond.not, into);
  else if ("interest" in cond) into.add(cond.interest);
}

/**
 * The categories a config already names (rule interests and interest conditions).
 * @example configCategories(demo) // ["noise-canceling", "bluetooth", "men's", …]
 */
export function configCategories(config: SiteConfig): string[] {
  const found = new Set<string>();
  for (const rule of [...config.heroRules, ...config.sortRules, ...Object.values(config.slots ?? {}).flatMap((slot) => slot.rules)]) if (rule.interest) found.add(rule.interest);
  for (const segment of config.segments) conditionInterests(segment.when, found);
  return [...found];
}

/**
 * What the console's pickers offer: the trait paths with their kinds, the operators and sort
 * strategies the schema has, and the categories and countries the site is known to have.
 * @example vocabulary(config, { categories: ["kids"], countries: ["DE"] }).traits[0] // { path: "lifecycle.visit", kind: "enum", values: ["new", "returning"] }
 */
export function vocabulary(config: SiteConfig, seen: { categories: readonly string[]; countries: readonly string[] }) {
  const categories = [...new Set([...seen.categories, ...configCategories(config)])].sort();
  return {
    traits: TRAIT_PATHS.map((path) => ({ path, ...TRAIT_KINDS[path] })),
    operators: OPERATORS,
    sortStrategies: SORT_STRATEGIES,
    channels: CHANNELS,
    categories,
    countries: [...new Set(seen.countries)].sort(),
  };
}
