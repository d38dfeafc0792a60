import type { Profile } from "../schema/profile";
import type { Event } from "../schema/event";
import { PROFILE_LIMITS } from "./limits";
import { normalizeCategory } from "./category";

type Interests = Profile["interests"];
const DAY_MS = 86_400_000;

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
 * The normalized, de-duplicated categories an event names (its own and its product's).
 * @example eventCategories({ categories: ["Headphones"], product: { sku: "a", price: 1, categories: ["headphones", "Bluetooth"] } })
 * // ["headphones", "bluetooth"]
 */
export function eventCategories(event: Pick<Event, "categories" | "product">): string[] {
  const names = [...(event.categories ?? []), ...(event.product?.categories ?? [])].map(normalizeCategory).filter((name) => name.length > 0);
  return [...new Set(names)];
}

/**
 * Adds `weight` at time `ts` to each category, in place on a working copy. Scores are kept
 * as of their latest `at`; a late event adds its weight already decayed to that time. Beyond
 * the cap, the weakest categories (as of `ts`) are dropped.
 * @example addInterest(draft.interests, ["headphones", "bluetooth"], INTEREST_WEIGHTS.product_view ?? 0, event.ts, 14)
 */
export function addInterest(interests: Interests, categories: readonly string[], weight: number, ts: number, halfLifeDays: number): void {
  if (!(weight > 0)) return;
  for (const category of categories) {
    const current = interests[category];
    const at = Math.max(current?.at ?? ts, ts);
    const score = (current ? decayed(current.score, current.at, at, halfLifeDays) : 0) + decayed(weight, ts, at, halfLifeDays);
    interests[category] = { score, at };
  }
  const names = Object.keys(interests);
  if (names.length <= PROFILE_LIMITS.interests) return;
  const weakestFirst = rankInterests(interests, ts, halfLifeDays).reverse();
  for (const { category } of weakestFirst.slice(0, names.length - PROFILE_LIMITS.interests)) delete interests[category];
}

/**
 * Every category with its score decayed to `now`, strongest first, ties by name.
 * @example rankInterests({ a: { score: 2, at: 0 }, b: { score: 3, at: 0 } }, 0, 14) // [{ category: "b", score: 3 }, { category: "a", score: 2 }]
 */
export function rankInterests(interests: Interests, now: number, halfLifeDays: number): { category: string; score: number }[] {
  return Object.entries(interests)
    .map(([category, { score, at }]) => ({ category, score: decayed(score, at, now, halfLifeDays) }))
    .sort((a, b) => b.score - a.score || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
