import * as z from "./zod";
import { SiteId } from "./event";
import { DEFAULT_SETTINGS as D } from "../logic/settings";
import { TRAIT_INTERESTS } from "../logic/limits";
import { Condition } from "./condition";
import { Hero, HeroRule, Id, RESERVED_SLOTS, Slot, SortRule, SortStrategy } from "./content";
import { CONVERSION_SOURCES, Experiment, Holdout } from "./experiment";
import { checkExperiments, checkSlots, type Issues } from "./config-checks";
import { checkPools } from "./pool-checks";
import { triggerSegment } from "../logic/compile";
import { Proxy } from "./proxy";
import { Tier, Trigger } from "./tiers";

export * from "./condition";
export * from "./content";
export * from "./experiment";
export * from "./proxy";
export * from "./offer";
export * from "./tiers";

export const Segment = z.strict({
  id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  description: z.optional(z.string().check(z.maxLength(300))),
  when: Condition,
});

export const Settings = z.strict({
  sessionMinutes: z._default(z.number().check(z.gte(1), z.lte(24 * 60)), D.sessionMinutes),
  lostAfterDays: z._default(z.number().check(z.gte(1)), D.lostAfterDays),
  interestHalfLifeDays: z._default(z.number().check(z.gt(0)), D.interestHalfLifeDays),
  /** How many of the visitor's top interests an `{interest}` condition looks at unless it says `top`; at most 10. */
  topInterests: z._default(z.number().check(z.int(), z.gte(1), z.lte(TRAIT_INTERESTS)), D.topInterests),
  /**
   * Below this many orders on the site the fixed `fallbackAovP90` stands in for the order-value
   * p90; below this many customers, `fallbackSpendP90` for the spend p90.
   */
  minOrdersForPercentiles: z._default(z.number().check(z.int(), z.gte(1)), D.minOrdersForPercentiles),
  fallbackAovP90: z._default(z.number().check(z.gte(0)), D.fallbackAovP90),
  fallbackSpendP90: z._default(z.number().check(z.gte(0)), D.fallbackSpendP90),
  activeMinOrders: z._default(z.number().check(z.int(), z.gte(1)), D.activeMinOrders),
  couponLoverShare: z._default(z.number().check(z.gte(0), z.lte(1)), D.couponLoverShare),
  couponLoverMinOrders: z._default(z.number().check(z.int(), z.gte(1)), D.couponLoverMinOrders),
  /** Weakest decayed interest score a rule's `interest` accepts. */
  minInterestScore: z._default(z.number().check(z.gte(0)), D.minInterestScore),
  /** Seconds the browser may reuse a decision. */
  ttl: z._default(z.number().check(z.int(), z.gte(0), z.lte(86_400)), D.ttl),
  /**
   * Treat automation browsers (headless Chrome, Playwright, Puppeteer, Selenium) as visitors
   * instead of bots, for a site's own end-to-end tests. Off by default: never on a live shop.
   */
  allowAutomation: z._default(z.boolean(), D.allowAutomation),
  /**
   * Where experiments and holdouts take purchases from: `trusted` orders from the shop's backend
   * (`POST /v1/sites/:site/orders`), or — for a site without a backend — `browser`-reported ones.
   */
  conversions: z._default(z.enum(CONVERSION_SOURCES), D.conversions),
  /** Days after a visitor's last event when their profile is deleted (default 395, about 13 months). */
  retentionDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(3650)), D.retentionDays),
  /** Days back an event's time may lie (after correcting the browser clock); older events are not recorded. */
  eventWindowDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(365)), D.eventWindowDays),
  /**
   * Days without an order after which a customer is `at_risk` (default 60), until the
   * site has `minOrderGaps` repeat orders: then its own 80th-percentile gap between orders decides,
   * and its 95th-percentile gap replaces `lostAfterDays`.
   */
  atRiskAfterDays: z.optional(z.number().check(z.gte(1))),
  /** Repeat orders the site needs before its own gaps between orders set the lifecycle thresholds (default 20). */
  minOrderGaps: z.optional(z.number().check(z.int(), z.gte(1))),
  /** Orders that make a `repeat`, `casual` or `top_customer` (default 2). */
  repeatMinOrders: z.optional(z.number().check(z.int(), z.gte(2))),
  /**
   * Upper edges of the price bands, ascending, in the shop's currency: `[50, 100]` makes the bands
   * `"<50"`, `"50-100"` and `"100+"` (default 25, 50, 100, 250, 500, 1000).
   */
  priceBands: z.optional(
    z.array(z.number().check(z.gt(0))).check(
      z.minLength(1),
      z.maxLength(12),
      z.refine((edges) => edges.every((edge, i) => i === 0 || edge > edges[i - 1]!), "price band edges must be ascending"),
    ),
  ),
});

