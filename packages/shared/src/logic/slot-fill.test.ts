import { describe, expect, it } from "vitest";
import { fillVariant } from "./slot-fill";
import { SiteConfig as SiteConfigSchema, type SiteConfig } from "../schema/config";
import { decide, defaultDecision } from "./decide";
import { testConfig, traits } from "./__fixtures__/events";

const now = Date.UTC(2026, 0, 15, 19);
const cart = [
  { sku: "NC-100", name: "Aurora NC 700", price: 349, currency: "USD", qty: 1, ts: now - 1000 },
  { sku: "TR-1", name: "Trail Runner", price: 59.5, currency: "USD", qty: 2, ts: now - 500 },
];

describe("fillVariant", () => {
  it("fills a cart reminder with the visitor's own items, count and total, and shows nothing for an empty cart", () => {
    const variant = { headline: "Still thinking about {items}?", text: "{count} items, {total}", cart: true as const, cta: { label: "Back to your cart", href: "/cart/" } };
    expect(fillVariant(variant, { now, cart })?.content).toEqual({ headline: "Still thinking about Aurora NC 700 and Trail Runner?", text: "3 items, $468.00", cta: { label: "Back to your cart", href: "/cart/" } });
    expect(fillVariant(variant, { now, cart: [] })).toBeNull();
    expect(fillVariant(variant, { now })).toBeNull();
    // Each currency in its own format, the same on every call; one the runtime cannot format is written out.
    const euros = cart.map((line) => ({ ...line, currency: "EUR" }));
    for (let i = 0; i < 3; i++) expect(fillVariant(variant, { now, cart: euros })?.content.text).toBe("3 items, €468.00");
    expect(fillVariant(variant, { now, cart: cart.map((line) => ({ ...line, currency: "E1" })) })?.content.text).toBe("3 items, 468.00 E1");
  });

  it("shows social proof from its minimum up, with the counted number", () => {
    const variant = { text: "{count} bought today", proof: { metric: "orders" as const, min: 3 } };
    expect(fillVariant(variant, { now, proof: { orders: 3, views: 0 } })?.content.text).toBe("3 bought today");
    expect(fillVariant(variant, { now, proof: { orders: 2, views: 50 } })).toBeNull();
    expect(fillVariant({ ...variant, proof: { metric: "orders", min: 5 } }, { now, proof: { orders: 3, views: 0 } })).toBeNull();
  });

  it("carries an open offer's code and end, names a pool's id, and keeps single-use codes from default visitors", () => {
    const offer = { code: "EVENING20", hours: { from: "18:00", to: "22:00" }, timezone: "UTC" };
    expect(fillVariant({ text: "20% off", offer }, { now })).toEqual({ content: { text: "20% off", offer: { code: "EVENING20", endsAt: Date.UTC(2026, 0, 15, 22) } } });
    expect(fillVariant({ text: "20% off", offer }, { now: Date.UTC(2026, 0, 15, 12) })).toBeNull();
    const pooled = { text: "Your code", offer: { pool: "vip-codes", timezone: "UTC" } };
    expect(fillVariant(pooled, { now })).toEqual({ content: { text: "Your code", offer: {} }, pool: "vip-codes" });
    expect(fillVariant(pooled, { now, personal: false })).toBeNull();
  });
});

describe("decide with offers, carts and proof", () => {
  const base = testConfig();
  const config = SiteConfigSchema.parse({
    ...base,
    settings: { ...base.settings, ttl: 300 },
    slots: {
      offer: {
        variants: { evening: { headline: "Tonight only", offer: { code: "EVENING20", hours: { from: "18:00", to: "22:00" } } }, weekday: { text: "Free shipping" } },
        rules: [{ id: "evening-offer", segment: "big-spenders", variant: "evening" }],
        default: "weekday",
      },
      proof: { variants: { bought: { text: "{count} bought today", proof: { metric: "orders", min: 3 } } }, rules: [], default: "bought" },
    },
    experiments: [{ id: "offer-test", name: "Offer or none", status: "running", targets: ["offer"], arms: [{ id: "control", control: true }, { id: "none", slots: { offer: null } }] }],
  }) as SiteConfig;
  const bigSpender = traits({ value: { orders: 1, aov: 1200, totalSpend: 1200, bigSpender: true } });

  it("serves the offer while open with a ttl that ends with it, and passes to the next choice once closed", () => {
    const open = decide({ visitor: "v_control1", traits: bigSpender, config, now: Date.UTC(2026, 0, 15, 21, 59, 30), assignments: { "offer-test": "control" } });
    expect(open.slots.offer).toMatchObject({ variant: "evening", offer: { code: "EVENING20", endsAt: Date.UTC(2026, 0, 15, 22) } });
    expect(open.ttl).toBe(30);
    const closed = decide({ visitor: "v_control1", traits: bigSpender, config, now: Date.UTC(2026, 0, 15, 22), assignments: { "offer-test": "control" } });
    expect(closed.slots.offer).toMatchObject({ variant: "weekday", rule: "default" });
    expect(closed.ttl).toBe(300);
  });

  it("lets an experiment arm show nothing in the slot (the offer against no offer)", () => {
    const none = decide({ visitor: "v_none1", traits: bigSpender, config, now: Date.UTC(2026, 0, 15, 20), assignments: { "offer-test": "none" } });
    expect(none.slots.offer).toBeNull();
    expect(none.experiments).toContainEqual({ id: "offer-test", arm: "none" });
  });

  it("shows the proof badge only from the minimum up, and not to bots", () => {
    expect(decide({ visitor: "v", traits: traits(), config, now, proof: { orders: 3, views: 0 } }).slots.proof?.text).toBe("3 bought today");
    expect(decide({ visitor: "v", traits: traits(), config, now, proof: { orders: 2, views: 0 } }).slots.proof).toBeNull();
    expect(defaultDecision({ visitor: "v", traits: traits(), config, now }).slots.proof).toBeNull();
  });

  it("refuses null for the hero in an arm", () => {
    const result = SiteConfigSchema.safeParse({ ...base, experiments: [{ id: "h", name: "h", status: "draft", targets: ["hero"], arms: [{ id: "control", control: true }, { id: "b", slots: { hero: null } }] }] });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["experiments.0.arms.1.slots.hero"]);
  });
});
