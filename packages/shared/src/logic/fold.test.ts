import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Profile as ProfileSchema } from "../schema/profile";
import type { Profile } from "../schema/profile";
import { foldEvents } from "./fold";
import { emptyProfile } from "./profile";
import { PROFILE_LIMITS } from "./limits";
import { arbEvent, cart, CTX, ev, MIN, NOW, page, purchase, view } from "./__fixtures__/events";

const fold = (events: Parameters<typeof foldEvents>[1], profile: Profile | null = null) => foldEvents(profile, events, CTX);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe("foldEvents: sessions", () => {
  it("starts the first session with the first event ever", () => {
    const p = fold([page(0)]);
    expect(p).toMatchObject({ sessions: 1, firstSeen: NOW, lastSeen: NOW, pastSessions: [] });
  });

  it.each([
    ["29 minutes later: same session", 29, 1],
    ["30 minutes later: same session", 30, 1],
    ["31 minutes later: a new session", 31, 2],
    ["a day later: a new session", 24 * 60, 2],
  ])("%s", (_name, gap, sessions) => {
    const p = fold([page(-gap), page(0)]);
    expect(p.sessions).toBe(sessions);
    expect(p.pastSessions).toHaveLength(sessions - 1);
  });

  it("measures inactivity from the last event, not the session start", () => {
    const p = fold([page(-80), page(-55), page(-30), page(-5)]);
    expect(p.sessions).toBe(1);
    expect(p.session.start).toBe(NOW - 80 * MIN);
  });

  it("folds batch by batch the same as all at once", () => {
    const events = [page(-100), view(-90, "A"), page(-20), cart(-10), page(0)];
    const stepwise = events.reduce<Profile | null>((p, e) => fold([e], p), null);
    expect(stepwise).toEqual(fold(events));
  });

  it("sorts the batch by ts", () => {
    const events = [page(0), page(-60), page(-120)];
    expect(fold(events)).toEqual(fold([...events].reverse()));
  });

  it("counts a late event in the current session and never moves time backwards", () => {
    const p1 = fold([page(-60), page(0)]);
    const p2 = fold([view(-45, "LATE")], p1);
    expect(p2.sessions).toBe(2);
    expect(p2.session.productViews).toBe(1);
    expect(p2.session.last).toBe(NOW);
    expect(p2.lastSeen).toBe(NOW);
    expect(p2.session.openProductTs).toBeUndefined();
  });

  it("closes sessions into a bounded window of summaries", () => {
    const events = Array.from({ length: 30 }, (_, i) => page(-(30 - i) * 60));
    const p = fold(events);
    expect(p.sessions).toBe(30);
    expect(p.pastSessions).toHaveLength(PROFILE_LIMITS.pastSessions);
    expect(p.pastSessions.at(-1)).toMatchObject({ start: NOW - 120 * MIN, end: NOW - 120 * MIN, pageViews: 1, channel: "direct" });
  });

  it("takes each session's source from its landing event and keeps the first one", () => {
    const p = fold([page(-200, "https://shop.test/?utm_medium=email&utm_campaign=spring"), page(-190, "https://shop.test/x", "https://www.google.com/"), page(0, "https://shop.test/", "https://www.google.com/")]);
    expect(p.firstSource).toMatchObject({ channel: "email", campaign: "spring" });
    expect(p.pastSessions[0]?.channel).toBe("email");
    expect(p.session.source.channel).toBe("search");
  });

  it("counts arrivals from reviews and articles once per session", () => {
    const review = "https://www.rtings.com/headphones/reviews";
    const p = fold([page(-300, "https://shop.test/", review), page(-299, "https://shop.test/b", review), page(0, "https://shop.test/", review)]);
    expect(p.contentArrivals).toBe(2);
  });
});

