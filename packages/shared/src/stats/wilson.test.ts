import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { wilsonInterval } from "./wilson";

describe("wilsonInterval", () => {
  // Source: statsmodels 0.13.5 `proportion_confint(x, n, alpha=0.05, method="wilson")`;
  // command: `/usr/bin/python3 packages/shared/src/stats/__reference__/proportions.py` (block "wilson").
  it.each([
    [50, 1000, 0.03813026239274881, 0.06531382024425081],
    [0, 500, 4.336808689942018e-19, 0.007624340461552245],
    [200, 200, 0.9811546736227335, 1.0],
    [1, 10, 0.017876213095072924, 0.40415002679523854],
    [7, 520, 0.006535739194057571, 0.027523151182546026],
    [0, 1, 0.0, 0.7934506856227627],
    [3, 3, 0.43850296824495444, 1.0],
  ])("%d of %d converted: interval matches statsmodels to 1e-12", (x, n, low, high) => {
    const r = wilsonInterval(x, n);
    expect(r.value).toBe(x / n);
    expectClose(r.low, low, 1e-12);
    expectClose(r.high, high, 1e-12);
  });

  it("gives [0, 1] for an empty arm and keeps counts inside [0, visitors]", () => {
    expect(wilsonInterval(0, 0)).toEqual({ value: 0, low: 0, high: 1 });
    expect(wilsonInterval(12, 10)).toEqual(wilsonInterval(10, 10));
  });
});
