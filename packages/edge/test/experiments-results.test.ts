import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { analyzeExperiment, type ArmInput } from "@vitrine/shared";
import { RESULTS_CSV_HEADER } from "../src/experiments/results-csv";
import type { ExperimentResults } from "../src/experiments/results";
import { ADMIN, call, workerEnv } from "./helpers";
import { deliver, handMadeMessages, newResultsSite } from "./experiments-data";

/**
 * The hand-made data set's sums, worked out by hand (see handMadeMessages):
 * control: c1 (X 100) orders 30 + 20 → Y 50; c2 (X 0) a cart add, no order; c3 (X 50) order 40
 * (its browser order of 99 is not counted) → Y 40; c4 (X 0) ordered before exposure → Y 0.
 * b: b1 (X 20) order 100 and a cart add next day → Y 100; b2 (X 0) cart add before exposure, order 10 on
 * day 2 → Y 10; b3 (X 0) nothing.
 */
const expectedInput: ArmInput[] = [
  {
    id: "control", control: true, weight: 0.5, visitors: 4, converters: 2, orders: 3, addToCart: 1,
    revenue: { n: 4, sum: 90, sumSq: 50 * 50 + 40 * 40 },
    cuped: { n: 4, sumY: 90, sumYSq: 4100, sumX: 150, sumXSq: 100 * 100 + 50 * 50, sumXY: 100 * 50 + 50 * 40 },
    days: [{ day: "2026-01-05", visitors: 2, converters: 1, revenue: 30 }, { day: "2026-01-06", visitors: 2, converters: 1, revenue: 60 }],
  },
  {
    id: "b", control: false, weight: 0.5, visitors: 3, converters: 2, orders: 2, addToCart: 1,
    revenue: { n: 3, sum: 110, sumSq: 100 * 100 + 10 * 10 },
    cuped: { n: 3, sumY: 110, sumYSq: 10100, sumX: 20, sumXSq: 400, sumXY: 20 * 100 },
    days: [{ day: "2026-01-05", visitors: 2, converters: 1, revenue: 100 }, { day: "2026-01-06", visitors: 1, converters: 1, revenue: 10 }],
  },
];
const analysis = analyzeExperiment({ arms: expectedInput });

let site: string;
beforeAll(async () => {
  site = await newResultsSite();
  const { acked, ids } = await deliver(handMadeMessages(site));
  expect(acked).toHaveLength(ids.length);
  // The same messages again: at-least-once delivery must not change a number.
  await deliver(handMadeMessages(site), 2);
});

afterEach(() => vi.restoreAllMocks());

const get = (path: string, headers: Record<string, string> = ADMIN) => call("GET", path, undefined, { headers });

