import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { inShare, pickArm, unitHash } from "./bucket";
import { fnv1a32 } from "./hash";
import golden from "../golden/bucketing.json";

interface Vector { seed: string; visitor: string; hash: number; unit: number; trafficUnit: number; traffic: number; weights: number[]; arm: number }
const vectors = (golden as { vectors: Vector[] }).vectors;

/** Pearson's chi-square of counts against equal expected counts. */
function chiSquareUniform(counts: number[]): number {
  const expected = counts.reduce((a, b) => a + b, 0) / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}
/** Chi-square critical values at p = 0.001: `python3 -c "from scipy.stats import chi2; print(chi2.isf(0.001,19), chi2.isf(0.001,24))"`. */
const CHI2_19_P001 = 43.82019596451753;
const CHI2_24_P001 = 51.17859777737739;

describe("bucketing golden vectors", () => {
  it("has about forty vectors covering traffic, zero weights and non-ASCII ids", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40);
    expect(vectors.some((v) => v.arm === -1)).toBe(true);
    expect(vectors.some((v) => /[^\x00-\x7f]/.test(v.visitor))).toBe(true);
  });

  it.each(vectors.map((v) => [`${v.seed}/${v.visitor}/${v.traffic}/${v.weights.join(",")}`, v] as const))("%s", (_name, v) => {
    expect(fnv1a32(`${v.seed}:${v.visitor}`)).toBe(v.hash);
    expect(unitHash(v.seed, v.visitor)).toBe(v.unit);
    expect(unitHash(`${v.seed}:traffic`, v.visitor)).toBe(v.trafficUnit);
    expect(pickArm(v.seed, v.visitor, v.traffic, v.weights)).toBe(v.arm);
  });
});

describe("unitHash", () => {
  it("is uniform over 10,000 sequential ids for any seed (chi-square, 20 bins, p > 0.001)", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const counts = new Array<number>(20).fill(0);
        for (let i = 0; i < 10_000; i++) counts[Math.floor(unitHash(seed, `visitor-${i}`) * 20)]! += 1;
        return chiSquareUniform(counts) < CHI2_19_P001;
      }),
      { numRuns: 20, seed: 8 },
    );
  });

  it("gives the traffic hash and the arm hash of a visitor independently (5x5 grid, p > 0.001)", () => {
    const counts = new Array<number>(25).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const id = String(i);
      const row = Math.floor(unitHash("exp", id) * 5);
      const col = Math.floor(unitHash("exp:traffic", id) * 5);
      counts[row * 5 + col]! += 1;
    }
    expect(chiSquareUniform(counts)).toBeLessThan(CHI2_24_P001);
  });

  it("stays in [0, 1) and is stable", () => {
    fc.assert(fc.property(fc.string(), fc.string(), (s, v) => {
      const u = unitHash(s, v);
      return u >= 0 && u < 1 && u === unitHash(s, v);
    }));
  });
});

describe("inShare", () => {
  it("includes about `share` of visitors, and a larger share keeps everyone a smaller one had", () => {
    let inside = 0;
    for (let i = 0; i < 10_000; i++) {
      const id = `v${i}`;
      if (inShare("holdout", id, 0.05)) {
        inside++;
        expect(inShare("holdout", id, 0.2)).toBe(true);
      }
    }
    // 10,000 x 0.05 = 500 expected; sd = sqrt(10000 x 0.05 x 0.95) = 21.8, so ±4 sd.
    expect(inside).toBeGreaterThan(500 - 88);
    expect(inside).toBeLessThan(500 + 88);
    expect(inShare("x", "y", 0)).toBe(false);
    expect(inShare("x", "y", 1)).toBe(true);
  });
});

describe("pickArm", () => {
  it("splits visitors in proportion to the weights, which need not sum to 1", () => {
    const weights = [1, 2, 7];
    const counts = [0, 0, 0];
    const n = 20_000;
    for (let i = 0; i < n; i++) counts[pickArm("proportions", `id-${i}`, 1, weights)]! += 1;
    weights.forEach((w, i) => {
      const p = w / 10;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(counts[i]! - n * p)).toBeLessThan(4 * sd);
    });
  });

  it("never picks a zero-weight arm and returns -1 when no arm has weight", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.constantFrom(0, 0, 1, 2.5), { minLength: 1, maxLength: 6 }), (visitor, weights) => {
        const arm = pickArm("zeros", visitor, 1, weights);
        if (weights.every((w) => w === 0)) return arm === -1;
        return arm >= 0 && weights[arm]! > 0;
      }),
    );
    expect(pickArm("zeros", "v", 1, [])).toBe(-1);
    expect(pickArm("zeros", "v", 1, [Number.NaN, -1, Infinity])).toBe(-1);
  });

  it("never reshuffles enrolled visitors when the traffic share changes", () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (visitor, a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        const small = pickArm("reshuffle", visitor, low, [1, 1, 1]);
        const large = pickArm("reshuffle", visitor, high, [1, 1, 1]);
        const full = pickArm("reshuffle", visitor, 1, [1, 1, 1]);
        return (small === -1 || small === large) && (large === -1 || large === full);
      }),
    );
  });

  it("enrolls about `traffic` of visitors and splits the enrolled ones evenly", () => {
    const counts = [0, 0];
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const arm = pickArm("traffic", `id-${i}`, 0.3, [1, 1]);
      if (arm === -1) outside++;
      else counts[arm]! += 1;
    }
    expect(Math.abs(outside - 7000)).toBeLessThan(4 * Math.sqrt(10_000 * 0.21));
    expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThan(4 * Math.sqrt(3000));
  });
});
