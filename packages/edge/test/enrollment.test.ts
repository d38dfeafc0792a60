import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { forgetConfig } from "../src/config/store";
import { call, decide, ev, newSite, newVisitor, workerEnv } from "./helpers";

const experiment = (arms: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  id: "hero-test",
  name: "Men's hero for everyone",
  status: "running",
  targets: ["hero"],
  arms,
  ...extra,
});
const CONTROL = { id: "control", control: true, weight: 1 };
const MENS = { id: "mens", weight: 1, slots: { hero: "mens" } };

async function siteWith(experiments: unknown[], extra: Record<string, unknown> = {}) {
  return newSite("exp", { ...demoConfig, experiments, ...extra });
}

/** Replaces a site's config in KV and drops this isolate's cached copy (what a config write does). */
async function reconfigure(site: string, config: Record<string, unknown>) {
  await workerEnv.CONFIG.put(`config:${site}`, JSON.stringify({ version: 2, updatedAt: Date.now(), config: { ...config, site } }));
  forgetConfig(site);
}

const armsOf = (site: string, visitor: string) => workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${visitor}`)).snapshot();

describe("experiment enrollment", () => {
  it("splits visitors between the arms and serves each arm's hero", async () => {
    const site = await siteWith([experiment([CONTROL, MENS])]);
    const seen = new Map<string, string>();
    for (let i = 0; i < 24; i++) {
      const decision = await decide({ site, visitor: newVisitor("split"), events: [ev("page_view")] });
      const arm = decision.experiments.find((e) => e.id === "hero-test")!.arm;
      seen.set(arm, decision.hero.variant);
      if (arm === "mens") expect(decision.hero.reason).toEqual({ rule: "experiment:hero-test", basis: "experiment", experiment: "hero-test", arm: "mens" });
      else expect(decision.hero.reason).toMatchObject({ basis: "default", experiment: "hero-test", arm: "control" });
    }
    expect(seen).toEqual(new Map([["control", "default"], ["mens", "mens"]]));
  });

  it("keeps a visitor's arm across sessions, after weights change and after an arm is added", async () => {
    const site = await siteWith([experiment([CONTROL, MENS])]);
    const visitors = Array.from({ length: 12 }, () => newVisitor("sticky"));
    const first = new Map<string, string>();
    for (const visitor of visitors) first.set(visitor, (await decide({ site, visitor, events: [ev("page_view", {}, 90)] })).experiments[0]!.arm);
    await reconfigure(site, { ...demoConfig, experiments: [experiment([{ ...CONTROL, weight: 0 }, { ...MENS, weight: 1 }, { id: "womens", weight: 5, slots: { hero: "womens" } }])] });
    for (const visitor of visitors) {
      const again = await decide({ site, visitor, events: [ev("page_view")] });
      expect(again.experiments[0]!.arm).toBe(first.get(visitor));
    }
    const newcomer = await decide({ site, visitor: newVisitor("sticky"), events: [ev("page_view")] });
    expect(newcomer.experiments[0]!.arm).not.toBe("control");
  });

  it.each([
    ["a bot", { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" }, []],
    ["Global Privacy Control", { "sec-gpc": "1" }, []],
    ["a withdrawn consent", { origin: "http://127.0.0.1:8787" }, [ev("consent", { granted: false })]],
  ])("never enrolls %s", async (_name, headers, events) => {
    const site = await siteWith([experiment([CONTROL, MENS], { traffic: 1 })]);
    const visitor = newVisitor("noenroll");
    const res = await call("POST", "/v1/decide", { site, visitor, events: [ev("page_view"), ...events] }, { headers });
    const decision = (await res.json()) as { experiments: unknown[]; hero: { variant: string } };
    expect(decision.experiments).toEqual([]);
    expect(decision.hero.variant).toBe("default");
    expect((await armsOf(site, visitor)).assignments).toEqual([]);
  });

  it("enrolls nobody outside the traffic share and nobody outside the target segment", async () => {
    const noTraffic = await siteWith([experiment([CONTROL, MENS], { traffic: 0 })]);
    expect((await decide({ site: noTraffic, visitor: newVisitor("share"), events: [ev("page_view")] })).experiments).toEqual([]);
    const bigOnly = await siteWith([experiment([CONTROL, MENS], { segment: "big-spenders" })]);
    expect((await decide({ site: bigOnly, visitor: newVisitor("seg"), events: [ev("page_view")] })).experiments).toEqual([]);
  });

  it("exposes a visitor once, at the first decide whose page shows the tested slot", async () => {
    const site = await siteWith([experiment([CONTROL, MENS])]);
    const visitor = newVisitor("expose");
    await decide({ site, visitor, events: [ev("page_view")], slots: ["sort"] });
    const assigned = (await armsOf(site, visitor)).assignments;
    expect(assigned).toHaveLength(1);
    expect(assigned[0]!.exposedAt).toBeNull();
    await decide({ site, visitor, events: [ev("page_view")], slots: ["hero", "sort"] });
    const exposed = (await armsOf(site, visitor)).assignments[0]!;
    expect(exposed.exposedAt).toBeGreaterThan(0);
    await decide({ site, visitor, events: [ev("page_view")], slots: ["hero"] });
    expect((await armsOf(site, visitor)).assignments[0]!.exposedAt).toBe(exposed.exposedAt);
  });

  it("drops slot ids a page's markup got wrong instead of refusing the request", async () => {
    const site = await siteWith([experiment([CONTROL, MENS])]);
    const visitor = newVisitor("badslots");
    const res = await call("POST", "/v1/decide", { site, visitor, slots: ["Hero!", "", "x".repeat(150), "sort"] });
    expect(res.status).toBe(200);
    expect((await armsOf(site, visitor)).assignments[0]!.exposedAt).toBeNull();
  });

  it("keeps the site holdout on the default everywhere and reports it as an enrollment", async () => {
    const site = await newSite("hold", { ...demoConfig, holdout: { share: 0.5 } });
    const arms = new Set<string>();
    for (let i = 0; i < 16; i++) {
      const nc = ["Headphones", "Noise-Canceling"];
      const decision = await decide({ site, visitor: newVisitor("hold"), events: [ev("category_view", { categories: nc }, 2), ev("product_view", { categories: nc, product: { sku: "NC-1", price: 300, categories: nc } }, 1)] });
      const arm = decision.experiments.find((e) => e.id === "holdout")!.arm;
      arms.add(arm);
      if (arm === "holdout") {
        expect(decision.hero).toMatchObject({ variant: "default", reason: { basis: "holdout", experiment: "holdout" } });
        expect(decision.sort.strategy).toBe("default");
      } else expect(decision.hero.variant).toBe("noise-canceling");
    }
    expect(arms).toEqual(new Set(["holdout", "personalized"]));
  });
});
