import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { fixedHorizonVisitors, samplePlan, sequentialVisitors } from "./sample-size";

describe("sample-size plan", () => {
  // Source: statsmodels 0.13.5 `samplesize_proportions_2indep_onetail(p2 - p1, p1, 0.8, alpha=0.05,
  // alternative="two-sided")` for the fixed horizon; for the sequential figure the mSPRT boundary
  // equation solved with scipy brentq. Command:
  // `/usr/bin/python3 packages/shared/src/stats/__reference__/sample_size.py`.
  it.each([
    [0.05, 0.1, 31233.43794012997, 60523.07757483149],
    [0.05, 0.2, 8157.7314478492835, 15803.83955774067],
    [0.02, 0.15, 36692.769848098855, 71102.91241938928],
    [0.3, 0.05, 14855.442199222733, 28783.57304115933],
    [0.5, 0.5, 57.673436738908386, 106.47437623116902],
    [0.1, 0.3, 1773.9755734331447, 3432.531081357209],
  ])("baseline %d, +%d: visitors per arm match the reference to 1e-6 relative", (p1, mde, fixed, sequential) => {
    const p2 = p1 * (1 + mde);
    expectClose(fixedHorizonVisitors(p1, p2, 0.05, 0.8) / fixed, 1, 1e-9);
    expectClose(sequentialVisitors(p1, p2, 0.05, 0.8) / sequential, 1, 1e-6);
    const plan = samplePlan({ baselineRate: p1, mde })!;
    expect(plan.visitorsPerArm).toBe(Math.ceil(fixed));
    expect(plan.sequentialVisitorsPerArm).toBe(Math.ceil(sequential));
    expect(plan.days).toBeNull();
  });

  it("turns visitors into days at the pace of the smallest arm", () => {
    // 60,524 per arm; 2,000 a day split 1:1 → 1,000 per arm per day → 61 days.
    expect(samplePlan({ baselineRate: 0.05, mde: 0.1, dailyVisitors: 2000 })!.days).toBe(61);
    // Three arms 2:1:1 → the small arms get 500 a day → 122 days.
    expect(samplePlan({ baselineRate: 0.05, mde: 0.1, dailyVisitors: 2000, weights: [2, 1, 1] })!.days).toBe(122);
  });

  it("makes no plan from impossible inputs", () => {
    expect(samplePlan({ baselineRate: 0, mde: 0.1 })).toBeNull();
    expect(samplePlan({ baselineRate: 0.05, mde: 0 })).toBeNull();
    expect(samplePlan({ baselineRate: 0.8, mde: 0.5 })).toBeNull();
  });
});
