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

/**
 * A category's score decayed to a moment, the deepest breadcrumb position it was seen at, and the
 * typical price of the products seen under it (absent until a priced product was seen).
 */
export interface RankedInterest {
  category: string;
  score: number;
  depth: number;
  price?: number;
}

/** Brands a profile keeps, strongest first; the weakest goes beyond this. */
export const MAX_BRANDS = 20;
/** Brands the traits carry. */
export const TRAIT_BRANDS = 5;
/** Upper edges of the default price bands, in the shop's currency. */
export const DEFAULT_PRICE_BANDS = [25, 50, 100, 250, 500, 1000] as const;

/**
 * The band a price falls in, named by its edges: below the first edge `"<25"`, between two
 * `"100-250"` (the lower edge included), from the last on `"1000+"`.
 * @example priceBand(349, [25, 50, 100, 250, 500, 1000]) // "250-500"
 * @example priceBand(20, [50]) // "<50"
 */
export function priceBand(price: number, edges: readonly number[] = DEFAULT_PRICE_BANDS): string {
  if (edges.length === 0 || price < edges[0]!) return `<${edges[0] ?? 0}`;
  for (let i = 1; i < edges.length; i++) if (price < edges[i]!) return `${edges[i - 1]}-${edges[i]}`;
  return `${edges.at(-1)}+`;
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

/** The running typical price of an interest after seeing `price` with `weight`, both decayed to `at`. */
function withPrice(current: Stored | undefined, at: number, price: number | undefined, weight: number, halfLifeDays: number): Pick<Stored, "price" | "priceWeight"> {
  const before = current && typeof current.price === "number" && Number.isFinite(current.price) ? current : undefined;
  const kept = before ? decayed(finite(before.priceWeight, 0), finite(before.at, at), at, halfLifeDays) : 0;
  if (price === undefined || !(price >= 0) || !Number.isFinite(price)) return before ? { price: before.price, priceWeight: kept } : {};
  const total = kept + weight;
  // A geometric mean on 1 + price: a $20 cable beside a $350 headphone does not halve the headphone.
  const log = ((before ? Math.log1p(before.price!) * kept : 0) + Math.log1p(price) * weight) / total;
  return { price: Math.round(Math.expm1(log) * 100) / 100, priceWeight: total };
}

/**
 * The brand an event's product names (JSON-LD `brand`), spelled like a category; undefined when
 * it names none.
 * @example eventBrand({ product: { sku: "a", price: 1, brand: " Sony " } }) // "sony"
 */
export function eventBrand(event: Pick<Event, "product">): string | undefined {
  // `brand` is read defensively: an event from an older snippet has none.
  const brand = (event.product as { brand?: unknown } | undefined)?.brand;
  if (typeof brand !== "string") return undefined;
  const name = normalizeCategory(brand).slice(0, 80);
  return name.length > 0 ? name : undefined;
}

/**
 * Adds `weight` at time `ts` to each category, in place on a working copy, and keeps the deepest
 * position each was seen at. Scores are kept as of their latest `at`; a late event adds its
 * weight already decayed to that time. A `price` (the event's product price) moves each
 * category's typical price. Beyond `limit` entries the weakest (as of `ts`) are dropped.
 * @example addInterest(draft.interests, eventCategories(event), INTEREST_WEIGHTS.product_view ?? 0, event.ts, 14, { price: 349 })
 */
export function addInterest(
  interests: Interests,
  hits: readonly CategoryHit[],
  weight: number,
  ts: number,
  halfLifeDays: number,
  options: { price?: number; limit?: number } = {},
): void {
  if (!(weight > 0)) return;
  for (const { category, depth } of hits) {
    const key = keyOf(category);
    const current = entryOf(interests, key);
    const at = Math.max(finite(current?.at, ts), ts);
    const before = current ? decayed(finite(current.score, 0), finite(current.at, at), at, halfLifeDays) : 0;
    const deepest = Math.min(Math.max(finite(current?.depth, 0), depth, 0), MAX_CATEGORY_DEPTH);
    const added = decayed(weight, ts, at, halfLifeDays);
    const entry: Stored = { score: before + added, at, depth: deepest, ...withPrice(current, at, options.price, added, halfLifeDays) };
    interests[key] = entry;
  }
  const limit = options.limit ?? PROFILE_LIMITS.interests;
  const names = Object.keys(interests);
  if (names.length <= limit) return;
  const weakestFirst = rankInterests(interests, ts, halfLifeDays).reverse();
  for (const { category } of weakestFirst.slice(0, names.length - limit)) delete interests[keyOf(category)];
}

/**
 * Every category with its score decayed to `now`, strongest first. On a tie the deeper category
 * comes first (a breadcrumb's leaf says more than its ancestors), then the name.
 * @example rankInterests({ a: { score: 2, at: 0, depth: 0 }, b: { score: 3, at: 0, depth: 0 } }, 0, 14)
 * // [{ category: "b", score: 3, depth: 0 }, { category: "a", score: 2, depth: 0 }]
 */
export function rankInterests(interests: Interests, now: number, halfLifeDays: number): RankedInterest[] {
  return Object.entries(interests)
    .map(([key, { score, at, depth, price }]) => {
      const ranked: RankedInterest = { category: categoryOf(key), score: decayed(finite(score, 0), finite(at, now), now, halfLifeDays), depth: finite(depth, 0) };
      if (typeof price === "number" && Number.isFinite(price)) ranked.price = price;
      return ranked;
    })
    .sort((a, b) => b.score - a.score || b.depth - a.depth || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}

/**
 * Product-level interest, decayed to `now`: the top brands, and the typical price of what the
 * visitor looks at — the price of the strongest interest that has one (`ranked` is strongest
 * first, the leaf first on a tie) — with its band.
 * @example productInterest(profile, rankInterests(profile.interests, now, 14), now, 14, [100, 300])
 * // { brand: "sony", brands: [{ brand: "sony", score: 3 }], price: 329, priceBand: "300+" }
 */
export function productInterest(
  profile: Pick<Profile, "brands">,
  ranked: readonly RankedInterest[],
  now: number,
  halfLifeDays: number,
  edges: readonly number[] = DEFAULT_PRICE_BANDS,
): { brand?: string; brands: { brand: string; score: number }[]; price?: number; priceBand?: string } {
  const brands = rankInterests(profile.brands ?? {}, now, halfLifeDays)
    .slice(0, TRAIT_BRANDS)
    .map(({ category, score }) => ({ brand: category, score: Math.round(score * 100) / 100 }));
  const out: ReturnType<typeof productInterest> = { brands };
  if (brands[0]) out.brand = brands[0].brand;
  const priced = ranked.find((interest) => interest.price !== undefined);
  if (priced?.price !== undefined) {
    out.price = priced.price;
    out.priceBand = priceBand(priced.price, edges);
  }
  return out;
}
