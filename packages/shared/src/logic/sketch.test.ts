import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createSketch, sketchAdd, sketchCount, sketchMerge, sketchQuantile, sketchRemove, type QuantileSketch } from "./sketch";

const fill = (values: readonly number[], s: QuantileSketch = createSketch()) => values.reduce(sketchAdd, s);
const exact = (values: readonly number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;
const amount = fc.double({ min: 0.01, max: 1e7, noNaN: true });

describe("quantile sketch", () => {
  it("is empty at first", () => {
    expect(sketchCount(createSketch())).toBe(0);
    expect(sketchQuantile(createSketch(), 0.9)).toBeNull();
  });

  it.each([
    [[100], 0.9, 100],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 90],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.5, 50],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0, 10],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 1, 100],
    [[0, 0, 0, 5], 0.5, 0],
  ])("%j at q=%f ≈ %f", (values, q, expected) => {
    const estimate = sketchQuantile(fill(values), q)!;
    expect(Math.abs(estimate - expected)).toBeLessThanOrEqual(expected * 0.01 + 1e-9);
  });

  it("stays within 1% of the exact quantile", () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const estimate = sketchQuantile(fill(values), q)!;
        const truth = exact(values, q);
        expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(truth * 0.0101);
      }),
    );
  });

  it("removes what it added", () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 100 }), fc.array(amount, { maxLength: 100 }), (kept, removed) => {
        const s = removed.reduce(sketchRemove, fill(removed, fill(kept)));
        expect(s).toEqual(fill(kept));
      }),
    );
  });

  it("ignores removing what it does not hold, and values that are not numbers", () => {
    const s = fill([10]);
    expect(sketchRemove(s, 500)).toEqual(s);
    expect(sketchRemove(createSketch(), 0)).toEqual(createSketch());
    expect(fill([Number.NaN, Number.POSITIVE_INFINITY], s)).toEqual(s);
    expect(sketchQuantile(s, Number.NaN)).toBeNull();
  });

  it("merges by adding counts", () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 100 }), fc.array(amount, { maxLength: 100 }), (a, b) => {
        expect(sketchMerge(fill(a), fill(b))).toEqual(fill(b, fill(a)));
      }),
    );
  });

  it("never mutates its input", () => {
    const s = Object.freeze(fill([1, 2, 3]));
    const copy = structuredClone(s);
    sketchAdd(s, 4);
    sketchRemove(s, 2);
    expect(s).toEqual(copy);
  });

  it("stays bounded, collapsing the lowest buckets, and keeps high quantiles accurate", () => {
    const values = Array.from({ length: 6000 }, (_, i) => 1.0025 ** i);
    const s = fill(values);
    expect(Object.keys(s.bins).length).toBeLessThanOrEqual(2048);
    expect(JSON.stringify(s).length).toBeLessThan(40_000);
    expect(sketchCount(s)).toBe(6000);
    const truth = exact(values, 0.9);
    expect(Math.abs(sketchQuantile(s, 0.9)! - truth)).toBeLessThanOrEqual(truth * 0.0101);
    expect(sketchRemove(s, 1).count).toBe(5999);
  });

  it("round-trips through JSON", () => {
    const s = fill([5, 50, 500]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
