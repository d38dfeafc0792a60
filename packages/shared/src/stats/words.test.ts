import { describe, expect, it } from "vitest";
import { count, percentChange, percentPoints } from "./words";

describe("words for verdicts", () => {
  it("writes relative changes as signed percent, with a decimal below 1%", () => {
    expect(percentChange(0.1234)).toBe("+12%");
    expect(percentChange(-0.2051)).toBe("-21%");
    expect(percentChange(-0.004)).toBe("-0.4%");
    expect(percentChange(0.00001)).toBe("0%");
    expect(percentChange(0)).toBe("0%");
  });

  it("writes differences in rates as percentage points", () => {
    expect(percentPoints(0.0132)).toBe("+1.3 points");
    expect(percentPoints(-0.0004)).toBe("0 points");
  });

  it("writes counts with thousands separators", () => {
    expect(count(60524)).toBe("60,524");
    expect(count(999)).toBe("999");
    expect(count(1234567.4)).toBe("1,234,567");
  });
});
