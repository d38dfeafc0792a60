import * as z from "./zod";
import { TRAIT_INTERESTS } from "../logic/limits";

export const CHANNELS = ["search", "social", "email", "paid", "referral", "direct"] as const;
export const Channel = z.enum(CHANNELS);

/** Where a session came from: referrer + UTM tags + click ids, reduced to a channel. */
export const Source = z.object({
  channel: Channel,
  /** utm_source, or the referrer's host when no tag says otherwise. */
  source: z.optional(z.string()),
  medium: z.optional(z.string()),
  campaign: z.optional(z.string()),
  /** utm_term, or the search term a search engine's referrer carried. */
  term: z.optional(z.string()),
  content: z.optional(z.string()),
  /** Which click id was present: gclid, msclkid, fbclid, mc_cid … (see `sources/curated.json`). */
  clickId: z.optional(z.string()),
  referrerHost: z.optional(z.string()),
});

export const INTENTS = ["researcher", "buyer", "browser"] as const;
export const CUSTOMER_STAGES = ["visitor", "lead", "subscriber", "first_order", "repeat", "casual", "top_customer", "at_risk", "lost"] as const;

/** What the classifier concludes about a visitor: deterministic, each part explainable. */
export const Traits = z.object({
  lifecycle: z.object({
    /** `new` during the first session, `returning` from the second session on. */
    visit: z.enum(["new", "returning"]),
    sessions: z.number(),
    firstSeen: z.number(),
    lastSeen: z.number(),
    /**
     * visitor: anonymous, no order; lead: identified, no order; subscriber: opted in to mail, no
     * order; first_order: one order; repeat: `repeatMinOrders`+ orders, ordering again within the
     * at-risk gap; casual: as many orders, more slowly; top_customer: as many orders and a 12-month
     * spend at the site's spend p90; at_risk: no order for the at-risk gap; lost: no order and no
     * visit for the lost gap. See `classifyLifecycle`.
     */
    stage: z.enum(CUSTOMER_STAGES),
    identified: z.boolean(),
    /** Opted in to the shop's mail (`identify` with `granted: true`). */
    subscribed: z.optional(z.boolean()),
    /** Whole days since the last order; absent before the first. */
    daysSinceOrder: z.optional(z.number()),
    /**
     * The gaps the stage was judged by: days without an order to `at_risk` and to `lost`, from the
     * site's own gaps between orders (`site`) or the settings (`fallback`).
     */
    thresholds: z.optional(z.object({ atRiskDays: z.number(), lostDays: z.number(), basis: z.enum(["site", "fallback"]) })),
  }),
  intent: z.object({
    kind: z.enum(INTENTS),
    /** 0..1, ranks sessions by how likely they are to buy. */
    buyer: z.number(),
    /** 0..1, how research-like the visitor's pattern is. */
    researcher: z.number(),
    reasons: z.array(z.string()),
  }),
  /**
   * The top 10 categories by decayed score, highest first; on a tie the deeper category (further
   * along a breadcrumb) first, then by name. Rules and `{interest}` conditions see these ten.
   */
  interests: z.array(z.object({ category: z.string(), score: z.number(), price: z.optional(z.number()) })).check(z.maxLength(TRAIT_INTERESTS)),
  /**
   * Product-level interest: the strongest brands (JSON-LD `brand`, decayed like categories, top
   * 5), and the typical price of what the visitor looks at — the price of their strongest priced
   * interest (its leaf category on a tie), as the geometric mean of the prices seen there — with
   * the site's price band it falls in (`priceBands` in the settings: `"<50"`, `"100-250"`, `"1000+"`).
   */
  product: z.optional(
    z.object({
      brand: z.optional(z.string()),
      brands: z.array(z.object({ brand: z.string(), score: z.number() })),
      price: z.optional(z.number()),
      priceBand: z.optional(z.string()),
    }),
  ),
  value: z.object({
    orders: z.number(),
    aov: z.number(),
    /** Spend over the last 12 months. */
    totalSpend: z.number(),
    /**
     * Spend over the last 12 months of orders the shop's backend confirmed (`POST …/orders`) only.
     * Unlike `totalSpend` (which counts purchases the browser reports, and so anyone can raise),
     * a visitor cannot raise it themselves: aim single-use code pools at it.
     */
    trustedSpend: z.number(),
    bigSpender: z.boolean(),
    vip: z.boolean(),
    active: z.boolean(),
    couponLover: z.boolean(),
    cartAbandoner: z.boolean(),
    /**
     * The thresholds these were judged against and where each came from: the site's p90 once
     * `minOrdersForPercentiles` orders (for `aovP90`, told by `basis`) or customers (for
     * `spendP90`, told by `spendBasis`) stand behind it, the configured fallback before that.
     * Where `spendBasis` is absent, `basis` stands for both.
     */
    thresholds: z.object({
      aovP90: z.number(),
      spendP90: z.number(),
      basis: z.enum(["site", "fallback"]),
      spendBasis: z.optional(z.enum(["site", "fallback"])),
    }),
  }),
  source: Source,
  /** The source of the very first session. */
  firstSource: Source,
  geo: z.object({
    country: z.optional(z.string()),
    timezone: z.optional(z.string()),
    /** 0-23 in the visitor's time zone (UTC when unknown). */
    localHour: z.number(),
  }),
});

export type Channel = z.infer<typeof Channel>;
export type Source = z.infer<typeof Source>;
export type Traits = z.infer<typeof Traits>;
