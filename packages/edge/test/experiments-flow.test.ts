import { describe, expect, it, vi } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import type { ExperimentResults } from "../src/experiments/results";
import { ADMIN, call, ev, newSite, newVisitor, trustedOrders, workerEnv } from "./helpers";

const config = {
  ...demoConfig,
  experiments: [
    { id: "hero-test", name: "Men's hero", status: "running", targets: ["hero"], arms: [{ id: "control", control: true, weight: 1 }, { id: "b", weight: 1, slots: { hero: "mens" } }] },
  ],
};

async function decideArm(site: string, visitor: string): Promise<string> {
  const res = await call("POST", "/v1/decide", { site, visitor, events: [ev("page_view")], slots: ["hero"] });
  expect(res.status).toBe(200);
  return ((await res.json()) as { experiments: { id: string; arm: string }[] }).experiments.find((e) => e.id === "hero-test")!.arm;
}

const results = async (site: string) => (await (await call("GET", `/v1/sites/${site}/experiments/hero-test/results`, undefined, { headers: ADMIN })).json()) as ExperimentResults;

describe("from decide to results, through the real queue and D1", () => {
  it("counts each exposed visitor once and credits trusted orders after the exposure to the visitor's arm", async () => {
    const site = await newSite("flow", config);
    // A returning customer: an order before the experiment is spend before exposure, not a conversion.
    const returning = newVisitor("flowr");
    await trustedOrders(site, [{ visitor: returning, id: "before-1", total: 80, ts: Date.now() - 86_400_000 }]);
    const visitors = [returning, ...Array.from({ length: 5 }, () => newVisitor("flow"))];
    const arms = new Map<string, string>();
    for (const visitor of visitors) arms.set(visitor, await decideArm(site, visitor));
    // A second page view exposes nobody again.
    await decideArm(site, visitors[1]!);
    const buyers = [visitors[0]!, visitors[2]!];
    await trustedOrders(site, buyers.map((visitor, i) => ({ visitor, id: `after-${i}`, total: 40 + i * 10 })));

    const expected = (arm: string) => visitors.filter((v) => arms.get(v) === arm).length;
    await vi.waitFor(
      async () => {
        const json = await results(site);
        expect(json.arms.map((a) => a.visitors)).toEqual([expected("control"), expected("b")]);
        expect(json.arms.reduce((sum, a) => sum + a.converters, 0)).toBe(2);
      },
      { timeout: 15_000, interval: 300 },
    );
    const json = await results(site);
    const byArm = new Map(json.arms.map((a) => [a.id, a]));
    const revenueOf = (arm: string) => buyers.reduce((sum, v, i) => sum + (arms.get(v) === arm ? 40 + i * 10 : 0), 0);
    expect(byArm.get("control")!.revenue.total).toBe(revenueOf("control"));
    expect(byArm.get("b")!.revenue.total).toBe(revenueOf("b"));
    expect(byArm.get(arms.get(returning)!)!.preSpend).toBe(80);
    expect(json.arms.reduce((sum, a) => sum + a.orders, 0)).toBe(2);
  });
  it("answers 503 when an order's credit could not be queued, and credits it once when the shop sends the order again", async () => {
    const site = await newSite("flowq", config);
    const visitor = newVisitor("flowq");
    const arm = await decideArm(site, visitor);
    await vi.waitFor(async () => expect((await results(site)).arms.reduce((sum, a) => sum + a.visitors, 0)).toBe(1), { timeout: 15_000, interval: 300 });

    const env = workerEnv as unknown as Record<string, unknown>;
    const queue = env.EXPERIMENT_EVENTS;
    env.EXPERIMENT_EVENTS = { send: () => Promise.reject(new Error("injected failure")), sendBatch: () => Promise.reject(new Error("injected failure")) };
    let refused: Response;
    try {
      refused = await call("POST", `/v1/sites/${site}/orders`, { orders: [{ visitor, id: "q-1", total: 70 }] }, { headers: ADMIN });
    } finally {
      env.EXPERIMENT_EVENTS = queue;
    }
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/recorded, but .*experiments.*send the same orders again/);

    // The order was recorded: sent again it is a duplicate for the site's figures, and credited now.
    expect(await trustedOrders(site, [{ visitor, id: "q-1", total: 70 }])).toMatchObject({ accepted: 0, duplicates: 1, stats: { orders: 1, customers: 1 } });
    await vi.waitFor(
      async () => {
        const json = await results(site);
        expect(json.arms.reduce((sum, a) => sum + a.orders, 0)).toBe(1);
        expect(json.arms.find((a) => a.id === arm)!.revenue.total).toBe(70);
      },
      { timeout: 15_000, interval: 300 },
    );
    // Sent a third time (with a later time and another total, as a careless resync would), beside a
    // new order: the new one is credited, and q-1 still once, as first recorded.
    await trustedOrders(site, [{ visitor, id: "q-1", total: 99, ts: Date.now() }, { visitor, id: "q-2", total: 30 }]);
    await vi.waitFor(async () => expect((await results(site)).arms.reduce((sum, a) => sum + a.orders, 0)).toBe(2), { timeout: 15_000, interval: 300 });
    expect((await results(site)).arms.find((a) => a.id === arm)!.revenue.total).toBe(100);
  });
});
