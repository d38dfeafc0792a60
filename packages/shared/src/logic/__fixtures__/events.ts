/** Test-only builders and generators of events; never imported by the logic itself. */
import fc from "fast-check";
import type { Event } from "../../schema/event";
import type { SiteConfig } from "../../schema/config";
import { SiteConfig as SiteConfigSchema } from "../../schema/config";
import type { FoldContext } from "../fold";
import { DEFAULT_SETTINGS } from "../settings";

export const MIN = 60_000;
export const DAY = 86_400_000;
/** A fixed "now": Thursday 15 January 2026, 12:00 UTC. */
export const NOW = Date.UTC(2026, 0, 15, 12);
export const CTX: FoldContext = { sessionMinutes: 30, interestHalfLifeDays: 14 };

let counter = 0;

/** An event at `minutesFromNow` with whatever else is given. */
export function ev(type: Event["type"], minutesFromNow: number, rest: Partial<Event> = {}): Event {
  counter += 1;
  return { id: `t${counter}`, type, ts: Math.round(NOW + minutesFromNow * MIN), ...rest } as Event;
}

export const view = (at: number, sku: string, categories: string[] = [], price = 50): Event =>
  ev("product_view", at, { product: { sku, price, categories }, url: `https://shop.test/p/${sku}` });
export const page = (at: number, url = "https://shop.test/", referrer = ""): Event => ev("page_view", at, { url, referrer });
export const cart = (at: number, sku = "A", price = 50): Event => ev("add_to_cart", at, { product: { sku, price } });
export const purchase = (at: number, id: string, total: number, coupon?: string): Event =>
  ev("purchase", at, { order: coupon === undefined ? { id, total } : { id, total, coupon } });

/** A small valid config: segments on every kind of trait, interest and segment rules. */
export function testConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  const hero = (headline: string) => ({ image: `/img/${headline}.svg`, alt: headline, headline });
  return SiteConfigSchema.parse({
    site: "test",
    segments: [
      { id: "big-spenders", name: "Big spenders", when: { trait: "value.bigSpender", op: "eq", value: true } },
      { id: "researchers", name: "Researchers", when: { all: [{ trait: "intent.kind", op: "eq", value: "researcher" }, { trait: "lifecycle.visit", op: "eq", value: "returning" }] } },
      { id: "emailed", name: "From email", when: { trait: "source.channel", op: "eq", value: "email" } },
    ],
    heroes: { default: hero("default"), nc: hero("nc"), bt: hero("bt"), big: hero("big"), research: hero("research") },
    heroRules: [
      { id: "big-hero", segment: "big-spenders", variant: "big" },
      { id: "nc-interest", interest: "noise-canceling", variant: "nc" },
      { id: "bt-interest", interest: "bluetooth", variant: "bt" },
      { id: "research-hero", segment: "researchers", variant: "research" },
    ],
    defaultHero: "default",
    sortRules: [
      { id: "big-spender-sort", segment: "big-spenders", strategy: "price_desc" },
      { id: "nc-sort", interest: "noise-canceling", strategy: "interest" },
    ],
    ...overrides,
  }) as SiteConfig;
}

export const SETTINGS = { ...DEFAULT_SETTINGS };

const categories = fc.array(fc.constantFrom("Headphones", "noise-canceling", " Bluetooth", "Men's", "women’s", "kids", "x".repeat(80)), { maxLength: 20 });
const sku = fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/);
const product = fc.record({ sku, price: fc.double({ min: 0, max: 10_000_000, noNaN: true }), categories }, { requiredKeys: ["sku", "price"] });
const url = fc.oneof(
  fc.constant("https://shop.test/"),
  fc.constant("https://shop.test/?utm_medium=email&utm_campaign=spring"),
  fc.constant("https://shop.test/p/x?gclid=abc"),
  fc.constant("not a url"),
  fc.webUrl({ withQueryParameters: true }),
);
const referrer = fc.oneof(fc.constant(""), fc.constant("https://www.google.com/"), fc.constant("https://blog.example/best-headphones"), fc.webUrl());

/** Any schema-valid event with `ts` in [start, start + spanMs]. */
export function arbEvent(start = NOW - 365 * DAY, spanMs = 365 * DAY): fc.Arbitrary<Event> {
  const base = {
    id: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
    ts: fc.integer({ min: start, max: start + spanMs }),
    url: fc.option(url, { nil: undefined }),
    referrer: fc.option(referrer, { nil: undefined }),
  };
  const typed = fc.oneof(
    fc.record({ type: fc.constantFrom("page_view", "checkout", "consent", "add_to_cart" as const), categories: fc.option(categories, { nil: undefined }) }),
    fc.record({ type: fc.constant("category_view" as const), categories: categories.filter((c) => c.length > 0) }),
    fc.record({ type: fc.constant("product_view" as const), product }),
    fc.record({ type: fc.constant("add_to_cart" as const), product }),
    fc.record({ type: fc.constant("search" as const), query: fc.string({ maxLength: 200 }) }),
    fc.record({
      type: fc.constant("purchase" as const),
      order: fc.record(
        { id: fc.stringMatching(/^[A-Za-z0-9]{1,64}$/), total: fc.double({ min: 0, max: 10_000_000, noNaN: true }), coupon: fc.string({ maxLength: 64 }) },
        { requiredKeys: ["id", "total"] },
      ),
    }),
    fc.record({ type: fc.constant("identify" as const), user: fc.stringMatching(/^[A-Za-z0-9_-]{8,128}$/) }),
  );
  return fc.tuple(fc.record(base), typed).map(([b, t]) => {
    const event = { ...b, ...t } as Record<string, unknown>;
    for (const key of Object.keys(event)) if (event[key] === undefined) delete event[key];
    return event as Event;
  });
}

import type { Traits } from "../../schema/traits";

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Traits of an unremarkable new visitor, with `overrides` merged in. */
export function traits(overrides: DeepPartial<Traits> = {}): Traits {
  const base: Traits = {
    lifecycle: { visit: "new", sessions: 1, firstSeen: NOW, lastSeen: NOW, stage: "visitor", identified: false },
    intent: { kind: "browser", buyer: 0.2, researcher: 0.1, reasons: [] },
    interests: [],
    value: {
      orders: 0,
      aov: 0,
      totalSpend: 0,
      trustedSpend: 0,
      bigSpender: false,
      vip: false,
      active: false,
      couponLover: false,
      cartAbandoner: false,
      thresholds: { aovP90: 250, spendP90: 1000, basis: "fallback" },
    },
    source: { channel: "direct" },
    firstSource: { channel: "direct" },
    geo: { localHour: 12 },
  };
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) {
      out[k] = v && typeof v === "object" && !Array.isArray(v) && a[k] && typeof a[k] === "object" ? merge(a[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
    }
    return out;
  };
  return merge(base, overrides) as Traits;
}
