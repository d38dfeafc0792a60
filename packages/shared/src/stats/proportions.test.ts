import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { compareProportions } from "./proportions";

describe("compareProportions", () => {
  // Source: statsmodels 0.13.5 — `proportions_ztest([xB, xA], [nB, nA])` (pooled SE) for z and p,
  // `confint_proportions_2indep(xB, nB, xA, nA, method="wald", compare="diff")` (unpooled) for the
  // difference's interval; the relative interval by the delta-method formula in numpy/scipy.
  // Command: `/usr/bin/python3 packages/shared/src/stats/__reference__/proportions.py` (block "two proportions").
  it.each([
    [50, 1000, 65, 1000, 1.440793230951582, 0.14964310637037262, -0.005394458899678035, 0.03539445889967803, -0.16554817867065325, 0.7655481786706533],
    [200, 4000, 246, 4100, 1.9726624381154496, 0.04853403415729178, 7.725815060768797e-5, 0.0199227418493923, -0.017745198016221014, 0.4177451980162209],
    [0, 500, 7, 520, 2.6033209513428246, 0.00923254782088482, 0.003556622887234717, 0.023366454035842206, null, null],
    [200, 200, 190, 200, -3.2025630761017436, 0.0013621046715841978, -0.08020507357903402, -0.019794926420966075, -0.080205073579034, -0.019794926420966082],
    [1, 10, 4, 12, 1.300377019235907, 0.19347178232445505, -0.09179934065591319, 0.5584660073225798, -4.41414033003552, 9.080806996702186],
    [300, 5000, 240, 5000, -2.6546593660094935, 0.007938852985118205, -0.02085660860327007, -0.0031433913967299203, -0.332119600670128, -0.06788039932987189],
  ])("control %d/%d vs variant %d/%d matches statsmodels to 1e-9", (xa, na, xb, nb, z, p, low, high, relLow, relHigh) => {
    const r = compareProportions({ visitors: na, converters: xa }, { visitors: nb, converters: xb })!;
    expectClose(r.z, z, 1e-9);
    expectClose(r.p, p, 1e-9);
    expectClose(r.difference.value, xb / nb - xa / na, 1e-15);
    expectClose(r.difference.low, low, 1e-9);
    expectClose(r.difference.high, high, 1e-9);
    if (relLow === null || relHigh === null) expect(r.relative).toBeNull();
    else {
      expectClose(r.relative!.value, xb / nb / (xa / na) - 1, 1e-12);
      expectClose(r.relative!.low, relLow, 1e-9);
      expectClose(r.relative!.high, relHigh, 1e-9);
    }
  });

  it("answers 'no difference' without NaN when nobody (or everybody) converted in both arms", () => {
    for (const x of [0, 300]) {
      const r = compareProportions({ visitors: 300, converters: x }, { visitors: 300, converters: x })!;
      expect(r.z).toBe(0);
      expect(r.p).toBe(1);
      expect(r.difference).toEqual({ value: 0, low: 0, high: 0 });
    }
  });

  it("has nothing to compare when an arm is empty", () => {
    expect(compareProportions({ visitors: 0, converters: 0 }, { visitors: 10, converters: 1 })).toBeNull();
  });
});