/** One site's whole configuration, validated as a unit and versioned on every change. */
export const SiteConfig = z
  .strict({
    site: SiteId,
    name: z.optional(z.string().check(z.maxLength(120))),
    /** Origins allowed to call the public endpoints from a browser (CORS). */
    origins: z._default(z.array(z.string().check(z.regex(/^https?:\/\/[^/\s]+$/, "origins look like https://shop.example"))), []),
    settings: z._default(Settings, () => ({ ...D })),
    segments: z.array(Segment),
    heroes: z.record(Id, Hero),
    heroRules: z.array(HeroRule),
    defaultHero: Id,
    sortRules: z.array(SortRule),
    defaultSort: z._default(SortStrategy, "default"),
    /** Content slots beyond the hero (`data-vt-slot="<id>"`). */
    slots: z._default(z.record(Id, Slot), {}),
    experiments: z._default(z.array(Experiment), []),
    /** Segments written as tiers ("Platinum: spend > 5000; Gold > 2000; Silver otherwise"), compiled into segments. */
    tiers: z.optional(z.array(Tier).check(z.maxLength(20))),
    /** Trigger → condition → action rules ("when a cart abandoner returns, show the reminder"), compiled into segments and slot rules. */
    triggers: z.optional(z.array(Trigger).check(z.maxLength(50))),
    holdout: z.optional(Holdout),
    proxy: z.optional(Proxy),
  })
  .check(
    z.superRefine((config, ctx) => {
      const issues: Issues = ctx.issues as Issues;
      const segments = new Set<string>();
      const define = (id: string, path: PropertyKey[]) => {
        if (segments.has(id)) issues.push({ code: "custom", input: id, path, message: `segment id "${id}" is used twice` });
        segments.add(id);
      };
      config.segments.forEach((segment, i) => define(segment.id, ["segments", i, "id"]));
      config.tiers?.forEach((tier, t) => tier.levels.forEach((level, l) => define(level.segment, ["tiers", t, "levels", l, "segment"])));
      config.triggers?.forEach((trigger, i) => {
        define(triggerSegment(trigger.id), ["triggers", i, "id"]);
        const variants = trigger.slot === "hero" ? config.heroes : Object.hasOwn(config.slots, trigger.slot) ? config.slots[trigger.slot]!.variants : undefined;
        if (!variants) issues.push({ code: "custom", input: trigger.slot, path: ["triggers", i, "slot"], message: `slot "${trigger.slot}" is neither "hero" nor one of the slots` });
        else if (!Object.hasOwn(variants, trigger.show)) issues.push({ code: "custom", input: trigger.show, path: ["triggers", i, "show"], message: `variant "${trigger.show}" is not one of slot "${trigger.slot}"'s variants` });
      });
      // Own keys only: a plain object "has" constructor, toString and the like through its prototype.
      const isHero = (variant: string) => Object.hasOwn(config.heroes, variant);
      if (!isHero(config.defaultHero)) {
        issues.push({ code: "custom", input: config.defaultHero, path: ["defaultHero"], message: `defaultHero "${config.defaultHero}" is not one of the heroes` });
      }
      const checkRules = (key: "heroRules" | "sortRules") =>
        config[key].forEach((rule, i) => {
          if (rule.segment !== undefined && !segments.has(rule.segment)) {
            issues.push({ code: "custom", input: rule.segment, path: [key, i, "segment"], message: `segment "${rule.segment}" is not defined in segments` });
          }
          if (rule.segment === undefined && rule.interest === undefined) {
            issues.push({ code: "custom", input: rule, path: [key, i], message: "a rule needs a segment, an interest or both" });
          }
        });
      checkRules("heroRules");
      checkRules("sortRules");
      config.heroRules.forEach((rule, i) => {
        if (!isHero(rule.variant)) issues.push({ code: "custom", input: rule.variant, path: ["heroRules", i, "variant"], message: `variant "${rule.variant}" is not one of the heroes` });
      });
      checkSlots(config, segments, issues);
      checkExperiments(config, segments, issues);
      checkPools(config, issues);
    }),
  );

export type Segment = z.infer<typeof Segment>;
export type Settings = z.infer<typeof Settings>;
/** A validated config (defaults filled in). */
export type SiteConfig = z.output<typeof SiteConfig>;
/** A config as a merchant writes it (defaults optional). */
export type SiteConfigInput = z.input<typeof SiteConfig>;

/** `POST /v1/sites/:site/config/rollback` body: version 0 is the site's seed config, as shipped. */
export const SiteConfigRollback = z.strict({ version: z.number().check(z.int(), z.gte(0)) });

export { RESERVED_SLOTS };
