import * as z from "./zod";
import { Traits } from "./traits";
import { SortStrategy, Hero } from "./config";

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
});

/** What the worker answers to `POST /v1/decide`. */
export const Decision = z.object({
  visitor: z.string(),
  traits: Traits,
  segments: z.array(z.string()),
  hero: z.object({ variant: z.string(), rule: z.string(), ...Hero.shape }),
  sort: z.object({ strategy: SortStrategy, rule: z.string(), skus: z.optional(z.array(z.string())) }),
  experiments: z.array(z.object({ id: z.string(), arm: z.string() })),
  explain: z.array(z.string()),
  ttl: z.number(),
  /** True when the request came from a bot: default content, nothing recorded. */
  bot: z.optional(z.boolean()),
});

export type SiteStats = z.infer<typeof SiteStats>;
export type Decision = z.infer<typeof Decision>;
