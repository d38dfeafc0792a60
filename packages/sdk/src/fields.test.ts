import { describe, expect, it } from "vitest";
import { MAX_CATEGORY_LENGTH, MAX_EVENT_CATEGORIES } from "@vitrine/shared/limits";
import { product, split } from "./fields";

describe("split", () => {
  it("splits paths at > and ›, trims, drops empties", () => {
    expect(split(" Headphones › Noise-Canceling >  > In-ear ")).toEqual(["Headphones", "Noise-Canceling", "In-ear"]);
  });

  it("keeps what the worker accepts: the contract's count and length of names", () => {
    const long = split(Array.from({ length: MAX_EVENT_CATEGORIES + 10 }, (_, i) => `${i}`.padEnd(MAX_CATEGORY_LENGTH + 20, "x")).join(">"));
    expect(long).toHaveLength(MAX_EVENT_CATEGORIES);
    expect(long[0]).toHaveLength(MAX_CATEGORY_LENGTH);
  });
});

describe("product", () => {
  it("needs a sku and a price of at least zero", () => {
    expect(product("A", "12.5", "GBP", ["x"])).toEqual({ sku: "A", price: 12.5, currency: "GBP", categories: ["x"] });
    expect(product("A", 5, "usd")).toEqual({ sku: "A", price: 5, currency: undefined, categories: undefined });
    expect(product("A", -1)).toBeUndefined();
    expect(product("", 1)).toBeUndefined();
    expect(product(undefined, 1)).toBeUndefined();
  });
});
