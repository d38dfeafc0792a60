import { describe, expect, it } from "vitest";
import { analyzeExperiment } from "./analyze";
import type { ArmInput, DayInput } from "./analyze-types";
import { compareProportions } from "./proportions";
import { samplePlan } from "./sample-size";

/** mulberry32: a tiny seeded PRNG, so every run simulates the same experiments. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function binomial(rand: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rand() < p) k++;
  return k;
}

const DAYS = 14;
const BASELINE = 0.05;
/** The smallest relative effect the simulated tester cares about; it sets τ = MDE × baseline. */
const MDE = 0.4;

/** One simulated experiment: each day `daily` visitors split 50/50 at random, rates per arm. */
function simulate(rand: () => number, daily: number, rates: [number, number]): ArmInput[] {
  const days: [DayInput[], DayInput[]] = [[], []];
  for (let d = 0; d < DAYS; d++) {
    const day = `2026-03-${String(d + 1).padStart(2, "0")}`;
    const toControl = binomial(rand, daily, 0.5);
    [toControl, daily - toControl].forEach((visitors, arm) => {
      days[arm]!.push({ day, visitors, converters: binomial(rand, visitors, rates[arm]!), revenue: 0 });
    });
  }
  return days.map((armDays, i) => ({
    id: i === 0 ? "control" : "b",
    control: i === 0,
    weight: 1,
    visitors: armDays.reduce((s, d) => s + d.visitors, 0),
    converters: armDays.reduce((s, d) => s + d.converters, 0),
    days: armDays,
  }));
}

/** Cumulative counts of both arms after each day: what a tester peeking daily would see. */
function dailyLooks(arms: ArmInput[]) {
  const totals = [{ visitors: 0, converters: 0 }, { visitors: 0, converters: 0 }];
  return arms[0]!.days!.map((_, d) => {
    arms.forEach((arm, i) => {
      totals[i]!.visitors += arm.days![d]!.visitors;
      totals[i]!.converters += arm.days![d]!.converters;
    });
    return { control: { ...totals[0]! }, variant: { ...totals[1]! } };
  });
}

describe("A/A and planted-lift simulations with daily peeking", () => {
  it("keeps the always-valid verdict's false-positive rate under 5% while naive daily z-tests exceed 10%", () => {
    // 2,000 A/A experiments x 14 daily looks, ~300 visitors per arm per day, 5% baseline.
    const rand = mulberry32(20260301);
    const runs = 2000;
    let naive = 0;
    let sequential = 0;
    let srm = 0;
    for (let run = 0; run < runs; run++) {
      const arms = simulate(rand, 600, [BASELINE, BASELINE]);
      // The naive tester stops at the first daily look where the z-test says p < 0.05.
      if (dailyLooks(arms).some((look) => (compareProportions(look.control, look.variant)?.p ?? 1) < 0.05)) naive++;
      // The verdict after the last day, with every daily look counted (running-minimum p).
      const verdict = analyzeExperiment({ arms, mde: MDE, looks: DAYS }).verdict;
      if (verdict.kind === "winner" || verdict.kind === "loser") {
        expect(verdict.test).toBe("msprt");
        sequential++;
      }
      if (verdict.kind === "srm") srm++;
    }
    // Binomial sd of a 5% rate over 2,000 runs is 0.5%; 6.5% is three sd above the nominal 5%.
    expect(sequential / runs).toBeLessThanOrEqual(0.065);
    expect(naive / runs).toBeGreaterThan(0.1);
    // The random 50/50 split trips the SRM check (p < 0.001) about once per thousand runs.
    expect(srm / runs).toBeLessThanOrEqual(0.005);
  });

  it("finds a planted +40% lift at the sample size the plan asks for, in at least 75% of experiments", () => {
    const plan = samplePlan({ baselineRate: BASELINE, mde: MDE })!;
    const daily = 2 * Math.ceil(plan.sequentialVisitorsPerArm / DAYS);
    const rand = mulberry32(7);
    const runs = 1000;
    let winners = 0;
    let wrongWay = 0;
    for (let run = 0; run < runs; run++) {
      const arms = simulate(rand, daily, [BASELINE, BASELINE * (1 + MDE)]);
      const verdict = analyzeExperiment({ arms, mde: MDE }).verdict;
      if (verdict.kind === "winner" && verdict.arm === "b") winners++;
      if (verdict.kind === "loser") wrongWay++;
    }
    // The plan targets 80% power counting only a crossing at the last look, so it is conservative.
    expect(winners / runs).toBeGreaterThanOrEqual(0.75);
    expect(wrongWay).toBe(0);
  });
});
