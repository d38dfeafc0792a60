import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PROOF_FLUSH_MS, PROOF_MAX_ROWS, PROOF_SHARDS, PROOF_SPREAD } from "../src/offers/proof";
import { fnv1a32 } from "@vitrine/shared";
import demoConfig from "@vitrine/demo-store/config";
import type { Decision } from "@vitrine/shared/schema";
import { ADMIN, call, ev, newSite, newVisitor, storedProfile, trustedOrders, workerEnv } from "./helpers";

const HOUR = 3_600_000;
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** The demo's config with an offer slot drawing single-use codes, a cart reminder and a proof badge (minimum `min`). */
function offersConfig(options: { min?: number; end?: number } = {}) {
  const now = Date.now();
  return {
    ...structuredClone(demoConfig),
    settings: { ttl: 300 },
    triggers: [],
    slots: {
      offer: {
        variants: {
          "single-use": { headline: "Your own code", offer: { pool: "launch", ...(options.end !== undefined && { end: options.end }) } },
          evening: { headline: "Tonight only", offer: { code: "EVENING20", hours: { from: hhmm(now - HOUR), to: hhmm(now + HOUR) } } },
        },
        rules: [],
        default: "single-use",
      },
      "cart-reminder": {
        variants: { cart: { headline: "Still thinking about {items}?", text: "{count} in your cart, {total}", cart: true, cta: { label: "Back to your cart", href: "/cart/" } } },
        rules: [],
        default: "cart",
      },
      "pdp-proof": { variants: { bought: { text: "{count} bought today", proof: { metric: "orders", min: options.min ?? 3 } } }, rules: [], default: "bought" },
    },
  };
}