describe("experiment results", () => {
  it("answers each arm's sums and the statistics computed from them", async () => {
    const res = await get(`/v1/sites/${site}/experiments/hero-test/results`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const json = (await res.json()) as ExperimentResults;
    expect(json).toMatchObject({ site, status: "running", conversions: "trusted", experiment: { id: "hero-test", kind: "experiment", name: "Men's hero for everyone", targets: ["hero"], primaryMetric: "purchase" } });
    expect(json.arms[0]).toMatchObject({ id: "control", control: true, visitors: 4, converters: 2, orders: 3, addToCart: 1, preSpend: 150, rate: { value: 0.5 }, revenue: { total: 90, perVisitor: 22.5, aov: 30 } });
    expect(json.arms[1]).toMatchObject({ id: "b", control: false, visitors: 3, converters: 2, orders: 2, addToCart: 1, preSpend: 20, revenue: { total: 110, aov: 55 } });
    // Every statistic is the stats module's answer for the hand-worked sums.
    expect(json.arms).toEqual(analysis.arms.map((arm, i) => ({ ...arm, addToCart: 1, preSpend: [150, 20][i] })));
    expect(json.series).toEqual(analysis.series);
    expect(json.series.map((point) => point.arms.map((a) => [a.visitors, a.converters]))).toEqual([[[2, 1], [2, 1]], [[4, 2], [3, 2]]]);
    expect({ srm: json.srm, verdict: json.verdict, plan: json.plan }).toEqual({ srm: analysis.srm, verdict: analysis.verdict, plan: analysis.plan });
    expect(json.arms[1]!.vsControl?.cuped).not.toBeNull();
    expect(json.ignoredArms).toEqual([{ id: "old", visitors: 1 }]);
    expect(Object.keys(json.tests)).toEqual(expect.arrayContaining(["rate", "sequential", "revenue", "cuped", "srm"]));
  });

  it("answers CSV with a header and one row per arm and day, cumulative", async () => {
    const res = await get(`/v1/sites/${site}/experiments/hero-test/results?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe(RESULTS_CSV_HEADER.join(","));
    const cells = (day: number) => {
      const lift = analysis.series[day]!.lifts[0]!;
      return [lift.relative, lift.relativeLow, lift.relativeHigh, lift.p].map((v) => (typeof v === "number" && Number.isFinite(v) ? String(v) : "")).join(",");
    };
    expect(lines.slice(1, -1)).toEqual([
      "hero-test,2026-01-05,control,true,2,1,0.5,1,30,15,1,,,,",
      `hero-test,2026-01-05,b,false,2,1,0.5,1,100,50,0,${cells(0)}`,
      "hero-test,2026-01-06,control,true,4,2,0.5,3,90,22.5,1,,,,",
      `hero-test,2026-01-06,b,false,3,2,${2 / 3},2,110,${110 / 3},1,${cells(1)}`,
    ]);
  });

  it("credits an order only after the visitor's exposure, to the arm of the exposure", async () => {
    const early = await newResultsSite("early");
    const at = Date.UTC(2026, 1, 2, 12);
    const base = { site: early, experiment: "hero-test" };
    await deliver([
      { kind: "conversion", ...base, arm: "b", visitor: "e1-visitor", order: "E-1", revenue: 50, ts: at - 1, source: "trusted" },
      { kind: "conversion", ...base, arm: "control", visitor: "e2-visitor", order: "E-2", revenue: 70, ts: at, source: "trusted" },
    ]);
    // The exposures arrive after the orders (queues do not keep order); e1 ordered before it.
    await deliver([
      { kind: "exposure", ...base, arm: "b", visitor: "e1-visitor", ts: at, preSpend: 0 },
      { kind: "exposure", ...base, arm: "b", visitor: "e2-visitor", ts: at, preSpend: 0 },
    ]);
    const json = (await (await get(`/v1/sites/${early}/experiments/hero-test/results`)).json()) as ExperimentResults;
    expect(json.arms.map((a) => [a.id, a.visitors, a.converters, a.orders, a.revenue.total])).toEqual([["control", 0, 0, 0, 0], ["b", 2, 1, 1, 70]]);
  });

  it("reports the site-wide and a rule's holdout like experiments, the held-out arm as control", async () => {
    const holdoutSite = await newResultsSite("hold");
    const exposure = (experiment: string, arm: string, visitor: string) => ({ kind: "exposure", site: holdoutSite, experiment, arm, visitor, ts: Date.UTC(2026, 0, 5, 9), preSpend: 0 });
    await deliver([exposure("holdout", "holdout", "h1-visitor"), exposure("holdout", "personalized", "h2-visitor"), exposure("holdout-big-spender-reserve", "personalized", "h3-visitor")]);
    const site = (await (await get(`/v1/sites/${holdoutSite}/experiments/holdout/results`)).json()) as ExperimentResults;
    expect(site.experiment).toMatchObject({ id: "holdout", kind: "holdout", targets: ["*"] });
    expect(site.arms.map((a) => [a.id, a.control, a.weight, a.visitors])).toEqual([["holdout", true, 0.1, 1], ["personalized", false, 0.9, 1]]);
    const rule = (await (await get(`/v1/sites/${holdoutSite}/experiments/holdout-big-spender-reserve/results`)).json()) as ExperimentResults;
    expect(rule.experiment).toMatchObject({ kind: "holdout", rule: "big-spender-reserve", targets: ["hero"] });
    expect(rule.arms.map((a) => [a.id, a.weight, a.visitors])).toEqual([["holdout", 0.2, 0], ["personalized", 0.8, 1]]);

    const list = (await (await get(`/v1/sites/${holdoutSite}/experiments`)).json()) as { experiments: { id: string; kind: string; status: string; visitors: number }[] };
    expect(list.experiments.map((e) => [e.id, e.kind, e.status, e.visitors])).toEqual([
      ["hero-test", "experiment", "running", 0],
      ["holdout", "holdout", "running", 2],
      ["holdout-big-spender-reserve", "holdout", "running", 1],
    ]);
  });

  it("needs the admin token", async () => {
    for (const path of [`/v1/sites/${site}/experiments/hero-test/results`, `/v1/sites/${site}/experiments/hero-test/results?format=csv`, `/v1/sites/${site}/experiments`]) {
      const res = await get(path, {});
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("authorization");
    }
    expect((await get(`/v1/sites/${site}/experiments`, { authorization: "Bearer wrong" })).status).toBe(401);
  });

  it("answers 404 with the error envelope for an experiment the config does not have", async () => {
    const res = await get(`/v1/sites/${site}/experiments/no-such-test/results`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { status: number; message: string; issues: { path: string; message: string }[] } };
    expect(body.error).toMatchObject({ status: 404, issues: [{ path: "id" }] });
    expect(body.error.message).toMatch(/^vitrine: .*no experiment or holdout "no-such-test"/);
    expect((await get(`/v1/sites/${site}/experiments/holdout-no-rule/results`)).status).toBe(404);
    expect((await get(`/v1/sites/nowhere-site/experiments/hero-test/results`)).status).toBe(404);
  });

  it("refuses a bad id or format with a 400 naming it", async () => {
    const bad = await get(`/v1/sites/${site}/experiments/Hero%20Test/results`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("id");
    const format = await get(`/v1/sites/${site}/experiments/hero-test/results?format=xml`);
    expect(format.status).toBe(400);
    expect(((await format.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("format");
  });

  it("says how to apply the migrations when the results store has no tables", async () => {
    vi.spyOn(workerEnv.RESULTS, "batch").mockRejectedValue(new Error("D1_ERROR: no such table: exposures: SQLITE_ERROR"));
    const res = await get(`/v1/sites/${site}/experiments/hero-test/results`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("wrangler d1 migrations apply vitrine-results --local");
  });
});
