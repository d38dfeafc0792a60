import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { probabilityToBeat } from "./bayes";

describe("probabilityToBeat", () => {
  // Source: scipy 1.10.1 numerical integration, `quad(beta_B.pdf(x) * beta_A.cdf(x))` with
  // Beta(1 + converters, 1 + non-converters) posteriors — independent of the closed-form sum.
  // Command: `/usr/bin/python3 packages/shared/src/stats/__reference__/bayes.py` (quad error ≤ 2e-13).
  it.each([
    [50, 1000, 65, 1000, 0.9244803789025712],
    [200, 4000, 246, 4100, 0.9756665000119309],
    [0, 500, 0, 500, 0.49999999999999883],
    [0, 500, 7, 520, 0.9955580946261606],
    [200, 200, 190, 200, 0.00042427833042660084],
    [1, 10, 4, 12, 0.8820693036940171],
    [300, 5000, 240, 5000, 0.003970765537270973],
    [0, 0, 3, 10, 0.33333333333333215],
    [0, 0, 0, 0, 0.4999999999999989],
    [2400, 60000, 2600, 60000, 0.9980695470959071],
  ])("control %d/%d vs variant %d/%d matches scipy quad to 1e-10", (xa, na, xb, nb, expected) => {
    expectClose(probabilityToBeat({ visitors: na, converters: xa }, { visitors: nb, converters: xb }), expected, 1e-10);
  });

  it("is symmetric: P(B > A) + P(A > B) = 1", () => {
    const a = { visitors: 3000, converters: 150 };
    const b = { visitors: 2900, converters: 171 };
    expect(probabilityToBeat(a, b) + probabilityToBeat(b, a)).toBeCloseTo(1, 12);
  });

  it("stays exact and fast with a hundred thousand conversions in every arm", () => {
    const started = Date.now();
    const p = probabilityToBeat({ visitors: 1_000_000, converters: 100_000 }, { visitors: 1_000_000, converters: 100_400 });
    // Source: same script, last line (scipy quad).
    expectClose(p, 0.8268960353521265, 1e-9);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
