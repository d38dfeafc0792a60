import { describe, expect, it } from "vitest";
import { expectClose } from "./__reference__/close";
import { runningMinimum, sequentialLooks, sequentialTau, sequentialTest } from "./sequential";

const arm = (converters: number, visitors: number) => ({ visitors, converters });

describe("sequentialTest (mSPRT, normal mixture)", () => {
  // Source: an independent Python implementation of the mixture likelihood ratio from its
  // definition (Johari et al., "Always valid inference", Operations Research 2022): Λ(θ0) as a
  // scipy quad integral over θ ~ N(θ0, τ²), p = 1/Λ(0), the interval by brentq on Λ(θ0) = 1/α.
  // Command: `/usr/bin/python3 packages/shared/src/stats/__reference__/msprt.py` (block "single looks").
  it.each([
    [200, 4000, 290, 4000, 0.01, 0.002228274034694375, 0.005869263404389548, 0.039130736595610435],
    [50, 1000, 65, 1000, 0.005, 0.9129889318339736, -0.0448186260728277, 0.07481862607282766],
    [200, 4000, 246, 4100, 0.005, 0.5364187645730113, -0.008610480332532016, 0.028610480332532006],
    [0, 500, 7, 520, 0.002, 0.6652028218749207, -0.020559548606018493, 0.04748262552909546],
    [200, 200, 190, 200, 0.02, 0.06028450012973089, -0.10139653902746824, 0.0013965390274679847],
    [300, 5000, 240, 5000, 0.003, 0.4081478295036029, -0.032598102860214376, 0.008598102860214389],
    [2400, 60000, 2600, 60000, 0.004, 0.07650973760853993, -0.00017916446605125054, 0.006845831132717918],
  ])("control %d/%d vs variant %d/%d, τ = %d: p and interval match the integral to 1e-9", (xa, na, xb, nb, tau, p, low, high) => {
    const r = sequentialTest(arm(xa, na), arm(xb, nb), { tau });
    expectClose(r.p, p, 1e-9);
    expectClose(r.low, low, 1e-9);
    expectClose(r.high, high, 1e-9);
    expect(r.difference).toBe(xb / nb - xa / na);
    expect(r.tau).toBe(tau);
  });

  it("is more cautious than the fixed-horizon z-test on the same data", () => {
    // 200/4000 vs 246/4100: the z-test says p = 0.049 (see proportions.test.ts), mSPRT 0.54.
    expect(sequentialTest(arm(200, 4000), arm(246, 4100), { tau: 0.005 }).p).toBeGreaterThan(0.5);
  });

  it("has no evidence without visitors or variance, and never returns NaN", () => {
    expect(sequentialTest(arm(0, 0), arm(3, 10), { tau: 0.01 })).toMatchObject({ p: 1, low: -1, high: 1 });
    expect(sequentialTest(arm(0, 400), arm(0, 400), { tau: 0.01 })).toMatchObject({ p: 1, low: -1, high: 1, difference: 0 });
    expect(sequentialTest(arm(400, 400), arm(400, 400), { tau: 0.01 })).toMatchObject({ p: 1, difference: 0 });
    // 0% against 100%: the unpooled variance is 0, so the pooled one stands in.
    expect(sequentialTest(arm(0, 400), arm(400, 400), { tau: 0.01 }).p).toBeLessThan(1e-6);
  });
});

describe("sequentialLooks", () => {
  // Source: same script, block "looks (cumulative)": per look the raw p, then the running minimum
  // of p and the running intersection of the intervals, τ = 0.006.
  const looks = [
    [12, 300, 20, 300, 0.9495431198195218, 0.9495431198195218, -0.11854143502973448, 0.1718747683630678],
    [30, 600, 41, 610, 0.956739398036312, 0.9495431198195218, -0.06524015895369743, 0.09966638846189414],
    [44, 900, 70, 905, 0.5775508656067057, 0.5775508656067057, -0.03289533022964943, 0.08981368504855688],
    [58, 1200, 88, 1210, 0.48994585207433944, 0.48994585207433944, -0.021934427316345886, 0.07072230610422468],
    [75, 1500, 118, 1502, 0.24637544979971043, 0.24637544979971043, -0.011880881662214656, 0.06900471654903224],
  ] as const;

  it("reports the running-minimum p and the intersected interval at every look, matching the reference to 1e-9", () => {
    const results = sequentialLooks(looks.map(([xa, na, xb, nb]) => ({ control: arm(xa, na), variant: arm(xb, nb) })), { tau: 0.006 });
    results.forEach((r, i) => {
      const [, , , , rawP, p, low, high] = looks[i]!;
      expectClose(r.p, p, 1e-9);
      expectClose(r.low, low, 1e-9);
      expectClose(r.high, high, 1e-9);
      expect(r.p).toBeLessThanOrEqual(rawP + 1e-15);
    });
  });

  it("runningMinimum never rises", () => {
    expect(runningMinimum([0.8, 0.3, 0.5, 0.04])).toEqual([0.8, 0.3, 0.3, 0.04]);
  });

  it("sequentialTau is the smallest interesting absolute difference, never 0", () => {
    expect(sequentialTau(0.05, 0.1)).toBeCloseTo(0.005, 15);
    expect(sequentialTau(0, 0.1)).toBeGreaterThan(0);
  });
});
