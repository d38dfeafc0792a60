import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { siteStatsStub } from "../src/stats/site-stats";
import { ADMIN, call, decide, ev, newSite, trustedOrders, workerEnv } from "./helpers";

const DAY = 86_400_000;

/** `customers` customers of `site`, each with two trusted orders `gapDays` apart, the last `lastDaysAgo` days ago. */
async function repeatCustomers(site: string, prefix: string, customers: number, gapDays: number, lastDaysAgo: number) {
  const now = Date.now();
  const orders = Array.from({ length: customers }, (_, i) => [
    { visitor: `customer-${prefix}-${i}`, id: `${prefix}-${i}-a`, total: 50, ts: now - (lastDaysAgo + gapDays) * DAY },
    { visitor: `customer-${prefix}-${i}`, id: `${prefix}-${i}-b`, total: 60, ts: now - lastDaysAgo * DAY },
  ]).flat();
  await trustedOrders(site, orders);
}

const figures = (site: string) => siteStatsStub(workerEnv, site).figures();

describe("the site's gaps between orders", () => {
  it("are kept from trusted orders, one per pair of a customer's consecutive orders, and set the lifecycle thresholds", async () => {
    const site = await newSite("gaps", demoConfig);
    await repeatCustomers(site, "c10", 16, 10, 2);
    await repeatCustomers(site, "c40", 4, 40, 2);
    const stats = await figures(site);
    expect(stats.gaps).toBe(20);
    // 80% of the gaps are 10 days, 20% are 40: the 80th percentile is 10 days, the 95th 40 (the sketch is within 1%).
    expect(stats.gapP80Days).toBeCloseTo(10, 0);
    expect(stats.gapP95Days!).toBeGreaterThan(39);
    expect(stats.gapP95Days!).toBeLessThan(41);

    // A customer whose last order was 15 days ago is at risk by this site's rhythm (the settings would say 60 days).
    const visitor = "gaps-lapsing";
    await trustedOrders(site, [
      { visitor, id: "lapsing-a", total: 80, ts: Date.now() - 25 * DAY },
      { visitor, id: "lapsing-b", total: 80, ts: Date.now() - 15 * DAY },
    ]);
    const decision = await decide({ site, visitor, events: [ev("page_view")] });
    expect(decision.traits!.lifecycle.thresholds).toMatchObject({ basis: "site", atRiskDays: 10 });
    expect(decision.traits!.lifecycle.stage).toBe("at_risk");
  });

  it("below minOrderGaps the settings decide, and an order placed between two others replaces the customer's gap", async () => {
    const site = await newSite("gaps-few", demoConfig);
    const visitor = "gaps-middle";
    await trustedOrders(site, [
      { visitor, id: "m-a", total: 10, ts: Date.now() - 30 * DAY },
      { visitor, id: "m-c", total: 10, ts: Date.now() - 2 * DAY },
    ]);
    expect(await figures(site)).toMatchObject({ gaps: 1, gapP80Days: expect.closeTo(28, 0) });
    // Reported late: the order between them turns one 28-day gap into two 14-day gaps.
    await trustedOrders(site, [{ visitor, id: "m-b", total: 10, ts: Date.now() - 16 * DAY }]);
    const stats = await figures(site);
    expect(stats.gaps).toBe(2);
    expect(stats.gapP95Days).toBeCloseTo(14, 0);
    const decision = await decide({ site, visitor, events: [ev("page_view")] });
    expect(decision.traits!.lifecycle.thresholds!.basis).toBe("fallback");
  });

  it("an erased customer's gaps leave the figures", async () => {
    const site = await newSite("gaps-erase", demoConfig);
    await repeatCustomers(site, "e", 3, 7, 1);
    expect((await figures(site)).gaps).toBe(3);
    const res = await call("DELETE", `/v1/sites/${site}/visitors/customer-e-0`, undefined, { headers: ADMIN });
    expect(res.status).toBeLessThan(300);
    await expect.poll(async () => (await figures(site)).gaps, { timeout: 20_000 }).toBe(2);
  });
});
