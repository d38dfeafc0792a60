import * as z from "./zod";
import { MAX_ID_LENGTH } from "../logic/limits";

/** `HH:MM` on a 24-hour clock. */
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z.string().check(z.regex(CLOCK, "times of day look like 18:00 (24-hour HH:MM)"));
/** 2000-01-01 in ms since the epoch: a time before it is taken for seconds, a common slip. */
export const MIN_OFFER_MS = 946_684_800_000;
const ms = z.number().check(z.int(), z.gte(MIN_OFFER_MS, `times are in ms since the epoch (such as ${Date.UTC(2026, 11, 31)}), not seconds: this is before 2000`));

/** A coupon code as shoppers type it: 1-64 characters of A-Z a-z 0-9 _ -. */
export const CouponCode = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "coupon codes are 1-64 characters of A-Z a-z 0-9 _ -"));

/** Whether the runtime knows the IANA time zone `zone` (Europe/Berlin, UTC …). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A time-limited offer on a slot variant: a coupon — one `code` for everyone, or single-use codes
 * from a `pool` uploaded through `PUT /v1/sites/:site/offers/:pool` — open from `start` to `end`
 * (ms since the epoch, from 2000 on: seconds are refused) and, with `hours`, only between those
 * times of day in `timezone` (default UTC; a window may pass midnight: 22:00–02:00). A `timezone`
 * without `hours` would change nothing and is refused. The variant is shown only while the offer
 * is open.
 */
export const Offer = z
  .strict({
    code: z.optional(CouponCode),
    pool: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "pool ids are lowercase slugs (a-z, 0-9, _, -)"))),
    start: z.optional(ms),
    end: z.optional(ms),
    hours: z.optional(z.strict({ from: clock, to: clock })),
    timezone: z.optional(z.string().check(z.maxLength(MAX_ID_LENGTH))),
  })
  .check(
    z.superRefine((offer, ctx) => {
      const issue = (path: string, message: string) => ctx.issues.push({ code: "custom", input: offer, path: [path], message });
      if (offer.code !== undefined && offer.pool !== undefined) issue("pool", "an offer has one shared code or a pool of single-use codes, not both");
      if (offer.start !== undefined && offer.end !== undefined && offer.end <= offer.start) issue("end", "end must come after start");
      if (offer.hours && offer.hours.from === offer.hours.to) issue("hours", "from and to are the same time: the window would be empty");
      if (offer.timezone !== undefined && !isTimeZone(offer.timezone)) issue("timezone", `"${offer.timezone}" is not an IANA time zone (such as Europe/Berlin or UTC)`);
      else if (offer.timezone !== undefined && !offer.hours) issue("timezone", "a timezone only applies to `hours` (start and end are ms since the epoch, the same everywhere): add hours or remove timezone");
    }),
  );

/** "3 bought today": the product's orders in the last 24 hours or views in the last hour, shown from `min` up. */
export const Proof = z.strict({
  metric: z.enum(["orders", "views"]),
  min: z.number().check(z.int(), z.gte(1)),
});

/** `PUT /v1/sites/:site/offers/:pool` body: single-use codes to add to the pool (codes already in it are kept once). */
export const OfferCodesUpload = z.strict({
  codes: z.array(CouponCode).check(z.minLength(1), z.maxLength(10_000)),
});

export type Offer = z.output<typeof Offer>;
export type Proof = z.infer<typeof Proof>;
export type OfferCodesUpload = z.infer<typeof OfferCodesUpload>;
