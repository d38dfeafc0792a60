import { describe, expect, it, vi } from "vitest";
import { memo } from "./memo";

describe("memo", () => {
  it("builds a formatter once per key and hands the same one back", () => {
    const cache = new Map<string, Intl.NumberFormat>();
    const make = vi.fn(() => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }));
    const first = memo(cache, "EUR", make);
    expect(memo(cache, "EUR", make)).toBe(first);
    expect(make).toHaveBeenCalledTimes(1);
    expect(first.format(12.5)).toBe("€12.50");
  });

  it("never holds more than max formatters, whatever keys arrive", () => {
    const cache = new Map<string, string>();
    for (let i = 0; i < 1000; i++) memo(cache, `k${i}`, () => `f${i}`, 8);
    expect(cache.size).toBeLessThanOrEqual(8);
    expect(memo(cache, "k999", () => "new")).toBe("f999");
    // The oldest goes first: the newest are all still there.
    expect([...cache.keys()]).toEqual(Array.from({ length: 8 }, (_, i) => `k${992 + i}`));
  });

  it("caches nothing when building throws (an unknown currency is the caller's fallback)", () => {
    const cache = new Map<string, Intl.NumberFormat>();
    expect(() => memo(cache, "E", () => new Intl.NumberFormat("en-US", { style: "currency", currency: "E" }))).toThrow(RangeError);
    expect(cache.size).toBe(0);
    const full = new Map([["a", "A"], ["b", "B"]]);
    expect(() => memo(full, "c", () => { throw new RangeError("bad"); }, 2)).toThrow(RangeError);
    expect([...full.keys()]).toEqual(["a", "b"]);
  });
});
