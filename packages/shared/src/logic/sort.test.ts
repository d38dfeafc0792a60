import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ProductCard } from "../schema/event";
import type { SortStrategy } from "../schema/config";
import { SORT_STRATEGIES } from "../schema/config";
import { sortProducts } from "./sort";
import { traits } from "./__fixtures__/events";
import golden from "./sort-cases.json";

const cards: ProductCard[] = [
  { sku: "A", price: 20, categories: ["Bluetooth"], addedAt: 100 },
  { sku: "B", price: 300, categories: ["noise-canceling"], inStock: false, addedAt: 500 },
  { sku: "C", categories: ["men's"], addedAt: 300 },
  { sku: "D", price: 150, categories: ["Noise-Canceling", "headphones"] },
  { sku: "E", price: 150, categories: ["kids"], addedAt: 300 },
  { sku: "F", price: 80, inStock: true, addedAt: 900 },
];
const visitor = traits({
  interests: [
    { category: "headphones", score: 3 },
    { category: "noise-canceling", score: 2 },
    { category: "bluetooth", score: 1.5 },
  ],
});

describe("sortProducts", () => {
  it.each([
    ["default", ["A", "C", "D", "E", "F", "B"]],
    ["price_desc", ["D", "E", "F", "A", "C", "B"]],
    ["interest", ["D", "A", "C", "E", "F", "B"]],
    ["new_arrivals", ["F", "C", "E", "A", "D", "B"]],
  ] as [SortStrategy, string[]][])("%s", (strategy, expected) => {
    expect(sortProducts(strategy, cards, visitor)).toEqual(expected);
  });

  // The same cases run against the snippet's cached sort (packages/sdk/test/apply.test.ts).
  it.each(golden.cases)("golden: $name", ({ strategy, cards: page, expected }) => {
    expect(sortProducts(strategy as SortStrategy, page, visitor)).toEqual(expected);
  });

  it("keeps the page order for interest without traits (bots) or interests", () => {
    expect(sortProducts("interest", cards, null)).toEqual(["A", "C", "D", "E", "F", "B"]);
    expect(sortProducts("interest", cards, traits())).toEqual(["A", "C", "D", "E", "F", "B"]);
  });

  it("treats an unknown strategy as default", () => {
    expect(sortProducts("random" as SortStrategy, cards, visitor)).toEqual(sortProducts("default", cards, visitor));
  });

  it("handles an empty page", () => {
    expect(sortProducts("price_desc", [], visitor)).toEqual([]);
  });

  const arbCard = fc.record(
    {
      sku: fc.constantFrom("a", "b", "c", "d", "e", "f", "g"),
      price: fc.integer({ min: 0, max: 5 }),
      inStock: fc.boolean(),
      addedAt: fc.integer({ min: 0, max: 3 }),
      categories: fc.subarray(["headphones", "noise-canceling", "bluetooth", "kids"]),
    },
    { requiredKeys: ["sku"] },
  );

  it.each([...SORT_STRATEGIES])("%s is a stable permutation with out-of-stock products last", (strategy) => {
    fc.assert(
      fc.property(fc.array(arbCard, { maxLength: 30 }), (list) => {
        const keyed = list.map((card, i) => ({ ...card, sku: `${card.sku}${i}` }));
        const order = sortProducts(strategy, keyed, visitor);
        expect([...order].sort()).toEqual(keyed.map((card) => card.sku).sort());
        const position = new Map(order.map((sku, i) => [sku, i]));
        const stocked = order.map((sku) => keyed.find((card) => card.sku === sku)!.inStock !== false);
        expect(stocked).toEqual([...stocked].sort((x, y) => Number(y) - Number(x)));
        // Stable: sorting the result again changes nothing, and equal cards keep page order.
        const again = sortProducts(strategy, order.map((sku) => keyed.find((card) => card.sku === sku)!), visitor);
        expect(again).toEqual(order);
        for (let i = 0; i < keyed.length; i++) {
          for (let j = i + 1; j < keyed.length; j++) {
            const [x, y] = [keyed[i]!, keyed[j]!];
            const same = JSON.stringify({ ...x, sku: "" }) === JSON.stringify({ ...y, sku: "" });
            if (same) expect(position.get(x.sku)!).toBeLessThan(position.get(y.sku)!);
          }
        }
      }),
    );
  });
});