async function pageDecide(site: string, visitor: string, events: unknown[] = [], extra: Record<string, unknown> = {}): Promise<Decision> {
  const res = await call("POST", "/v1/decide", { site, visitor, events, ...extra });
  if (res.status !== 200) throw new Error(`decide answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Decision;
}

const upload = (site: string, pool: string, body: unknown) => call("PUT", `/v1/sites/${site}/offers/${pool}`, body, { headers: ADMIN });
const productView = (sku: string) => ev("product_view", { url: `https://shop.test/p/${sku}/`, product: { sku, price: 99 } });

describe("single-use offer codes", () => {
  it("validates an upload, naming the path, and keeps a code uploaded twice once", async () => {
    const site = await newSite("pool", offersConfig());
    const bad = await upload(site, "launch", { codes: ["OK-1", "not ok!"] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("codes.1");
    expect((await upload(site, "Bad Pool", { codes: ["A"] })).status).toBe(400);
    expect((await call("PUT", `/v1/sites/${site}/offers/launch`, { codes: ["A"] })).status).toBe(401);
    expect(await (await upload(site, "launch", { codes: ["A-1", "A-2", "A-1"] })).json()).toEqual({ added: 2, total: 2, assigned: 0, left: 2 });
    expect(await (await upload(site, "launch", { codes: ["A-2", "A-3"] })).json()).toEqual({ added: 1, total: 3, assigned: 0, left: 3 });
  });

  it("hands each code to one visitor only, under concurrent decides, and the same code to that visitor again", async () => {
    const site = await newSite("pool", offersConfig());
    const codes = Array.from({ length: 12 }, (_, i) => `LAUNCH-${i}`);
    await upload(site, "launch", { codes });
    const visitors = Array.from({ length: 20 }, () => newVisitor("c"));
    // Every visitor decides twice at once, all visitors at once.
    const answers = await Promise.all(visitors.flatMap((visitor) => [pageDecide(site, visitor), pageDecide(site, visitor)]));
    const byVisitor = new Map<string, Set<string>>(visitors.map((visitor) => [visitor, new Set()]));
    for (const answer of answers) {
      const code = answer.slots.offer?.offer?.code;
      // Never an offer without its code (a decide that fell back under load shows none).
      if (answer.slots.offer) expect(code).toBeDefined();
      if (code) byVisitor.get(answer.visitor)!.add(code);
    }
    // One code per visitor at most, and no code seen by two visitors.
    for (const seen of byVisitor.values()) expect(seen.size).toBeLessThanOrEqual(1);
    const given = [...byVisitor.values()].flatMap((seen) => [...seen]);
    expect(new Set(given).size).toBe(given.length);
    for (const code of given) expect(codes).toContain(code);
    // Sticky on a later page, and the rest of the pool goes to the others, one each, until it is used up.
    const later = new Map<string, string | null>();
    for (const visitor of visitors) later.set(visitor, (await pageDecide(site, visitor)).slots.offer?.offer?.code ?? null);
    for (const [visitor, seen] of byVisitor) if (seen.size) expect(later.get(visitor)).toBe([...seen][0]);
    const held = [...later.values()].filter((code): code is string => code !== null);
    expect(held).toHaveLength(12);
    expect(new Set(held)).toEqual(new Set(codes));
    expect(await (await call("GET", `/v1/sites/${site}/offers/launch`, undefined, { headers: ADMIN })).json()).toEqual({ total: 12, assigned: 12, left: 0 });
  });

  it("forgets whose a code was when the visitor is deleted, and never hands that code out again", async () => {
    const site = await newSite("pool", offersConfig());
    await upload(site, "launch", { codes: ["F-1", "F-2"] });
    const visitor = newVisitor("f");
    expect((await pageDecide(site, visitor)).slots.offer?.offer?.code).toBe("F-1");
    expect((await call("DELETE", `/v1/sites/${site}/visitors/${visitor}`, undefined, { headers: ADMIN })).status).toBe(200);
    const pool = workerEnv.OFFER_CODES.get(workerEnv.OFFER_CODES.idFromName(`${site}:launch`));
    expect(await pool.status()).toEqual({ total: 2, assigned: 1, left: 1 });
    // The id no longer finds F-1: asking again for it draws the next free code.
    expect(await pool.claim(visitor, Date.now())).toBe("F-2");
  });

  it("forgets whose a code was on erasure even after the offer left the config, and when retention deletes the visitor", async () => {
    const site = await newSite("pool", { ...offersConfig(), settings: { ttl: 300, retentionDays: 1 } });
    await upload(site, "launch", { codes: ["R-1", "R-2"] });
    const pool = workerEnv.OFFER_CODES.get(workerEnv.OFFER_CODES.idFromName(`${site}:launch`));
    const erased = newVisitor("e");
    expect((await pageDecide(site, erased)).slots.offer?.offer?.code).toBe("R-1");
    // The merchant removes the offer; before, erasure then left the visitor's id on R-1.
    const withoutOffer = { ...offersConfig(), site, experiments: [], settings: { ttl: 300, retentionDays: 1 } };
    delete (withoutOffer.slots as Record<string, unknown>).offer;
    const put = await call("PUT", `/v1/sites/${site}/config`, withoutOffer, { headers: ADMIN });
    expect(put.status, await put.clone().text()).toBe(200);
    expect((await call("DELETE", `/v1/sites/${site}/visitors/${erased}`, undefined, { headers: ADMIN })).status).toBe(200);
    expect(await pool.peek(erased)).toBeNull();
    expect(await pool.status()).toEqual({ total: 2, assigned: 1, left: 1 });

    // Retention: an idle visitor's object deletes them, and the pool forgets them too (before, it never did).
    expect((await call("PUT", `/v1/sites/${site}/config`, { ...offersConfig(), site, settings: { ttl: 300, retentionDays: 1 } }, { headers: ADMIN })).status).toBe(200);
    const idle = newVisitor("i");
    await call("POST", "/v1/collect", { site, visitor: idle, events: [ev("page_view", { url: "https://shop.test/" }, 3 * 24 * 60)] });
    expect((await pageDecide(site, idle)).slots.offer?.offer?.code).toBe("R-2");
    const object = workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${idle}`));
    await runInDurableObject(object, (_instance, state) => state.storage.setAlarm(Date.now()));
    await runDurableObjectAlarm(object);
    await expect.poll(() => storedProfile(site, idle)).toBeNull();
    expect(await pool.peek(idle)).toBeNull();
    expect(await pool.status()).toEqual({ total: 2, assigned: 2, left: 0 });
  });

  it("keeps the decision's ttl within the offer's time and gives its end on the page's clock", async () => {
    const now = Date.now();
    const site = await newSite("pool", offersConfig({ end: now + 20_000 }));
    await upload(site, "launch", { codes: ["T-1"] });
    // The page's clock runs 60 s behind the worker's.
    const answer = await pageDecide(site, newVisitor("t"), [], { sentAt: Date.now() - 60_000 });
    expect(answer.slots.offer?.offer?.code).toBe("T-1");
    expect(answer.ttl).toBeLessThanOrEqual(20);
    expect(answer.slots.offer?.offer?.endsAt).toBeLessThanOrEqual(now + 20_000 - 59_000);
    expect(answer.slots.offer?.offer?.endsAt).toBeGreaterThan(now + 20_000 - 61_000);
    expect(JSON.stringify(answer)).not.toContain("launch");
  });
});

describe("who may draw a single-use code", () => {
  it("gives the demo's VIP codes for confirmed spend only, never for purchases the browser reports", async () => {
    const site = await newSite("vip", { ...structuredClone(demoConfig), settings: { ttl: 300 } });
    await upload(site, "vip-codes", { codes: ["VIP-1", "VIP-2", "VIP-3"] });
    // Three fresh ids, each reporting a huge order from the browser: before trusted spend, they drew all three codes.
    for (let i = 0; i < 3; i++) {
      const forger = newVisitor("x");
      await pageDecide(site, forger, [ev("purchase", { order: { id: `FAKE-${i}`, total: 9999 } }, 1)]);
      expect((await pageDecide(site, forger)).slots.offer?.offer?.code).toBeUndefined();
    }
    expect(await (await call("GET", `/v1/sites/${site}/offers/vip-codes`, undefined, { headers: ADMIN })).json()).toEqual({ total: 3, assigned: 0, left: 3 });
    // The shop's backend confirms an order the browser reported first, with its real total.
    const buyer = newVisitor("b");
    await pageDecide(site, buyer, [ev("purchase", { order: { id: "REAL-1", total: 10 } }, 1)]);
    await trustedOrders(site, [{ visitor: buyer, id: "REAL-1", total: 6000 }]);
    expect((await storedProfile(site, buyer))?.orders).toEqual([expect.objectContaining({ id: "REAL-1", total: 6000, trusted: true })]);
    expect((await pageDecide(site, buyer)).slots.offer).toMatchObject({ variant: "vip-code", offer: { code: "VIP-1" } });
  });
});

describe("cart reminders", () => {
  it("shows a returning cart abandoner their own cart, and nobody else's", async () => {
    const site = await newSite("cart", offersConfig());
    const visitor = newVisitor("a");
    const add = (sku: string, name: string, price: number) => ev("add_to_cart", { product: { sku, name, price, currency: "USD" } }, 120);
    await pageDecide(site, visitor, [ev("page_view", { url: "https://shop.test/" }, 121), add("NC-100", "Aurora NC 700", 349), add("TR-1", "Trail Runner", 59.5)]);
    expect((await storedProfile(site, visitor))?.cart?.map((line) => line.name)).toEqual(["Aurora NC 700", "Trail Runner"]);
    const back = await pageDecide(site, visitor, [ev("page_view", { url: "https://shop.test/" })]);
    expect(back.slots["cart-reminder"]).toMatchObject({ headline: "Still thinking about Aurora NC 700 and Trail Runner?", text: "2 in your cart, $408.50", cta: { href: "/cart/" } });
    const other = await pageDecide(site, newVisitor("o"), [ev("page_view", { url: "https://shop.test/" })]);
    expect(other.slots["cart-reminder"]).toBeNull();
  });
});

describe("social proof", () => {
  const counts = async (site: string, skus: string[]) => Promise.all(skus.map(async (sku) => (await call("GET", `/v1/sites/${site}/offers/proof/${sku}`, undefined, { headers: ADMIN })).json()));

  it("counts concurrent views and trusted orders through the worker exactly as sent, retries once", async () => {
    const site = await newSite("proof", offersConfig());
    const skus = ["HOT-1", "HOT-2", "COLD-1"];
    const sent = { "HOT-1": { views: 0, orders: 0 }, "HOT-2": { views: 0, orders: 0 }, "COLD-1": { views: 0, orders: 0 } } as Record<string, { views: number; orders: number }>;
    const requests: Promise<unknown>[] = [];
    const retries: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < 24; i++) {
      const visitor = newVisitor("p");
      const sku = skus[i % 3 === 2 ? 2 : i % 2]!;
      const view = productView(sku);
      sent[sku]!.views += 1;
      requests.push(pageDecide(site, visitor, [view]));
      // A retry of the same view counts once.
      requests.push(call("POST", "/v1/collect", { site, visitor, events: [view] }));
      retries.push(() => call("POST", "/v1/collect", { site, visitor, events: [view] }));
      if (i % 2 === 0) {
        const order = { visitor, id: `O-${visitor}`, total: 120, skus: [sku, "HOT-1", sku] };
        for (const bought of new Set([sku, "HOT-1"])) sent[bought]!.orders += 1;
        // The browser's report of the order counts nothing; the backend's copy counts once.
        requests.push(call("POST", "/v1/collect", { site, visitor, events: [ev("purchase", { order: { id: order.id, total: 120, skus: order.skus } })] }));
        requests.push(trustedOrders(site, [order]));
        retries.push(() => trustedOrders(site, [order]));
      }
    }
    await Promise.all(requests);
    // A decide that met its deadline answers before its recording ends; the counts follow it.
    await expect.poll(() => counts(site, skus), { timeout: 20_000 }).toEqual(skus.map((sku) => ({ sku, ...sent[sku] })));
    // Every event sent again: nothing more is counted, also once the views' batches have gone.
    await Promise.all(retries.map((retry) => retry()));
    await new Promise((resolve) => setTimeout(resolve, PROOF_FLUSH_MS + 1_500));
    expect(await counts(site, skus)).toEqual(skus.map((sku) => ({ sku, ...sent[sku] })));
  });

  it("adds one instance's views of a product to one of its counter objects, whichever visitors sent them", async () => {
    const site = await newSite("proof", offersConfig());
    const sku = `SPREAD-${newVisitor("s")}`;
    // Eight visitors: by a hash of the visitor they would fall into several of the product's objects.
    await Promise.all(Array.from({ length: 8 }, () => pageDecide(site, newVisitor("v"), [productView(sku)])));
    await expect.poll(() => counts(site, [sku]), { timeout: 10_000 }).toEqual([{ sku, views: 8, orders: 0 }]);
    const now = Date.now();
    const perObject = await Promise.all(Array.from({ length: PROOF_SPREAD }, (_, spread) => workerEnv.PROOF.get(workerEnv.PROOF.idFromName(`${site}:${fnv1a32(sku) % PROOF_SHARDS}:${spread}`)).read(sku, now)));
    expect(perObject.map((count) => count.views).sort()).toEqual([0, 0, 0, 8]);
  });

  it("counts a batch of views and orders exactly as the same hits one by one", async () => {
    const now = Date.now();
    const hit = fc.record({ sku: fc.constantFrom("A", "B", "C"), ago: fc.integer({ min: -60_000, max: 26 * HOUR }) });
    await fc.assert(
      fc.asyncProperty(fc.array(hit, { maxLength: 40 }), fc.array(hit, { maxLength: 20 }), async (views, orders) => {
        const at = (h: { sku: string; ago: number }) => ({ sku: h.sku, ts: now - h.ago });
        const batch = workerEnv.PROOF.get(workerEnv.PROOF.idFromName(`sum-${newVisitor("b")}`));
        const single = workerEnv.PROOF.get(workerEnv.PROOF.idFromName(`sum-${newVisitor("s")}`));
        await batch.add({ views: views.map(at), orders: orders.map(at) }, now);
        for (const view of views) await single.add({ views: [at(view)], orders: [] }, now);
        for (const order of orders) await single.add({ views: [], orders: [at(order)] }, now);
        for (const sku of ["A", "B", "C"]) expect(await batch.read(sku, now)).toEqual(await single.read(sku, now));
      }),
      { numRuns: 25 },
    );
  });

  it("never counts purchases the browser reports, however many", async () => {
    const site = await newSite("proof", offersConfig({ min: 3 }));
    // Before, three forged purchases from fresh ids made "3 bought today".
    for (let i = 0; i < 3; i++) await call("POST", "/v1/collect", { site, visitor: newVisitor("x"), events: [ev("purchase", { order: { id: `X-${i}`, total: 1, skus: ["NC-100"] } })] });
    expect(await counts(site, ["NC-100"])).toEqual([{ sku: "NC-100", orders: 0, views: 0 }]);
    expect((await pageDecide(site, newVisitor("v"), [productView("NC-100")])).slots["pdp-proof"]).toBeNull();
  });

  it("counts by when a view or order happened: a view from before the last hour and an order from before the last day count nothing", async () => {
    const site = await newSite("proof", offersConfig());
    const visitor = newVisitor("t");
    // Sent now, but the views happened 2 h and 10 min ago (the page queued them).
    await call("POST", "/v1/collect", { site, visitor, events: [ev("product_view", { url: "https://shop.test/p/OLD/", product: { sku: "OLD", price: 9 } }, 120), ev("product_view", { url: "https://shop.test/p/OLD/", product: { sku: "OLD", price: 9 } }, 10)] });
    const hours = (n: number) => Date.now() - n * 3_600_000;
    await trustedOrders(site, [
      { visitor, id: "LATE-1", total: 5, skus: ["OLD"], ts: hours(30) },
      { visitor, id: "LATE-2", total: 5, skus: ["OLD"], ts: hours(20) },
    ]);
    // Views are added a second or so after the answer (gathered per isolate); orders at once.
    await expect.poll(() => counts(site, ["OLD"]), { timeout: 10_000 }).toEqual([{ sku: "OLD", views: 1, orders: 1 }]);
  });

  it("keeps at most PROOF_MAX_ROWS rows per counter, dropping the products with the lowest counts", async () => {
    const counter = workerEnv.PROOF.get(workerEnv.PROOF.idFromName(`cap-${newVisitor("c")}`));
    const now = Date.now();
    await counter.add({ views: [], orders: [{ sku: "REAL", ts: now }] }, now);
    // Made-up skus, one view each, in batches as a flood of decides would bring them.
    for (let batch = 0; batch < 11; batch++) {
      await counter.add({ views: Array.from({ length: 2_000 }, (_, i) => ({ sku: `FAKE-${batch}-${i}`, ts: now })), orders: [] }, now);
    }
    expect(await counter.read("REAL", now)).toEqual({ orders: 1, views: 0 });
    const kept = await runInDurableObject(counter, (_, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM counts").one().n);
    expect(kept).toBeLessThanOrEqual(PROOF_MAX_ROWS);
  });

  it("shows '3 bought today' on the product's page from a minimum of 3, and nothing where the minimum is 5", async () => {
    const three = await newSite("proof", offersConfig({ min: 3 }));
    const five = await newSite("proof", offersConfig({ min: 5 }));
    for (const site of [three, five]) {
      for (let i = 0; i < 3; i++) await trustedOrders(site, [{ visitor: newVisitor("o"), id: `O-${i}`, total: 80, skus: ["NC-100"] }]);
    }
    expect((await pageDecide(three, newVisitor("v"), [productView("NC-100")])).slots["pdp-proof"]).toMatchObject({ variant: "bought", text: "3 bought today" });
    expect((await pageDecide(three, newVisitor("v"), [productView("OTHER")])).slots["pdp-proof"]).toBeNull();
    expect((await pageDecide(five, newVisitor("v"), [productView("NC-100")])).slots["pdp-proof"]).toBeNull();
  });
});
