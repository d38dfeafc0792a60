import { describe, expect, it } from "vitest";
import { expectRelative } from "./__reference__/close";
import { chiSquareSf } from "./chi-square";

describe("chiSquareSf", () => {
  // Source: scipy 1.10.1, `/usr/bin/python3 -c "from scipy.stats import chi2; print([repr(chi2.sf(x,d)) for x,d in [(3.841458820694124,1),(0.5,1),(10,2),(30,3),(1.2,4),(15,9),(0.01,2),(100,20)]])"`
  it.each([
    [3.841458820694124, 1, 0.04999999999999989],
    [0.5, 1, 0.47950012218695337],
    [10, 2, 0.006737946999085468],
    [30, 3, 1.3800570312932553e-6],
    [1.2, 4, 0.8780986177504424],
    [15, 9, 0.0909359765798051],
    [0.01, 2, 0.9950124791926823],
    [100, 20, 1.2596084591660847e-12],
  ])("P(X > %d | df = %d) matches scipy to 1e-12 relative", (x, df, expected) => {
    expectRelative(chiSquareSf(x, df), expected, 1e-12);
  });

  it("is 1 at and below zero", () => {
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(-1, 3)).toBe(1);
  });
});
