import { describe, expect, it } from "vitest";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import demoConfig from "@vitrine/demo-store/config";
import type { SiteStats } from "../src/stats/site-stats";
import { ADMIN, call, collect, ev, newSite, newVisitor, storedProfile, trustedOrders, workerEnv } from "./helpers";

const ORIGIN = { origin: "http://127.0.0.1:8787" };
const visitorObject = (site: string, visitor: string) => workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${visitor}`));
const statsObject = (site: string) => workerEnv.SITE_STATS.get(workerEnv.SITE_STATS.idFromName(site));
const figures = (site: string) => statsObject(site).figures();

/** Polls until `check` holds (alarms also fire on their own), for at most five seconds. */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe("site figures from trusted orders only", () => {
  it("never move with purchases a browser makes up, however large, even for a real customer", async () => {
    const site = await newSite("forge", demoConfig);
    const visitor = newVisitor("forge");
    for (let i = 0; i < 49; i++) await collect({ site, visitor, events: [ev("purchase", { order: { id: `fake-${i}`, total: 10_000_000 } })] });
    await trustedOrders(site, [{ visitor, id: "real-1", total: 120 }]);
    expect(await figures(site)).toEqual({ orders: 1, customers: 1, aovP90: expect.closeTo(120, 0), spendP90: expect.closeTo(120, 0), gaps: 0, gapP80Days: null, gapP95Days: null });
  });

  it("delivers a change later, exactly once, when the site's figures failed after the visitor's commit", async () => {
    const site = await newSite("outbox", demoConfig);
    const visitor = newVisitor("outbox");
    // The site's figures fail (for every site, while this lasts): the class method throws.
    const proto = await runInDurableObject(statsObject(site), (instance: SiteStats) => Object.getPrototypeOf(instance) as { apply: SiteStats["apply"] });
    const apply = proto.apply;
    proto.apply = () => {
      throw new Error("site figures unavailable");
    };
    try {
      const first = await trustedOrders(site, [{ visitor, id: "late-1", total: 300 }]);
      expect(first.accepted).toBe(1);
      expect((await figures(site)).orders).toBe(0);
      // A page view meanwhile must not push the retry back to the retention date.
      await collect({ site, visitor, events: [ev("page_view")] });
    } finally {
      proto.apply = apply;
    }
    // The visitor's alarm delivers the change; running it again (or the alarm firing on its own) adds nothing.
    await runDurableObjectAlarm(visitorObject(site, visitor));
    await waitFor(async () => (await figures(site)).orders === 1);
    expect(await figures(site)).toMatchObject({ orders: 1, customers: 1 });
    await runDurableObjectAlarm(visitorObject(site, visitor));
    expect(await trustedOrders(site, [{ visitor, id: "late-1", total: 300 }])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await figures(site)).toMatchObject({ orders: 1, customers: 1 });
  });

  it("counts concurrent orders exactly: the same order twice once, two orders of one customer as one customer", async () => {
    const site = await newSite("race", demoConfig);
    const visitor = newVisitor("race");
    await Promise.all([
      trustedOrders(site, [{ visitor, id: "same", total: 100 }]),
      trustedOrders(site, [{ visitor, id: "same", total: 100 }]),
      trustedOrders(site, [{ visitor, id: "other", total: 50 }]),
    ]);
    expect(await figures(site)).toMatchObject({ orders: 2, customers: 1 });
    expect((await figures(site)).spendP90).toBeCloseTo(150, 0);
  });

  it("leaves figures exact when an erase races an order, and when two erases race", async () => {
    const site = await newSite("erase", demoConfig);
    const stays = newVisitor("stays");
    const goes = newVisitor("goes");
    await trustedOrders(site, [{ visitor: stays, id: "s-1", total: 80 }, { visitor: goes, id: "g-1", total: 500 }]);
    expect((await figures(site)).customers).toBe(2);
    await Promise.all([
      trustedOrders(site, [{ visitor: goes, id: "g-2", total: 500 }]),
      call("DELETE", `/v1/sites/${site}/visitors/${goes}`, undefined, { headers: ADMIN }),
      call("DELETE", `/v1/sites/${site}/visitors/${goes}`, undefined, { headers: ADMIN }),
    ]);
    const after = await figures(site);
    expect(after.customers).toBe(1);
    // The spend sketch is accurate to 1%.
    expect(Math.abs(after.spendP90! - 80) / 80).toBeLessThan(0.01);
  });
});

describe("customers without spend", () => {
  it("are no spend figure: free orders count as orders, not as customers, and an erasure leaves nothing behind", async () => {
    const site = await newSite("free", demoConfig);
    const visitor = newVisitor("free");
    await trustedOrders(site, [{ visitor, id: "free-1", total: 0 }, { visitor, id: "free-2", total: 0 }]);
    expect(await figures(site)).toMatchObject({ orders: 2, customers: 0 });
    await call("DELETE", `/v1/sites/${site}/visitors/${visitor}`, undefined, { headers: ADMIN });
    expect(await figures(site)).toMatchObject({ customers: 0 });
  });
});

describe("erasure that sticks", () => {
  it("refuses events for an erased id, on collect (410) and decide (default, nothing stored)", async () => {
    const visitor = newVisitor("tomb");
    await collect({ visitor, events: [ev("category_view", { categories: ["Kids"] })] });
    const withdrawn = await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("consent", { granted: false })] }, { headers: ORIGIN });
    expect(await withdrawn.json()).toMatchObject({ forgotten: true });
    const late = await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("page_view")] });
    expect(late.status).toBe(410);
    expect(((await late.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("visitor");
    const decision = (await (await call("POST", "/v1/decide", { site: "demo", visitor, events: [ev("page_view")] })).json()) as { hero: { reason: { basis: string } } };
    expect(decision.hero.reason.basis).toBe("consent");
    expect(await storedProfile("demo", visitor)).toBeNull();
  });

  it("takes a withdrawal only from the visitor's browser (the site's origin) or an admin key", async () => {
    const visitor = newVisitor("who");
    await collect({ visitor, events: [ev("page_view")] });
    const noOrigin = await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("consent", { granted: false })] });
    expect(noOrigin.status).toBe(403);
    expect(await storedProfile("demo", visitor)).not.toBeNull();
    const foreign = await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("consent", { granted: false })] }, { headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(await storedProfile("demo", visitor)).not.toBeNull();
  });
});

describe("what a public decision tells the page", () => {
  it("carries no spend, orders, location or campaign, even when it explains", async () => {
    const site = await newSite("public", demoConfig);
    const visitor = newVisitor("pub");
    await collect({ site, visitor, events: [ev("page_view", { url: "https://shop.test/?utm_source=news&utm_medium=email&utm_campaign=secret-sale" }, 1)] });
    await trustedOrders(site, [{ visitor, id: "p-1", total: 2999 }]);
    const res = await call("POST", "/v1/decide", { site, visitor, explain: true, events: [ev("page_view")] }, { country: "JP", timezone: "Asia/Tokyo" });
    const text = await res.text();
    const decision = JSON.parse(text) as { traits: Record<string, Record<string, unknown>>; explain: string[] };
    expect(decision.traits.value).toEqual({ bigSpender: true, vip: expect.any(Boolean), active: false, couponLover: false, cartAbandoner: false });
    expect(decision.traits).not.toHaveProperty("geo");
    expect(decision.traits.source).toEqual({ channel: "email" });
    for (const secret of ["2999", "2,999", "JP", "Tokyo", "secret-sale", "aov", "totalSpend"]) expect(text).not.toContain(secret);
    const quiet = (await (await call("POST", "/v1/decide", { site, visitor })).json()) as Record<string, unknown>;
    expect(quiet).not.toHaveProperty("traits");
    expect(quiet).not.toHaveProperty("explain");
    // Only the segments that chose what the page shows: big-spenders chose the hero and the sort.
    expect(quiet.segments).toEqual(["big-spenders"]);
  });
});

describe("retention", () => {
  it("deletes a profile idle past the site's retention, and its spend leaves the site's figures", async () => {
    const site = await newSite("retain", { ...demoConfig, settings: { retentionDays: 1 } });
    const visitor = newVisitor("idle");
    await collect({ site, visitor, events: [ev("page_view", {}, 3 * 24 * 60)] });
    await trustedOrders(site, [{ visitor, id: "old-1", total: 90, ts: Date.now() - 3 * 86_400_000 }]);
    expect((await figures(site)).customers).toBe(1);
    expect(await storedProfile(site, visitor)).not.toBeNull();
    // The alarm is set for a day after the last write; run it as if that time had come.
    await runInDurableObject(visitorObject(site, visitor), (_instance, state) => state.storage.setAlarm(Date.now()));
    await runDurableObjectAlarm(visitorObject(site, visitor));
    await waitFor(async () => (await storedProfile(site, visitor)) === null);
    expect((await figures(site)).customers).toBe(0);
  });
});

describe("a visitor only read", () => {
  it("gets no storage: a decide without events for an unknown id creates nothing", async () => {
    const visitor = newVisitor("ghost");
    const res = await call("POST", "/v1/decide", { site: "demo", visitor });
    expect(res.status).toBe(200);
    const tables = await runInDurableObject(visitorObject("demo", visitor), (_instance, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'").toArray(),
    );
    expect(tables).toEqual([]);
    await collect({ visitor, events: [ev("page_view")] });
    expect(await storedProfile("demo", visitor)).not.toBeNull();
  });
});