describe("foldEvents: what each event type counts", () => {
  it.each([
    ["page_view", () => page(0), { pageViews: 1 }],
    ["category_view", () => ev("category_view", 0, { categories: ["Men's"] }), { pageViews: 1, categoryViews: 1 }],
    ["product_view", () => view(0, "A"), { pageViews: 1, productViews: 1, distinctProducts: ["A"], openProductTs: NOW }],
    ["search", () => ev("search", 0, { query: "anc" }), { searches: 1 }],
    ["add_to_cart", () => cart(0), { carts: 1 }],
    ["checkout", () => ev("checkout", 0), { checkouts: 1 }],
    ["purchase", () => purchase(0, "o1", 99), { purchases: 1 }],
    ["identify", () => ev("identify", 0, { user: "hashed-user-1" }), { pageViews: 0 }],
    ["consent", () => ev("consent", 0, { granted: true }), { pageViews: 0 }],
  ] as const)("%s", (_type, make, expected) => {
    expect(fold([make()]).session).toMatchObject(expected);
  });

  it("marks identify", () => {
    expect(fold([ev("identify", 0, { user: "hashed-user-1" })]).identified).toBe(true);
  });

  it.each([
    ["an identify without an answer leaves the opt-in alone", [ev("identify", 0, { user: "hashed-user-1" })], undefined],
    ["an identify with granted: true is a mail opt-in", [ev("identify", 0, { user: "hashed-user-1", granted: true })], true],
    ["a later granted: false is an opt-out", [ev("identify", -5, { user: "hashed-user-1", granted: true }), ev("identify", 0, { user: "hashed-user-1", granted: false })], false],
    ["a consent event is tracking consent, not mail", [ev("consent", 0, { granted: true })], undefined],
  ])("%s", (_name, events, subscribed) => {
    expect(fold(events).subscribed).toBe(subscribed);
  });

  it.each([
    ["https://shop.test/account/login", { accountViews: 1, infoViews: 0 }],
    ["https://shop.test/my-account/orders/", { accountViews: 1, infoViews: 0 }],
    ["https://shop.test/pages/contact", { accountViews: 0, infoViews: 1 }],
    ["https://shop.test/policies/shipping-policy", { accountViews: 0, infoViews: 1 }],
    ["https://shop.test/", { accountViews: 0, infoViews: 0 }],
  ])("counts the page view of %s by its kind", (url, expected) => {
    expect(fold([page(0, url)]).session).toMatchObject({ pageViews: 1, ...expected });
  });

  it("measures time on category pages like time on product pages", () => {
    const p = fold([ev("category_view", -30, { categories: ["Headphones"] }), view(-27, "A"), ev("category_view", -20, { categories: ["Bluetooth"] }), page(-18)]);
    expect(p.session).toMatchObject({ categoryDwellMs: 3 * MIN + 2 * MIN, productDwellMs: 7 * MIN });
  });

  it("measures dwell on product pages up to the next event, capped per view", () => {
    const p = fold([view(-30, "A"), view(-28, "B"), page(-26), view(-25, "C"), page(0)]);
    expect(p.session.productDwellMs).toBe(2 * MIN + 2 * MIN + 10 * MIN);
  });

  it("notes a product view after a search", () => {
    expect(fold([view(-3, "A"), ev("search", -2, { query: "q" })]).session.searchToProduct).toBe(false);
    expect(fold([ev("search", -2, { query: "q" }), view(-1, "A")]).session.searchToProduct).toBe(true);
  });

  it("keeps distinct products bounded, most recent last", () => {
    const views = Array.from({ length: 60 }, (_, i) => view(-6 + i * 0.1, `S${i}`));
    const p = fold([...views, view(0, "S10")]);
    expect(p.session.distinctProducts).toHaveLength(PROFILE_LIMITS.distinctProducts);
    expect(p.session.distinctProducts.at(-1)).toBe("S10");
    expect(p.session.productViews).toBe(61);
  });

  it("records orders once per order id, with coupon use", () => {
    const p = fold([purchase(-3, "o1", 100, "SPRING"), purchase(-2, "o1", 100, "SPRING"), purchase(-1, "o2", 50.55, " "), purchase(0, "o3", 20)]);
    expect(p.totals).toEqual({ orders: 3, revenue: 170.55, couponOrders: 1 });
    expect(p.orders.map((o) => [o.id, o.coupon])).toEqual([["o1", true], ["o2", false], ["o3", false]]);
    expect(p.session.purchases).toBe(3);
  });

  it("keeps the order window bounded and in time order", () => {
    const orders = Array.from({ length: 60 }, (_, i) => purchase(-i * 60 * 24, `o${i}`, 10));
    const p = fold(orders);
    expect(p.orders).toHaveLength(PROFILE_LIMITS.orders);
    expect(p.totals.orders).toBe(60);
    expect(p.orders.map((o) => o.ts)).toEqual([...p.orders.map((o) => o.ts)].sort((a, b) => a - b));
  });

  it("keeps recent events bounded, with few categories each", () => {
    const many = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const p = fold(Array.from({ length: 40 }, (_, i) => view(-40 + i, `S${i}`, many)));
    expect(p.recent).toHaveLength(PROFILE_LIMITS.recent);
    expect(p.recent.at(-1)?.categories).toHaveLength(5);
  });

  it("sets geo from the request", () => {
    const p = foldEvents(null, [page(0)], { ...CTX, geo: { country: "DE", timezone: "Europe/Berlin" } });
    expect(p.geo).toEqual({ country: "DE", timezone: "Europe/Berlin" });
    expect(foldEvents(p, [page(1)], CTX).geo).toEqual({ country: "DE", timezone: "Europe/Berlin" });
  });
});

