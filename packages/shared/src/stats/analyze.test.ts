import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { analyzeExperiment } from "./analyze";
import type { ArmInput, ExperimentResult } from "./analyze-types";
import { holm } from "./holm";

const controlDays = [[800, 41], [790, 38], [805, 44], [812, 40], [798, 37]] as const;
const variantDays = [[801, 49], [806, 52], [795, 47], [790, 58], [808, 55]] as const;
const days = (rows: readonly (readonly [number, number])[]) => rows.map(([visitors, converters], i) => ({ day: `2026-02-0${i + 1}`, visitors, converters, revenue: converters * 50 }));
const sum = (rows: readonly (readonly [number, number])[], k: 0 | 1) => rows.reduce((s, r) => s + r[k], 0);

const control: ArmInput = {
  id: "control", control: true, weight: 1, visitors: sum(controlDays, 0), converters: sum(controlDays, 1), addToCart: 600, orders: 210,
  revenue: { n: 3000, sum: 9177.94, sumSq: 803304.2528 },
  cuped: { n: 4000, sumY: 155388.28, sumYSq: 10391620.259, sumX: 238973.05, sumXSq: 23734055.8573, sumXY: 14949147.7355 },
  days: days(controlDays),
};
const variant: ArmInput = {
  id: "b", weight: 1, visitors: sum(variantDays, 0), converters: sum(variantDays, 1), addToCart: 700,
  revenue: { n: 3000, sum: 10482.14, sumSq: 968660.0279999999 },
  cuped: { n: 4037, sumY: 159120.81999999998, sumYSq: 11000328.8644, sumX: 243199.28, sumXSq: 24535987.086000003, sumXY: 15596094.363899998 },
  days: days(variantDays),
};

/** Every number anywhere in the result is finite (no NaN, no Infinity). */
function allFinite(value: unknown, path = "result"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => allFinite(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => allFinite(v, `${path}.${k}`));
  return [];
}

describe("analyzeExperiment end to end", () => {
  const result = analyzeExperiment({ arms: [control, variant], dailyVisitors: 1600 });
  const b = result.arms[1]!;

  it("matches the reference values for rates, the z-test and the Bayesian probability", () => {
    // Source: statsmodels 0.13.5 and scipy 1.10.1, command:
    // `/usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint, proportions_ztest; from scipy import integrate; from scipy.stats import beta; print(proportion_confint(200,4005,method='wilson'), proportion_confint(261,4000,method='wilson'), proportions_ztest([261,200],[4000,4005])); a,b=beta(201,3806),beta(262,3740); print(integrate.quad(lambda x: b.pdf(x)*a.cdf(x), b.ppf(1e-15), b.ppf(1-1e-15), epsabs=1e-14, epsrel=1e-12, limit=500)[0])"`
    expectClose(result.arms[0]!.rate.low, 0.04361245395657335);
    expectClose(result.arms[0]!.rate.high, 0.05712524369722576);
    expectClose(b.rate.low, 0.058005997145998814);
    expectClose(b.rate.high, 0.07332823879439664);
    expectClose(b.vsControl!.lift!.z, 2.940387109266091);
    expectClose(b.vsControl!.lift!.p, 0.0032780242733657814);
    expectClose(b.vsControl!.probabilityToBeat, 0.9983639414586302);
  });

  it("takes the always-valid p and interval over the daily looks (running minimum, intersection)", () => {
    // Source: `/usr/bin/python3 packages/shared/src/stats/__reference__/msprt.py`, block
    // "analyzeExperiment daily looks" (mixture likelihood ratio by scipy quad, τ = 0.1 × pooled rate).
    expectClose(b.vsControl!.sequential.p, 0.13782705017505326);
    expectClose(b.vsControl!.sequential.low, -0.002971572594376794);
    expectClose(b.vsControl!.sequential.high, 0.033596416539445464);
    const lastDay = result.series.at(-1)!.lifts[0]!;
    expect(lastDay.p).toBe(b.vsControl!.sequential.p);
    expectClose(result.series[1]!.lifts[0]!.p, 0.7969384022914022);
    expectClose(result.series[2]!.lifts[0]!.p, 0.7969384022914022); // the minimum holds on day 3
    expectClose(result.series[3]!.lifts[0]!.high, 0.03511231773746234);
  });

  it("lets the always-valid test decide: the naive z-test's p = 0.003 does not make a winner", () => {
    expect(b.vsControl!.lift!.p).toBeLessThan(0.05);
    expect(result.verdict).toMatchObject({ kind: "inconclusive", arm: "b", test: "msprt" });
    expect(result.verdict.sentence).toContain("b");
  });

  it("reports revenue with Welch and CUPED as the reference scripts compute them", () => {
    // Source: `/usr/bin/python3 packages/shared/src/stats/__reference__/means.py` ("typical", "strong").
    expectClose(b.vsControl!.revenue!.p, 0.3183296511127986);
    expectClose(b.vsControl!.revenue!.difference.low, -0.4192267618379931);
    expectClose(b.vsControl!.cuped!.p, 0.45179469585708454);
    expectClose(b.vsControl!.cuped!.varianceReduction, 0.7759568539820846);
  });

  it("reports revenue per visitor, AOV and add-to-cart rate per arm", () => {
    const c = result.arms[0]!;
    expect(c.revenue.perVisitor).toBeCloseTo(9177.94 / 3000, 12);
    expect(c.revenue.aov).toBeCloseTo(9177.94 / 210, 12); // orders given
    expect(b.revenue.aov).toBeCloseTo(10482.14 / 261, 12); // converters stand in for orders
    expect(b.addToCartRate!.value).toBeCloseTo(700 / 4000, 15);
    expect(c.vsControl).toBeNull();
  });

  it("builds a cumulative series by day, and a plan from the control rate and traffic", () => {
    expect(result.series.map((p) => p.day)).toEqual(["2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05"]);
    expect(result.series[1]!.arms[0]).toMatchObject({ visitors: 1590, converters: 79 });
    expect(result.series[1]!.lifts[0]!.absolute).toBeCloseTo(101 / 1607 - 79 / 1590, 15);
    expect(result.plan).toMatchObject({ elapsedDays: 5, baselineRate: 200 / 4005, mde: 0.1 });
    const perArmPerDay = 800;
    expect(result.plan!.remainingDays).toBe(Math.ceil((result.plan!.sequentialVisitorsPerArm - 4000) / perArmPerDay));
  });

  it("has no NaN or Infinity anywhere", () => {
    expect(allFinite(result)).toEqual([]);
  });
});

