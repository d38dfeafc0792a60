import { describe, expect, it, vi } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import type { ExperimentResults } from "../src/experiments/results";
import { ADMIN, call, ev, newSite, trustedOrders } from "./helpers";

/**
 * Synthetic visitors through the real worker — decide, queue, D1, results — with a planted truth,
 * and what the results must then say. Seeded, so every run draws the same visitors.
 */
const config = {
  ...demoConfig,
  experiments: [{ id: "hero-test", name: "Men's hero", status: "running", targets: ["hero"], mde: 1, arms: [{ id: "control", control: true, weight: 1 }, { id: "b", weight: 1, slots: { hero: "mens" } }] }],
};

/** Visitors whose requests are in flight at once. */
const CONCURRENCY = 4;

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Plan {
  visitors: number;
  /** Chance that a visitor of this arm buys after exposure. */
  rate: (arm: string) => number;
  /** Share of this arm's visitors whose page shows the tested slot (the rest are never exposed). */
  exposed?: (arm: string) => number;
  /** Each visitor ordered before the experiment; their order after it is worth about the same. */
  spend?: boolean;
}

/**
 * One page view: a decide for `slots`, answering the visitor's arm. A decide that answered the
 * default because the visitor's object missed its deadline (a loaded machine) is what a shopper
 * would see too; the simulated shopper then views the page again (the same event, counted once),
 * as the experiment needs its answer.
 */
async function page(site: string, visitor: string, slots: string[]): Promise<string> {
  const view = ev("page_view");
  for (let attempt = 1; ; attempt += 1) {
    const decision = (await (await call("POST", "/v1/decide", { site, visitor, events: [view], slots })).json()) as { experiments: { arm: string }[] };
    if (decision.experiments[0]) return decision.experiments[0].arm;
    if (attempt === 20) throw new Error(`decide for ${visitor} answered without its experiment 20 times`);
  }
}

async function simulate(name: string, plan: Plan, seed: number): Promise<ExperimentResults> {
  const site = await newSite(name, config);
  const random = rng(seed);
  const before: { visitor: string; id: string; total: number; ts: number }[] = [];
  const prior = new Map<string, number>();
  const ids = Array.from({ length: plan.visitors }, (_, i) => `${name}-visitor-${String(i).padStart(5, "0")}`);
  if (plan.spend) {
    for (const visitor of ids) {
      const total = Math.round(50 + random() * 450);
      prior.set(visitor, total);
      before.push({ visitor, id: `${visitor}-before`, total, ts: Date.now() - 30 * 86_400_000 });
    }
    for (let i = 0; i < before.length; i += 100) await trustedOrders(site, before.slice(i, i + 100));
  }
  const after: { visitor: string; id: string; total: number }[] = [];
  let exposed = 0;
  // Each visitor's random draws are made up front, in order, so the concurrent requests below
  // never change what a seed means.
  const draws = ids.map((visitor) => ({ visitor, sees: random(), buys: random(), worth: 0.9 + random() * 0.2 }));
  const one = async ({ visitor, sees, buys, worth }: (typeof draws)[number]) => {
    // Where some visitors never see the tested slot, a first page without it enrolls them
    // without exposing them, and a page with it exposes those who go on; otherwise the first
    // page already shows it.
    const arm = await page(site, visitor, plan.exposed ? ["sort"] : ["hero"]);
    if (plan.exposed) {
      if (sees >= plan.exposed(arm)) return;
      await page(site, visitor, ["hero"]);
    }
    exposed += 1;
    if (buys < plan.rate(arm)) after.push({ visitor, id: `${visitor}-after`, total: plan.spend ? Math.round(prior.get(visitor)! * worth) : 100 });
  };
  // A few shoppers at a time, as a shop's traffic arrives.
  for (let i = 0; i < draws.length; i += CONCURRENCY) await Promise.all(draws.slice(i, i + CONCURRENCY).map(one));
  for (let i = 0; i < after.length; i += 100) await trustedOrders(site, after.slice(i, i + 100));
  let results!: ExperimentResults;
  await vi.waitFor(
    async () => {
      results = (await (await call("GET", `/v1/sites/${site}/experiments/hero-test/results`, undefined, { headers: ADMIN })).json()) as ExperimentResults;
      expect(results.arms.reduce((n, a) => n + a.visitors, 0)).toBe(exposed);
      expect(results.arms.reduce((n, a) => n + a.orders, 0)).toBe(after.length);
    },
    { timeout: 60_000, interval: 500 },
  );
  return results;
}

describe("experiments simulated through the real worker", () => {
  it("finds a planted lift: variant b sells to 20% against control's 5%", async () => {
    const results = await simulate("sim-lift", { visitors: 400, rate: (arm) => (arm === "b" ? 0.2 : 0.05) }, 1);
    expect(results.srm.mismatch).toBe(false);
    expect(results.verdict).toMatchObject({ kind: "winner", arm: "b", test: "msprt" });
  }, 600_000);

  it("does not call a null arm a winner: both sell to 10%", async () => {
    const results = await simulate("sim-null", { visitors: 400, rate: () => 0.1 }, 2);
    expect(results.srm.mismatch).toBe(false);
    expect(["inconclusive"]).toContain(results.verdict.kind);
  }, 600_000);

  it("raises the sample-ratio alarm when a third of one arm's visitors never see the slot (a 60/40 split)", async () => {
    const results = await simulate("sim-srm", { visitors: 500, rate: () => 0.1, exposed: (arm) => (arm === "b" ? 0.66 : 1) }, 3);
    expect(results.srm.mismatch).toBe(true);
    expect(results.verdict.kind).toBe("srm");
  }, 600_000);

  it("narrows the revenue interval with CUPED when visitors spent before the experiment", async () => {
    const results = await simulate("sim-cuped", { visitors: 300, rate: () => 0.6, spend: true }, 4);
    const b = results.arms.find((arm) => arm.id === "b")!.vsControl!;
    const width = (e: { low: number; high: number }) => e.high - e.low;
    expect(b.cuped!.varianceReduction).toBeGreaterThan(0.2);
    expect(width(b.cuped!.difference)).toBeLessThan(width(b.revenue!.difference));
  }, 600_000);
});
