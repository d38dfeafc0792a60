import * as z from "./zod";
import { Traits, CHANNELS, CUSTOMER_STAGES } from "./traits";

export type PublicTraitsShape = z.infer<typeof PublicTraits>;
import { Cta, Hero, SortStrategy } from "./content";

/** Per-site figures the value traits are judged against. */
export const SiteStats = z.object({
  /** Orders seen on the site (the sample behind aovP90). */
  orders: z.number(),
  /** Visitors with at least one order (the sample behind spendP90). */
  customers: z.number(),
  /** 90th percentile of order value; null until the first order. */
  aovP90: z.nullable(z.number()),
  /** 90th percentile of a customer's 12-month spend; null until the first order. */
  spendP90: z.nullable(z.number()),
  /** Gaps between a customer's consecutive trusted orders the site has seen (behind the two below). */
  gaps: z.optional(z.number()),
  /** 80th / 95th percentile of those gaps in days; null while there are none. They replace the settings' at-risk and lost thresholds once `minOrderGaps` stand behind them. */
  gapP80Days: z.optional(z.nullable(z.number())),
  gapP95Days: z.optional(z.nullable(z.number())),
});

export const BASES = ["segment", "interest", "default", "experiment", "holdout", "bot", "gpc", "consent", "preview", "fallback"] as const;

/**
 * Why a part of the decision is what it is, as data: the rule, what made it hold (`basis`), and
 * the segment, interest or experiment arm involved. `explain` says the same in words.
 */
export const Reason = z.object({
  rule: z.string(),
  basis: z.enum(BASES),
  segment: z.optional(z.string()),
  interest: z.optional(z.string()),
  experiment: z.optional(z.string()),
  arm: z.optional(z.string()),
});

/** A content slot's decided variant. */
export const SlotContent = z.object({
  variant: z.string(),
  rule: z.string(),
  reason: Reason,
  image: z.optional(z.string()),
  alt: z.optional(z.string()),
  headline: z.optional(z.string()),
  subhead: z.optional(z.string()),
  text: z.optional(z.string()),
  cta: z.optional(Cta),
  /**
   * A time-limited offer: the coupon `code` (shared, or this visitor's own single-use code) and
   * `endsAt`, when it closes in ms since the epoch on the page's clock (the worker corrects its
   * own by the skew the request's `sentAt` shows), for a countdown.
   */
  offer: z.optional(z.object({ code: z.optional(z.string()), endsAt: z.optional(z.number()) })),
});

/** The coarse traits a page may see (logic/public-traits.ts): no spend, orders, location or campaign. */
export const PublicTraits = z.object({
  lifecycle: z.object({ visit: z.enum(["new", "returning"]), sessions: z.number(), stage: z.enum(CUSTOMER_STAGES), identified: z.boolean() }),
  intent: Traits.shape.intent,
  interests: Traits.shape.interests,
  value: z.object({ bigSpender: z.boolean(), vip: z.boolean(), active: z.boolean(), couponLover: z.boolean(), cartAbandoner: z.boolean() }),
  source: z.object({ channel: z.enum(CHANNELS) }),
  firstSource: z.object({ channel: z.enum(CHANNELS) }),
});

/** What the worker answers to `POST /v1/decide`. */
export const Decision = z.object({
  visitor: z.string(),
  /** Coarse traits, when the page asked for the explanation (the full ones only in-process and to admins). */
  traits: z.optional(PublicTraits),
  segments: z.array(z.string()),
  /** The hero slot (v1): the same content as `slots.hero`. */
  hero: z.object({ variant: z.string(), rule: z.string(), reason: Reason, ...Hero.shape }),
  /** Every content slot the site declares, the hero included; null shows nothing. */
  slots: z.record(z.string(), z.nullable(SlotContent)),
  sort: z.object({ strategy: SortStrategy, rule: z.string(), reason: Reason, skus: z.optional(z.array(z.string())) }),
  /** The experiments (and holdouts) this visitor is enrolled in, with their arm. */
  experiments: z.array(z.object({ id: z.string(), arm: z.string() })),
  /** In words: which traits, segment and rule chose each part (when the page asked for it). */
  explain: z.optional(z.array(z.string())),
  ttl: z.number(),
  /** True when the request came from a bot: default content, nothing recorded. */
  bot: z.optional(z.boolean()),
});

export type SiteStats = z.infer<typeof SiteStats>;
export type Reason = z.infer<typeof Reason>;
export type Basis = Reason["basis"];
export type SlotContent = z.infer<typeof SlotContent>;
export type Decision = z.infer<typeof Decision>;