describe("analyzeExperiment verdicts and edge cases", () => {
  const arm = (id: string, visitors: number, converters: number, extra: Partial<ArmInput> = {}): ArmInput => ({ id, control: id === "control", weight: 1, visitors, converters, ...extra });
  const analyze = (arms: ArmInput[]): ExperimentResult => {
    const r = analyzeExperiment({ arms });
    expect(allFinite(r)).toEqual([]);
    return r;
  };

  it("calls a clear winner and a clear loser with the always-valid test", () => {
    expect(analyze([arm("control", 4000, 200), arm("b", 4000, 290)]).verdict).toMatchObject({ kind: "winner", arm: "b", test: "msprt" });
    expect(analyze([arm("control", 4000, 200), arm("b", 4000, 130)]).verdict).toMatchObject({ kind: "loser", arm: "b", test: "msprt" });
  });

  it("lets a sample-ratio mismatch override even a clear winner", () => {
    const r = analyze([arm("control", 4000, 200), arm("b", 4600, 340)]);
    expect(r.srm.mismatch).toBe(true);
    expect(r.verdict).toMatchObject({ kind: "srm", test: "srm-chi-square" });
    expect(r.verdict.arm).toBeUndefined();
  });

  it("adjusts p-values across several variants with Holm and picks the best significant arm", () => {
    const r = analyze([arm("control", 4000, 200), arm("b", 4000, 260), arm("c", 4000, 300), arm("d", 4000, 205)]);
    const naive = r.arms.slice(1).map((a) => a.vsControl!.lift!.p);
    const sequential = r.arms.slice(1).map((a) => a.vsControl!.sequential.p);
    expect(r.arms.slice(1).map((a) => a.vsControl!.lift!.pHolm)).toEqual(holm(naive));
    expect(r.arms.slice(1).map((a) => a.vsControl!.sequential.pHolm)).toEqual(holm(sequential));
    expect(r.verdict).toMatchObject({ kind: "winner", arm: "c" });
  });

  it("handles zero conversions everywhere", () => {
    const r = analyze([arm("control", 500, 0), arm("b", 500, 0)]);
    expect(r.verdict).toMatchObject({ kind: "inconclusive", test: "msprt" });
    expect(r.arms[1]!.vsControl!.lift!.relative).toBeNull();
    expect(r.arms[1]!.vsControl!.sequential.p).toBe(1);
    expect(r.plan).toBeNull();
  });

  it("handles 100% conversion", () => {
    const both = analyze([arm("control", 200, 200), arm("b", 200, 200)]);
    expect(both.verdict.kind).toBe("inconclusive");
    expect(both.arms[1]!.rate).toMatchObject({ value: 1, high: 1 });
    const one = analyze([arm("control", 200, 200), arm("b", 200, 150)]);
    expect(one.verdict).toMatchObject({ kind: "loser", arm: "b" });
  });

  it("handles an empty arm, an empty control, no visitors at all, a single arm and no arms", () => {
    const emptyVariant = analyze([arm("control", 500, 20), arm("b", 0, 0)]);
    expect(emptyVariant.arms[1]!.vsControl!.lift).toBeNull();
    expect(emptyVariant.arms[1]!.revenue.perVisitor).toBeNull();
    expect(emptyVariant.verdict.kind).toBe("srm"); // 500 vs 0 on a 1:1 split is a broken split
    expect(analyze([arm("control", 3, 0), arm("b", 0, 0)]).verdict.kind).toBe("no-data");
    expect(analyze([arm("control", 0, 0), arm("b", 4, 1)]).verdict.kind).toBe("no-data");
    expect(analyze([arm("control", 0, 0), arm("b", 0, 0)]).verdict).toMatchObject({ kind: "no-data", test: "none" });
    const single = analyze([arm("control", 1000, 50)]);
    expect(single.verdict.kind).toBe("no-data");
    expect(single.arms[0]!.rate.value).toBe(0.05);
    expect(analyze([]).verdict.kind).toBe("no-data");
  });

  it("takes the first arm as control when none is marked, and survives nonsense counts", () => {
    const r = analyze([{ id: "a", weight: 1, visitors: 1000, converters: 50 }, { id: "b", weight: 1, visitors: Number.NaN, converters: -3 }]);
    expect(r.arms[0]!.control).toBe(true);
    expect(r.arms[1]).toMatchObject({ visitors: 0, converters: 0 });
  });
});
