import { describe, expect, inject, it } from "vitest";
import demoConfig from "../../examples/demo-store/vitrine.config.json";
import { SHOPPER_UA } from "../support/browser";
import { postJson, putSiteConfig, workerUrl } from "../support/worker-api";
import { rng } from "../support/rng";

/**
 * Synthetic shoppers through the real worker (`wrangler dev`: decide, the visitor objects, the
 * queue, D1, the results API) with a planted truth, and what the results must then say. Seeded:
 * every run sends the same visitors, and the arms follow from their ids, so the numbers repeat.
 */
const EXPERIMENT = "hero-test";
const admin = () => ({ authorization: `Bearer ${inject("adminToken")}`, "content-type": "application/json" });

/** Visitors whose requests are in flight at once. */
const CONCURRENCY = 8;

interface Plan {
  visitors: number;
  /** Chance that a visitor of this arm buys after exposure. */
  rate: (arm: string) => number;
  /** Share of this arm's visitors whose page shows the tested slot (the rest are never exposed). */
  exposed?: (arm: string) => number;
  /** Each visitor ordered before the experiment; their order after it is worth about the same. */
  spend?: boolean;
}

interface Results {
  arms: { id: string; visitors: number; converters: number; vsControl?: any }[];
  srm: { mismatch: boolean; p: number };
  verdict: { kind: string; arm?: string; test?: string };
}

/**
 * One page view of `visitor`: a decide for the page's `slots`, answering the visitor's arm. Each
 * shopper comes from an address of their own, as a shop's visitors do (the per-address limit
 * would otherwise see one client). A decide that answered the default because the worker was
 * slow is what a shopper would see too; this shopper then views the page again (the same event:
 * it counts once), since the test needs the answer.
 */
async function page(site: string, visitor: string, index: number, slots: string[]): Promise<string> {
  const view = { id: `${visitor}-view-${slots.join("-")}`, type: "page_view", ts: Date.now() };
  const headers = { "content-type": "application/json", "user-agent": SHOPPER_UA, "cf-connecting-ip": `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}` };
  for (let attempt = 1; ; attempt += 1) {
    const decision = await postJson("/v1/decide", { site, visitor, events: [view], slots }, headers);
    const arm = decision.experiments.find((e: { id: string }) => e.id === EXPERIMENT)?.arm;
    if (arm) return arm;
    if (attempt === 10) throw new Error(`decide for ${visitor} answered without the experiment 10 times: ${JSON.stringify(decision.hero?.reason)}`);
  }
}

async function simulate(name: string, plan: Plan, seed: number): Promise<Results> {
  const site = `${name}-${Date.now().toString(36)}`;
  await putSiteConfig({
    ...(demoConfig as Record<string, unknown>),
    site,
    origins: [],
    experiments: [
      {
        id: EXPERIMENT,
        name: "Men's hero",
        status: "running",
        targets: ["hero"],
        // The planted effects are large: the always-valid test is tuned to find changes of that size.
        mde: 1,
        arms: [{ id: "control", control: true, weight: 1 }, { id: "b", weight: 1, slots: { hero: "mens" } }],
      },
    ],
  });
  const random = rng(seed);
  const ids = Array.from({ length: plan.visitors }, (_, i) => `${name}-visitor-${String(i).padStart(5, "0")}`);
  const prior = new Map<string, number>();
  if (plan.spend) {
    const before = ids.map((visitor) => {
      const total = Math.round(50 + random() * 450);
      prior.set(visitor, total);
      return { visitor, id: `${visitor}-before`, total, ts: Date.now() - 30 * 86_400_000 };
    });
    for (let i = 0; i < before.length; i += 100) await postJson(`/v1/sites/${site}/orders`, { orders: before.slice(i, i + 100) }, admin());
  }
  // Each visitor's draws are made up front, in order, so concurrency never changes what a seed means.
  const draws = ids.map((visitor, index) => ({ visitor, index, sees: random(), buys: random(), worth: 0.9 + random() * 0.2 }));
  const after: { visitor: string; id: string; total: number }[] = [];
  let exposed = 0;
  const one = async ({ visitor, index, sees, buys, worth }: (typeof draws)[number]) => {
    // Where some visitors never see the tested slot, a first page without it enrolls them without
    // exposing them and a page with it exposes those who go on; otherwise the first page shows it.
    const arm = await page(site, visitor, index, plan.exposed ? ["sort"] : ["hero"]);
    if (plan.exposed) {
      if (sees >= plan.exposed(arm)) return;
      await page(site, visitor, index, ["hero"]);
    }
    exposed += 1;
    if (buys < plan.rate(arm)) after.push({ visitor, id: `${visitor}-after`, total: plan.spend ? Math.round(prior.get(visitor)! * worth) : 100 });
  };
  for (let i = 0; i < draws.length; i += CONCURRENCY) await Promise.all(draws.slice(i, i + CONCURRENCY).map(one));
  for (let i = 0; i < after.length; i += 100) await postJson(`/v1/sites/${site}/orders`, { orders: after.slice(i, i + 100) }, admin());

  // The queue delivers in batches: wait until every exposure and order has reached the results.
  let results: Results | undefined;
  for (let tries = 0; tries < 120; tries++) {
    results = (await (await fetch(`${workerUrl()}/v1/sites/${site}/experiments/${EXPERIMENT}/results`, { headers: admin() })).json()) as Results;
    const visitors = results.arms.reduce((n, arm) => n + arm.visitors, 0);
    const converters = results.arms.reduce((n, arm) => n + arm.converters, 0);
    if (visitors === exposed && converters === after.length) return results;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the results never counted ${exposed} exposed visitors and ${after.length} buyers: ${JSON.stringify(results?.arms.map(({ id, visitors, converters }) => ({ id, visitors, converters })))}`);
}

describe("experiments simulated through the real worker", () => {
  it("finds a planted lift: variant b sells to 20% against control's 5%", async () => {
    const results = await simulate("sim-lift", { visitors: 600, rate: (arm) => (arm === "b" ? 0.2 : 0.05) }, 1);
    expect(results.srm.mismatch).toBe(false);
    expect(results.verdict).toMatchObject({ kind: "winner", arm: "b", test: "msprt" });
  }, 300_000);

  it("does not call a null arm a winner: both sell to 10%", async () => {
    const results = await simulate("sim-null", { visitors: 600, rate: () => 0.1 }, 2);
    expect(results.srm.mismatch).toBe(false);
    expect(results.verdict.kind).toBe("inconclusive");
  }, 300_000);

  it("raises the sample-ratio alarm when a third of one arm's visitors never see the slot (a 60/40 split)", async () => {
    const results = await simulate("sim-srm", { visitors: 600, rate: () => 0.1, exposed: (arm) => (arm === "b" ? 0.66 : 1) }, 3);
    expect(results.srm.mismatch).toBe(true);
    expect(results.verdict.kind).toBe("srm");
  }, 300_000);

  it("narrows the revenue interval with CUPED when visitors spent before the experiment", async () => {
    const results = await simulate("sim-cuped", { visitors: 400, rate: () => 0.6, spend: true }, 4);
    const b = results.arms.find((arm) => arm.id === "b")!.vsControl!;
    const width = (e: { low: number; high: number }) => e.high - e.low;
    expect(b.cuped.varianceReduction).toBeGreaterThan(0.2);
    expect(width(b.cuped.difference)).toBeLessThan(width(b.revenue.difference));
  }, 300_000);
});
