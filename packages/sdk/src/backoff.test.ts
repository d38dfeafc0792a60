import { describe, expect, it } from "vitest";
import { backoff } from "./backoff";

describe("backoff", () => {
  it("doubles from one second", () => {
    expect([0, 1, 2, 3].map((n) => backoff(n, 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it("stops growing at a minute", () => {
    expect(backoff(6, 1)).toBe(60_000);
    expect(backoff(40, 1)).toBe(60_000);
  });

  it("jitters down to half, never below", () => {
    expect(backoff(3, 0)).toBe(4000);
    for (let i = 0; i < 100; i++) {
      const ms = backoff(2);
      expect(ms).toBeGreaterThanOrEqual(2000);
      expect(ms).toBeLessThanOrEqual(4000);
    }
  });
});
