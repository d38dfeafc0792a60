import type { Profile } from "../schema/profile";
import type { Event } from "../schema/event";
import { MAX_CATEGORY_DEPTH, PROFILE_LIMITS } from "./limits";
import { normalizeCategory } from "./category";
import { DAY_MS } from "./time";

type Interests = Profile["interests"];
type Stored = Interests[string];

/** A category an event names, with its position on the event's breadcrumb (0 at the root). */
export interface CategoryHit {
  category: string;
  depth: number;
}

/** A category's score decayed to a moment, and the deepest breadcrumb position it was seen at. */
export interface RankedInterest {
  category: string;
  score: number;
  depth: number;
}

/** How much one event says about interest in each category on its path. */
export const INTEREST_WEIGHTS: Partial<Record<Event["type"], number>> = {
  product_view: 1,
  category_view: 1,
  add_to_cart: 2,
  purchase: 3,
};

/**
 * `score` (as of `from`) decayed to `to` with an exponential half-life in days. Never grows:
 * a reading before `from` returns the score unchanged.
 * @example decayed(4, 0, 14 * 86_400_000, 14) // 2
 */
export function decayed(score: number, from: number, to: number, halfLifeDays: number): number {
  if (to <= from || !(halfLifeDays > 0)) return score;
  return score * 2 ** (-(to - from) / (halfLifeDays * DAY_MS));
}

/**
 * Assigning `__proto__` on a plain object replaces its prototype instead of adding a key, so that
 * one category is stored under a key no normalized name can have (those never start with a space).
 */
const PROTO = "__proto__";
const PROTO_KEY = " __proto__";
const keyOf = (category: string) => (category === PROTO ? PROTO_KEY : category);
const categoryOf = (key: string) => (key === PROTO_KEY ? PROTO : key);

/** Own entries only: a category may well be called `constructor` or `toString`. */
const entryOf = (interests: Interests, key: string): Stored | undefined => (Object.hasOwn(interests, key) ? interests[key] : undefined);

/** A stored figure as a finite number: JSON keeps a NaN as null, and a stored profile may lack `depth`. */
const finite = (x: number | null | undefined, otherwise: number) => (typeof x === "number" && Number.isFinite(x) ? x : otherwise);

/**
 * The normalized, de-duplicated categories an event names (its own and its product's), each with
 * the deepest position it holds on either breadcrumb, capped at MAX_CATEGORY_DEPTH.
 * @example eventCategories({ categories: ["Headphones"], product: { sku: "a", price: 1, categories: ["Audio", "headphones"] } })
 * // [{ category: "headphones", depth: 1 }, { category: "audio", depth: 0 }]
 */
export function eventCategories(event: Pick<Event, "categories" | "product">): CategoryHit[] {
  const depths = new Map<string, number>();
  for (const trail of [event.categories, event.product?.categories]) {
    let depth = 0;
    for (const name of trail ?? []) {
      const category = normalizeCategory(name);
      if (category.length === 0) continue;
      depths.set(category, Math.max(depths.get(category) ?? 0, Math.min(depth, MAX_CATEGORY_DEPTH)));
      depth += 1;
    }
  }
  return [...depths].map(([category, depth]) => ({ category, depth }));
}

/**
 * Adds `weight` at time `ts` to each category, in place on a working copy, and keeps the deepest
 * position each was seen at. Scores are kept as of their latest `at`; a late event adds its
 * weight already decayed to that time. Beyond the cap, the weakest categories (as of `ts`) are dropped.
 * @example addInterest(draft.interests, eventCategories(event), INTEREST_WEIGHTS.product_view ?? 0, event.ts, 14)
 */
export function addInterest(interests: Interests, hits: readonly CategoryHit[], weight: number, ts: number, halfLifeDays: number): void {
  if (!(weight > 0)) return;
  for (const { category, depth } of hits) {
    const key = keyOf(category);
    const current = entryOf(interests, key);
    const at = Math.max(finite(current?.at, ts), ts);
    const before = current ? decayed(finite(current.score, 0), finite(current.at, at), at, halfLifeDays) : 0;
    const deepest = Math.min(Math.max(finite(current?.depth, 0), depth, 0), MAX_CATEGORY_DEPTH);
    interests[key] = { score: before + decayed(weight, ts, at, halfLifeDays), at, depth: deepest };
  }
  const names = Object.keys(interests);
  if (names.length <= PROFILE_LIMITS.interests) return;
  const weakestFirst = rankInterests(interests, ts, halfLifeDays).reverse();
  for (const { category } of weakestFirst.slice(0, names.length - PROFILE_LIMITS.interests)) delete interests[keyOf(category)];
}

/**
 * Every category with its score decayed to `now`, strongest first. On a tie the deeper category
 * comes first (a breadcrumb's leaf says more than its ancestors), then the name.
 * @example rankInterests({ a: { score: 2, at: 0, depth: 0 }, b: { score: 3, at: 0, depth: 0 } }, 0, 14)
 * // [{ category: "b", score: 3, depth: 0 }, { category: "a", score: 2, depth: 0 }]
 */
export function rankInterests(interests: Interests, now: number, halfLifeDays: number): RankedInterest[] {
  return Object.entries(interests)
    .map(([key, { score, at, depth }]) => ({ category: categoryOf(key), score: decayed(finite(score, 0), finite(at, now), now, halfLifeDays), depth: finite(depth, 0) }))
    .sort((a, b) => b.score - a.score || b.depth - a.depth || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
