import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, collect, decide, ev, newSite, newVisitor, storedProfile } from "./helpers";

describe("privacy edges", () => {
  it.each(["/v1/collect", "/v1/decide"])("%s forgets a visitor who withdraws consent even under Global Privacy Control", async (path) => {
    const visitor = newVisitor("gpcw");
    await collect({ visitor, events: [ev("category_view", { categories: ["Kids"] })] });
    const res = await call("POST", path, { site: "demo", visitor, events: [ev("consent", { granted: false })] }, { headers: { "sec-gpc": "1", origin: "http://127.0.0.1:8787" } });
    expect(res.status).toBeLessThan(300);
    expect(await storedProfile("demo", visitor)).toBeNull();
  });

  it("decide under Global Privacy Control records nothing and says why", async () => {
    const visitor = newVisitor("gpcd");
    const res = await call("POST", "/v1/decide", { site: "demo", visitor, events: [ev("page_view")], explain: true }, { headers: { "sec-gpc": "1" } });
    const decision = (await res.json()) as { bot: boolean; explain: string[]; hero: { variant: string; reason: { basis: string } } };
    expect(decision.bot).toBe(false);
    expect(decision.hero.variant).toBe("default");
    expect(decision.hero.reason.basis).toBe("gpc");
    expect(decision.explain[0]).toMatch(/Global Privacy Control/);
    expect(await storedProfile("demo", visitor)).toBeNull();
  });
});

describe("HTTP edges", () => {
  it("corrects event times by the browser clock's skew when the batch says when it was sent", async () => {
    const visitor = newVisitor("skew");
    const hourBehind = Date.now() - 3_600_000;
    await collect({ visitor, sentAt: hourBehind, events: [ev("page_view", { ts: hourBehind - 60_000 })] });
    const profile = await storedProfile("demo", visitor);
    expect(Math.abs(profile!.lastSeen - (Date.now() - 60_000))).toBeLessThan(10_000);
  });

  it("leaves out events older than seven days, and says how many", async () => {
    const visitor = newVisitor("stale");
    const res = await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("page_view", {}, 8 * 24 * 60), ev("page_view", {}, 1)] });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, stale: 1 });
    // Only old events: nothing is recorded, for a known visitor as for one never seen.
    for (const who of [visitor, newVisitor("stale-only")]) {
      const old = await call("POST", "/v1/collect", { site: "demo", visitor: who, events: [ev("page_view", {}, 8 * 24 * 60), ev("page_view", {}, 9 * 24 * 60)] });
      expect([old.status, await old.json()]).toEqual([202, { accepted: 0, duplicates: 0, stale: 2 }]);
    }
    expect((await storedProfile("demo", visitor))?.sessions).toBe(1);
  });

  it("clamps timestamps from a clock ahead of the worker's to now", async () => {
    const visitor = newVisitor("clk");
    await collect({ visitor, events: [ev("page_view", {}, -60 * 24 * 365)] });
    const profile = await storedProfile("demo", visitor);
    expect(profile!.lastSeen).toBeLessThanOrEqual(Date.now());
  });

  it("accepts the largest batch, 100 events, in one request", async () => {
    const visitor = newVisitor("max");
    const events = Array.from({ length: 100 }, (_, i) => ev("page_view", { url: `http://shop.test/${i}` }, 100 - i));
    expect(await collect({ visitor, events })).toEqual({ accepted: 100, duplicates: 0 });
    expect(await collect({ visitor, events })).toEqual({ accepted: 0, duplicates: 100 });
  });

  it("lets the page read the error of a public endpoint (CORS on 4xx)", async () => {
    const res = await call("POST", "/v1/decide", { site: "demo" }, { headers: { origin: "http://127.0.0.1:8787" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:8787");
  });

  it("answers preflights for the public endpoints only", async () => {
    const headers = { origin: "https://elsewhere.example", "access-control-request-method": "POST" };
    expect((await call("OPTIONS", "/v1/collect", undefined, { headers })).status).toBe(204);
    const admin = await call("OPTIONS", "/v1/sites/demo/config", undefined, { headers });
    expect(admin.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("compares origins the way browsers do (case and default port)", async () => {
    const site = await newSite("orig", { ...demoConfig, origins: ["https://Shop.example:443"] });
    const ok = await call("POST", "/v1/decide", { site, visitor: newVisitor() }, { headers: { origin: "https://shop.example" } });
    expect(ok.status).toBe(200);
    const other = await call("POST", "/v1/decide", { site, visitor: newVisitor() }, { headers: { origin: "https://shop.example:8443" } });
    expect(other.status).toBe(403);
  });

  it("refuses absurdly nested input with a 400, not a crash", async () => {
    let when: unknown = { trait: "value.vip", op: "eq", value: true };
    for (let i = 0; i < 5_000; i += 1) when = { not: when };
    const config = { ...demoConfig, segments: [{ id: "deep", name: "Deep", when }] };
    const res = await call("PUT", "/v1/sites/demo/config", config, { headers: ADMIN });
    expect(res.status).toBe(400);
    expect((await decide({ visitor: newVisitor() })).hero.variant).toBe("default");
  });

  it("needs the right token on the config and orders routes too", async () => {
    const wrong = { headers: { authorization: "Bearer nope" } };
    expect((await call("GET", "/v1/sites/demo/config", undefined, wrong)).status).toBe(401);
    expect((await call("GET", "/v1/sites/demo/config/versions", undefined, wrong)).status).toBe(401);
    expect((await call("POST", "/v1/sites/demo/config/rollback", { version: 1 }, wrong)).status).toBe(401);
    expect((await call("POST", "/v1/sites/demo/orders", { orders: [] }, wrong)).status).toBe(401);
  });
});
