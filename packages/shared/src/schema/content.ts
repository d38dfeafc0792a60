import * as z from "./zod";
import { Category } from "./event";
import { Offer, Proof } from "./offer";

/** Ids of segments, variants, rules, slots and experiments: lowercase slugs. */
export const Id = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "ids are lowercase slugs (a-z, 0-9, _, -)"));

/** A path on the shop (`/img/hero.svg`) or an https URL; never `//host` or `/\host`, which leave the site. */
const SITE_URL = /^(\/(?![/\\])|https:\/\/)[^\s"'<>\\]*$/;
const siteUrl = (what: string) => z.string().check(z.regex(SITE_URL, `${what} must be a path on the shop starting with a single / or an https URL`));

export const Cta = z.strict({
  label: z.string().check(z.minLength(1), z.maxLength(40)),
  href: siteUrl("href"),
});

/** The hero's content: image with alt text, headline, optional subhead and call to action. */
export const Hero = z.strict({
  image: siteUrl("image"),
  alt: z.string().check(z.minLength(1), z.maxLength(200)),
  headline: z.string().check(z.minLength(1), z.maxLength(120)),
  subhead: z.optional(z.string().check(z.maxLength(240))),
  cta: z.optional(Cta),
});

/**
 * One variant of a content slot: the hero's fields, all optional, plus a body `text`. An image
 * needs its alt text. Three kinds of variant are shown only when what they stand on is true:
 * `offer` (a coupon, while its time window is open), `cart: true` (the visitor's own cart, not
 * empty; `{items}`, `{count}` and `{total}` in the texts are filled in) and `proof` (the page's
 * product reached the minimum; `{count}` is filled in).
 */
export const SlotVariant = z
  .strict({
    image: z.optional(siteUrl("image")),
    alt: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    headline: z.optional(z.string().check(z.minLength(1), z.maxLength(120))),
    subhead: z.optional(z.string().check(z.maxLength(240))),
    text: z.optional(z.string().check(z.maxLength(500))),
    cta: z.optional(Cta),
    offer: z.optional(Offer),
    cart: z.optional(z.literal(true)),
    proof: z.optional(Proof),
  })
  .check(
    z.superRefine((variant, ctx) => {
      if (variant.image !== undefined && variant.alt === undefined) ctx.issues.push({ code: "custom", input: variant, path: ["alt"], message: "a variant with an image needs alt text" });
    }),
  );

export const SORT_STRATEGIES = ["default", "price_desc", "interest", "new_arrivals"] as const;
export const SortStrategy = z.enum(SORT_STRATEGIES);

const share = z.number().check(z.gte(0), z.lte(1));

/**
 * What every rule has: it matches when every condition it names holds (the segment and/or the
 * top interest). `holdout` keeps that share of the visitors it matches on the default, as a
 * measured control group.
 */
const ruleMatch = {
  id: Id,
  segment: z.optional(Id),
  interest: z.optional(Category),
  holdout: z.optional(share),
};

export const HeroRule = z.strict({ ...ruleMatch, variant: Id });
export const SortRule = z.strict({ ...ruleMatch, strategy: SortStrategy });
export const SlotRule = HeroRule;

/** Slot ids the config cannot declare under `slots`: the hero is `heroes`, sorting is `sortRules`. */
export const RESERVED_SLOTS = ["hero", "sort"] as const;

/** A content slot (`data-vt-slot="<id>"`): variants, rules in priority order, and a default (null shows nothing). */
export const Slot = z.strict({
  name: z.optional(z.string().check(z.maxLength(80))),
  variants: z.record(Id, SlotVariant),
  rules: z._default(z.array(SlotRule), []),
  default: z.nullable(Id),
});

export type Hero = z.infer<typeof Hero>;
export type SlotVariant = z.infer<typeof SlotVariant>;
export type SortStrategy = z.infer<typeof SortStrategy>;
export type HeroRule = z.infer<typeof HeroRule>;
export type SortRule = z.infer<typeof SortRule>;
export type SlotRule = z.infer<typeof SlotRule>;
export type Slot = z.output<typeof Slot>;