describe("foldEvents: interests", () => {
  it.each([
    ["product_view", view(0, "A", ["Headphones", "Noise-Canceling"]), { headphones: 1, "noise-canceling": 1 }],
    ["category_view", ev("category_view", 0, { categories: ["Men's "] }), { "men's": 1 }],
    ["add_to_cart", ev("add_to_cart", 0, { product: { sku: "A", price: 1, categories: ["kids"] } }), { kids: 2 }],
    ["purchase", ev("purchase", 0, { order: { id: "o", total: 1 }, categories: ["kids"] }), { kids: 3 }],
    ["search", ev("search", 0, { query: "q", categories: ["kids"] }), {}],
    ["page_view", ev("page_view", 0, { categories: ["kids"] }), {}],
  ])("%s weighs every category on the path", (_type, event, expected) => {
    const scores = Object.fromEntries(Object.entries(fold([event]).interests).map(([k, v]) => [k, v.score]));
    expect(scores).toEqual(expected);
  });

  it("decays older weight with the half-life", () => {
    const p = fold([view(-14 * 24 * 60, "A", ["kids"]), view(0, "B", ["kids"])]);
    expect(p.interests.kids?.score).toBeCloseTo(1.5, 10);
    expect(p.interests.kids?.at).toBe(NOW);
  });

  it("keeps at most the interest cap, dropping the weakest", () => {
    const events = Array.from({ length: 60 }, (_, i) => view(-60 + i, `S${i}`, [`cat-${i}`]));
    const p = fold([...events, view(1, "X", ["cat-0"]), view(2, "X", ["cat-0"])]);
    expect(Object.keys(p.interests)).toHaveLength(PROFILE_LIMITS.interests);
    expect(p.interests["cat-0"]).toBeDefined();
    expect(p.interests["cat-59"]).toBeDefined();
  });
});

describe("foldEvents: purity and bounds", () => {
  it("never mutates the profile or the events it is given", () => {
    const events = deepFreeze([view(-5, "A", ["kids"]), purchase(-1, "o1", 10), page(0)]);
    const before = deepFreeze(fold([page(-100)]));
    const copy = structuredClone(before);
    expect(() => fold(events, before)).not.toThrow();
    expect(before).toEqual(copy);
  });

  it("never throws on any schema-valid event sequence, and the result is a valid profile", () => {
    fc.assert(
      fc.property(fc.array(arbEvent(), { maxLength: 60 }), fc.array(arbEvent(), { maxLength: 20 }), (a, b) => {
        const p = foldEvents(foldEvents(null, a, CTX), b, CTX);
        expect(ProfileSchema.safeParse(p).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("stays under a fixed size however many events are folded", () => {
    fc.assert(
      fc.property(fc.array(arbEvent(), { minLength: 5000, maxLength: 5000 }), (events) => {
        let p: Profile | null = null;
        for (let i = 0; i < events.length; i += 100) p = foldEvents(p, events.slice(i, i + 100), CTX);
        expect(JSON.stringify(p).length).toBeLessThan(64_000);
        expect(ProfileSchema.safeParse(p).success).toBe(true);
      }),
      { numRuns: 3 },
    );
  });

  it("starts from an empty profile that itself is valid", () => {
    expect(ProfileSchema.safeParse(emptyProfile(NOW)).success).toBe(true);
  });

  it("keeps the visitor's cart from cart adds until an order takes it", () => {
    const named = (at: number, sku: string, name: string) => ev("add_to_cart", at, { product: { sku, price: 20, name } });
    const p = fold([named(-30, "A", "Alpha"), named(-20, "B", "Beta"), named(-10, "A", "Alpha")]);
    expect(p.cart).toEqual([
      { sku: "A", name: "Alpha", price: 20, qty: 2, ts: NOW - 10 * MIN },
      { sku: "B", name: "Beta", price: 20, qty: 1, ts: NOW - 20 * MIN },
    ]);
    const bought = fold([purchase(-5, "O-1", 60)], p);
    expect(bought.cart).toEqual([]);
    // A late-arriving add from before the order was bought with it.
    expect(fold([named(-40, "C", "Gamma")], bought).cart).toEqual([]);
    expect(fold([named(1, "C", "Gamma")], bought).cart?.map((line) => line.sku)).toEqual(["C"]);
    expect(ProfileSchema.safeParse(bought).success).toBe(true);
  });
});
