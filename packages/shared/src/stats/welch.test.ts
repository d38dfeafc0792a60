import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { summarize, welchTest } from "./welch";

// Source: simulated revenue per visitor; references from the raw arrays with scipy 1.10.1
// `ttest_ind(b, a, equal_var=False)` (t, p) and statsmodels 0.13.5
// `CompareMeans(DescrStatsW(b), DescrStatsW(a)).tconfint_diff(usevar="unequal")` (interval).
// Command: `/usr/bin/python3 packages/shared/src/stats/__reference__/means.py` (block "welch cases").
const cases = [
  {
    name: "typical",
    control: { n: 3000, sum: 9177.94, sumSq: 803304.2528 },
    variant: { n: 3000, sum: 10482.14, sumSq: 968660.0279999999 },
    ref: { t: 0.9979800084108416, p: 0.3183296511127986, df: 5947.823592604662, low: -0.4192267618379931, high: 1.288693428504661, diff: 0.43473333333333297 },
  },
  {
    name: "unequal sizes",
    control: { n: 800, sum: 2539.48, sumSq: 148964.07119999998 },
    variant: { n: 1500, sum: 5742.3099999999995, sumSq: 508261.7633 },
    ref: { t: 0.9894383467503407, p: 0.32256421858218753, df: 2072.531127713345, low: -0.6421153082873083, high: 1.9498286416206423, diff: 0.6538566666666665 },
  },
  {
    name: "tiny arms",
    control: { n: 5, sum: 111.02000000000001, sumSq: 3065.0996 },
    variant: { n: 7, sum: 88.08, sumSq: 4213.7032 },
    ref: { t: -0.9437084139419809, p: 0.368678472880823, df: 9.508651158333178, low: -32.49722212467619, high: 13.254936410390473, diff: -9.621142857142859 },
  },
];

describe("welchTest", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: t, df, p and interval match scipy/statsmodels to 1e-8", (_name, c) => {
    const r = welchTest(c.control, c.variant)!;
    expectClose(r.t, c.ref.t, 1e-8);
    expectClose(r.df, c.ref.df, 1e-8);
    expectClose(r.p, c.ref.p, 1e-8);
    expectClose(r.difference.value, c.ref.diff, 1e-10);
    expectClose(r.difference.low, c.ref.low, 1e-8);
    expectClose(r.difference.high, c.ref.high, 1e-8);
    expectClose(r.relative!.value, c.variant.sum / c.variant.n / (c.control.sum / c.control.n) - 1, 1e-12);
  });

  it("reports 'no difference' when nobody spent anything in either arm", () => {
    const zero = { n: 500, sum: 0, sumSq: 0 };
    const r = welchTest(zero, zero)!;
    expect(r.p).toBe(1);
    expect(r.t).toBe(0);
    expect(r.relative).toBeNull();
  });

  it("has nothing to test below two visitors in an arm", () => {
    expect(welchTest({ n: 0, sum: 0, sumSq: 0 }, { n: 10, sum: 5, sumSq: 9 })).toBeNull();
    expect(welchTest({ n: 1, sum: 3, sumSq: 9 }, { n: 10, sum: 5, sumSq: 9 })).toBeNull();
  });

  it("summarizes sums into mean and sample variance", () => {
    expect(summarize({ n: 3, sum: 6, sumSq: 14 })).toEqual({ mean: 2, variance: 1, n: 3 });
  });
});
