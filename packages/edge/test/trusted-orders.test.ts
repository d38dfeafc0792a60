import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, collect, decide, ev, newSite, newVisitor, storedProfile, trustedOrders } from "./helpers";

describe("trusted orders and the site's statistics", () => {
  it("needs the admin token", async () => {
    const res = await call("POST", "/v1/sites/demo/orders", { orders: [{ visitor: newVisitor(), id: "x", total: 1 }] });
    expect(res.status).toBe(401);
  });

  it("moves the site's figures, once per order however often it is sent", async () => {
    const site = await newSite("ord", demoConfig);
    const visitor = newVisitor("buyer");
    const first = await trustedOrders(site, [{ visitor, id: "A-1", total: 120 }]);
    expect(first).toMatchObject({ accepted: 1, duplicates: 0, stats: { orders: 1, customers: 1 } });
    const again = await trustedOrders(site, [{ visitor, id: "A-1", total: 120 }, { visitor, id: "A-1", total: 120 }]);
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, stats: { orders: 1, customers: 1 } });
    // The visitor's own profile has the order too, once.
    expect((await storedProfile(site, visitor))?.totals.orders).toBe(1);
  });

  it("counts an order the browser already reported once in the profile, and once in the site's figures", async () => {
    const site = await newSite("ord", demoConfig);
    const visitor = newVisitor("both");
    await collect({ site, visitor, events: [ev("purchase", { order: { id: "B-7", total: 300 } })] });
    const result = await trustedOrders(site, [{ visitor, id: "B-7", total: 300 }]);
    expect(result).toMatchObject({ accepted: 1, stats: { orders: 1, customers: 1 } });
    expect((await storedProfile(site, visitor))?.totals.orders).toBe(1);
  });

  it("ignores purchases a browser makes up: they shape only that visitor's own traits", async () => {
    const site = await newSite("fake", demoConfig);
    await trustedOrders(site, Array.from({ length: 25 }, (_, i) => ({ visitor: newVisitor("real"), id: `r-${i}`, total: 50 + i })));
    // A hostile client invents forty customers with enormous orders.
    for (let i = 0; i < 40; i += 1) {
      await collect({ site, visitor: newVisitor("fake"), events: [ev("purchase", { order: { id: `f-${i}`, total: 10_000_000 } })] });
    }
    const honest = newVisitor("honest");
    await collect({ site, visitor: honest, events: [ev("purchase", { order: { id: "h-1", total: 900 } })] });
    const decision = await decide({ site, visitor: honest });
    expect(decision.traits.value.thresholds.basis).toBe("site");
    expect(decision.traits.value.thresholds.aovP90).toBeLessThan(100);
    expect(decision.traits.value.bigSpender).toBe(true);
  });

  it("takes a deleted customer's spend out of the site's figures", async () => {
    const site = await newSite("del", demoConfig);
    const visitor = newVisitor("gone");
    const before = await trustedOrders(site, [{ visitor, id: "D-1", total: 500 }, { visitor: newVisitor("stay"), id: "D-2", total: 80 }]);
    expect(before.stats.customers).toBe(2);
    await call("DELETE", `/v1/sites/${site}/visitors/${visitor}`, undefined, { headers: ADMIN });
    const after = await trustedOrders(site, [{ visitor: newVisitor("next"), id: "D-3", total: 60 }]);
    expect(after.stats.customers).toBe(2);
    expect(after.stats.spendP90).toBeLessThan(100);
  });

  it("names what is wrong with a bad order", async () => {
    const res = await call("POST", "/v1/sites/demo/orders", { orders: [{ visitor: newVisitor(), id: "x", total: -5 }] }, { headers: ADMIN });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("orders.0.total");
  });
});
