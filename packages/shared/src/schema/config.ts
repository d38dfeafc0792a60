import * as z from "./zod";
import { SiteId, Category } from "./event";
import { DEFAULT_SETTINGS as D } from "../logic/settings";
import { TRAIT_INTERESTS } from "../logic/limits";

/** Trait paths a segment condition may test. */
export const TRAIT_PATHS = [
  "lifecycle.visit",
  "lifecycle.sessions",
  "lifecycle.stage",
  "lifecycle.identified",
  "intent.kind",
  "intent.buyer",
  "intent.researcher",
  "value.orders",
  "value.aov",
  "value.totalSpend",
  "value.bigSpender",
  "value.vip",
  "value.active",
  "value.couponLover",
  "value.cartAbandoner",
  "source.channel",
  "source.source",
  "source.medium",
  "source.campaign",
  "firstSource.channel",
  "geo.country",
  "geo.localHour",
] as const;
export type TraitPath = (typeof TRAIT_PATHS)[number];

export const OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "exists"] as const;
type Scalar = string | number | boolean;

export type TraitCondition = { trait: TraitPath; op: (typeof OPERATORS)[number]; value?: Scalar | Scalar[] };
/**
 * True when `interest` is among the visitor's top `top` interests (default: the site's
 * topInterests) with at least `minScore`. `top` is at most 10: the traits carry the top 10.
 */
export type InterestCondition = { interest: string; minScore?: number; top?: number };
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | TraitCondition | InterestCondition;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const Condition: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(Condition).check(z.minLength(1)) }),
    z.strictObject({ any: z.array(Condition).check(z.minLength(1)) }),
    z.strictObject({ not: Condition }),
    z.strictObject({ trait: z.enum(TRAIT_PATHS), op: z.enum(OPERATORS), value: z.optional(z.union([scalar, z.array(scalar)])) }),
    z.strictObject({
      interest: Category,
      minScore: z.optional(z.number().check(z.gte(0))),
      top: z.optional(z.number().check(z.int(), z.gte(1), z.lte(TRAIT_INTERESTS))),
    }),
  ]),
);

const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "ids are lowercase slugs (a-z, 0-9, _, -)"));

export const Hero = z.object({
  /** A path on the shop (`/img/hero.svg`) or an https URL. */
  image: z.string().check(z.regex(/^(\/|https:\/\/)[^\s"'<>]*$/, "image must be a path starting with / or an https URL")),
  alt: z.string().check(z.minLength(1), z.maxLength(200)),
  headline: z.string().check(z.minLength(1), z.maxLength(120)),
  subhead: z.optional(z.string().check(z.maxLength(240))),
  cta: z.optional(
    z.object({
      label: z.string().check(z.minLength(1), z.maxLength(40)),
      href: z.string().check(z.regex(/^(\/|https:\/\/)[^\s"'<>]*$/, "href must be a path starting with / or an https URL")),
    }),
  ),
});

export const SORT_STRATEGIES = ["default", "price_desc", "interest", "new_arrivals"] as const;
export const SortStrategy = z.enum(SORT_STRATEGIES);

export const Segment = z.object({
  id,
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  description: z.optional(z.string().check(z.maxLength(300))),
  when: Condition,
});

/** A rule matches when every condition it names holds: the segment and/or the top interest. */
const ruleMatch = {
  id,
  segment: z.optional(id),
  interest: z.optional(Category),
};

export const HeroRule = z.object({ ...ruleMatch, variant: id });
export const SortRule = z.object({ ...ruleMatch, strategy: SortStrategy });

export const Settings = z.object({
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
});

/** One site's whole configuration, validated as a unit and versioned on every change. */
export const SiteConfig = z
  .object({
    site: SiteId,
    name: z.optional(z.string().check(z.maxLength(120))),
    /** Origins allowed to call the public endpoints from a browser (CORS). */
    origins: z._default(z.array(z.string().check(z.regex(/^https?:\/\/[^/\s]+$/, "origins look like https://shop.example"))), []),
    settings: z._default(Settings, () => ({ ...D })),
    segments: z.array(Segment),
    heroes: z.record(id, Hero),
    heroRules: z.array(HeroRule),
    defaultHero: id,
    sortRules: z.array(SortRule),
    defaultSort: z._default(SortStrategy, "default"),
  })
  .check(
    z.superRefine((config, ctx) => {
      const segments = new Set<string>();
      config.segments.forEach((segment, i) => {
        if (segments.has(segment.id)) ctx.issues.push({ code: "custom", input: segment.id, path: ["segments", i, "id"], message: `segment id "${segment.id}" is used twice` });
        segments.add(segment.id);
      });
      // Own keys only: a plain object "has" constructor, toString and the like through its prototype.
      const isHero = (variant: string) => Object.hasOwn(config.heroes, variant);
      if (!isHero(config.defaultHero)) {
        ctx.issues.push({ code: "custom", input: config.defaultHero, path: ["defaultHero"], message: `defaultHero "${config.defaultHero}" is not one of the heroes` });
      }
      const checkRules = (key: "heroRules" | "sortRules") =>
        config[key].forEach((rule, i) => {
          if (rule.segment !== undefined && !segments.has(rule.segment)) {
            ctx.issues.push({ code: "custom", input: rule.segment, path: [key, i, "segment"], message: `segment "${rule.segment}" is not defined in segments` });
          }
          if (rule.segment === undefined && rule.interest === undefined) {
            ctx.issues.push({ code: "custom", input: rule, path: [key, i], message: "a rule needs a segment, an interest or both" });
          }
        });
      checkRules("heroRules");
      checkRules("sortRules");
      config.heroRules.forEach((rule, i) => {
        if (!isHero(rule.variant)) ctx.issues.push({ code: "custom", input: rule.variant, path: ["heroRules", i, "variant"], message: `variant "${rule.variant}" is not one of the heroes` });
      });
    }),
  );

export type Hero = z.infer<typeof Hero>;
export type SortStrategy = z.infer<typeof SortStrategy>;
export type Segment = z.infer<typeof Segment>;
export type HeroRule = z.infer<typeof HeroRule>;
export type SortRule = z.infer<typeof SortRule>;
export type Settings = z.infer<typeof Settings>;
/** A validated config (defaults filled in). */
export type SiteConfig = z.output<typeof SiteConfig>;
/** A config as a merchant writes it (defaults optional). */
export type SiteConfigInput = z.input<typeof SiteConfig>;

/** `POST /v1/sites/:site/config/rollback` body. */
export const SiteConfigRollback = z.object({ version: z.number().check(z.int(), z.gte(1)) });
