import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { cupedTest } from "./cuped";
import { welchTest } from "./welch";

// Source: simulated revenue Y with pre-exposure spend X; references computed on the raw arrays
// with numpy 1.24.2 (θ = cov(X, Y)/var(X) over both arms, Y' = Y - θ(X - mean X)), then scipy
// `ttest_ind(equal_var=False)` and statsmodels `tconfint_diff(usevar="unequal")` on Y'.
// Command: `/usr/bin/python3 packages/shared/src/stats/__reference__/means.py` (block "cuped").
const cases = [
  {
    name: "pre-spend explains most of the variance",
    control: { n: 4000, sumY: 155388.28, sumYSq: 10391620.259, sumX: 238973.05, sumXSq: 23734055.8573, sumXY: 14949147.7355 },
    variant: { n: 4037, sumY: 159120.81999999998, sumYSq: 11000328.8644, sumX: 243199.28, sumXSq: 24535987.086000003, sumXY: 15596094.363899998 },
    ref: { t: 0.7524630966863609, p: 0.45179469585708454, df: 8020.939153384985, low: -0.42875912042639774, high: 0.9629970724845608, diff: 0.26711897602908863, theta: 0.603671887547837, varianceReduction: 0.7759568539820846 },
  },
  {
    name: "pre-spend explains little",
    control: { n: 1500, sumY: 9463.02, sumYSq: 550680.1972, sumX: 91412.98999999999, sumXSq: 9537321.089100001, sumXY: 762079.1134 },
    variant: { n: 1537, sumY: 9150.43, sumYSq: 449265.8031, sumX: 89978.26999999999, sumXSq: 8578603.1829, sumXY: 737055.6176 },
    ref: { t: -0.37072558797557265, p: 0.7108683958398612, df: 2966.9306653363974, low: -1.430968519572501, high: 0.9758974982671007, diff: -0.2275355106527046, theta: 0.053201018125591734, varianceReduction: 0.023045762516731183 },
  },
];

describe("cupedTest", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: θ, variance reduction and the adjusted test match numpy/scipy to 1e-8", (_name, c) => {
    const r = cupedTest(c.control, c.variant)!;
    expectClose(r.theta, c.ref.theta, 1e-8);
    expectClose(r.varianceReduction, c.ref.varianceReduction, 1e-8);
    expectClose(r.t, c.ref.t, 1e-8);
    expectClose(r.df, c.ref.df, 1e-8);
    expectClose(r.p, c.ref.p, 1e-8);
    expectClose(r.difference.value, c.ref.diff, 1e-8);
    expectClose(r.difference.low, c.ref.low, 1e-8);
    expectClose(r.difference.high, c.ref.high, 1e-8);
  });

  it("narrows the interval compared with the raw Welch test when the covariate helps", () => {
    const { control, variant } = cases[0]!;
    const raw = welchTest({ n: control.n, sum: control.sumY, sumSq: control.sumYSq }, { n: variant.n, sum: variant.sumY, sumSq: variant.sumYSq })!;
    const adjusted = cupedTest(control, variant)!;
    expect(adjusted.difference.high - adjusted.difference.low).toBeLessThan(0.5 * (raw.difference.high - raw.difference.low));
  });

  it("falls back to θ = 0 when the covariate never varies, and to null for an empty arm", () => {
    const flat = { n: 100, sumY: 250, sumYSq: 9000, sumX: 0, sumXSq: 0, sumXY: 0 };
    const r = cupedTest(flat, { ...flat, sumY: 300, sumYSq: 9900 })!;
    expect(r.theta).toBe(0);
    expect(r.varianceReduction).toBeCloseTo(0, 12);
    expect(cupedTest({ ...flat, n: 0, sumY: 0, sumYSq: 0 }, flat)).toBeNull();
  });
});
