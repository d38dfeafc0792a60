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

export const ProfileOrder = z.object({ id: z.string(), total: z.number(), coupon: z.boolean(), ts: z.number() });

export const RecentEvent = z.object({
  type: z.string(),
  ts: z.number(),
  sku: z.optional(z.string()),
  categories: z.optional(z.array(z.string())),
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
   */
  interests: z.record(
    z.string(),
    z.object({ score: z.number(), at: z.number(), depth: z._default(z.number().check(z.int(), z.gte(0), z.lte(MAX_CATEGORY_DEPTH)), 0) }),
  ),
  orders: z.array(ProfileOrder),
  totals: z.object({ orders: z.number(), revenue: z.number(), couponOrders: z.number() }),
  recent: z.array(RecentEvent),
  firstSource: Source,
  identified: z.boolean(),
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
