import * as z from "./zod";
import { Source } from "./traits";
import { MAX_CATEGORY_DEPTH } from "../logic/limits";

/** The session in progress, folded event by event. */
export const SessionState = z.object({
  start: z.number(),
  last: z.number(),
  pageViews: z.number(),
  productViews: z.number(),
  /** Time spent on product pages, measured from a product view to the next event in the session. */
  productDwellMs: z.number(),
  /** ts of the open product view, to measure dwell when the next event arrives. */
  openProductTs: z.optional(z.number()),
  distinctProducts: z.array(z.string()),
  categoryViews: z.number(),
  /** Time on category pages, measured like product dwell. Stored profiles without it load with 0. */
  categoryDwellMs: z._default(z.number(), 0),
  /** ts of the open category view. */
  openCategoryTs: z.optional(z.number()),
  /** Account pages this session (sign-in, account, order status); see `pageKind`. */
  accountViews: z._default(z.number(), 0),
  /** Pages about the shop this session (contact, shipping, returns, policies); see `pageKind`. */
  infoViews: z._default(z.number(), 0),
  searches: z.number(),
  /** A product view came after a search in this session. */
  searchToProduct: z.boolean(),
  carts: z.number(),
  checkouts: z.number(),
  purchases: z.number(),
  source: Source,
});

/** A finished session, kept in a bounded window. */
export const SessionSummary = z.object({
  start: z.number(),
  end: z.number(),
  pageViews: z.number(),
  productViews: z.number(),
  carts: z.number(),
  purchases: z.number(),
  channel: z.string(),
});

/** An order the visitor placed; `trusted` once the shop's backend confirmed it (only then does it count in `value.trustedSpend`). */
export const ProfileOrder = z.object({ id: z.string(), total: z.number(), coupon: z.boolean(), ts: z.number(), trusted: z.optional(z.boolean()) });

export const RecentEvent = z.object({
  type: z.string(),
  ts: z.number(),
  sku: z.optional(z.string()),
  categories: z.optional(z.array(z.string())),
});

/** A product in the visitor's cart, from their `add_to_cart` events; an order empties the cart. */
export const CartLine = z.object({ sku: z.string(), name: z.optional(z.string()), price: z.number(), currency: z.optional(z.string()), qty: z.number(), ts: z.number() });

/**
 * One category's (or brand's) interest: a decayed score as of `at`, the deepest breadcrumb
 * position it was seen at, and — once a priced product was seen under it — the typical price:
 * `price` is the geometric mean (on 1 + price) of the prices seen, each weighted like the score
 * and decayed with it; `priceWeight` is the decayed weight behind it.
 */
export const Interest = z.object({
  score: z.number(),
  at: z.number(),
  depth: z._default(z.number().check(z.int(), z.gte(0), z.lte(MAX_CATEGORY_DEPTH)), 0),
  price: z.optional(z.number()),
  priceWeight: z.optional(z.number()),
});

/**
 * A visitor's compact aggregates. Bounded however long the visitor stays: windows and maps are
 * capped (see `PROFILE_LIMITS`), lifetime figures are counters.
 */
export const Profile = z.object({
  v: z.literal(1),
  firstSeen: z.number(),
  lastSeen: z.number(),
  sessions: z.number(),
  session: SessionState,
  pastSessions: z.array(SessionSummary),
  /**
   * category → decayed score as of `at`, and `depth`: the deepest breadcrumb position the category
   * was seen at (0 at the root), which ranks a leaf above its ancestors on a tie. A stored profile
   * without `depth` loads with 0. The category `__proto__` is kept under the key ` __proto__`.
   * `price` is the typical price of the products seen in the category (see `Interest`).
   */
  interests: z.record(z.string(), Interest),
  /** brand → decayed score as of `at`, like a category (JSON-LD `brand`); absent in older profiles. */
  brands: z.optional(z.record(z.string(), Interest)),
  orders: z.array(ProfileOrder),
  /** What the visitor put in the cart since their last order (at most `PROFILE_LIMITS.cart` products); absent in older profiles. */
  cart: z.optional(z.array(CartLine)),
  totals: z.object({ orders: z.number(), revenue: z.number(), couponOrders: z.number() }),
  recent: z.array(RecentEvent),
  firstSource: Source,
  identified: z.boolean(),
  /** Opted in to the shop's mail (an `identify` event with `granted: true`); absent in older profiles. */
  subscribed: z.optional(z.boolean()),
  /** Arrivals from articles, reviews or comparison pages. */
  contentArrivals: z.number(),
  geo: z.object({ country: z.optional(z.string()), timezone: z.optional(z.string()) }),
});

/** The caps live with the logic that enforces them (the logic imports no zod; the schema may import the logic). */
export { PROFILE_LIMITS } from "../logic/limits";

export type SessionState = z.infer<typeof SessionState>;
export type SessionSummary = z.infer<typeof SessionSummary>;
export type Profile = z.infer<typeof Profile>;
export type ProfileOrder = z.infer<typeof ProfileOrder>;
export type Interest = z.infer<typeof Interest>;
export type CartLine = z.infer<typeof CartLine>;
