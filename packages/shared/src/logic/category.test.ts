import { describe, expect, it } from "vitest";
import { normalizeCategory } from "./category";

describe("normalizeCategory", () => {
  it.each([
    ["Men's ", "men's"],
    ["  Noise-Canceling", "noise-canceling"],
    ["Men’s", "men's"],
    ["Women's\t\n Shoes", "women's shoes"],
    ["KIDS", "kids"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeCategory(input)).toBe(expected);
  });
});
