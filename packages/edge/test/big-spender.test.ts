import { expect, it } from "vitest";
import { collect, decide, ev, newVisitor } from "./helpers";

it("sorts by price, highest first, for a visitor whose average order is above the site's p90", async () => {
  // 30 ordinary customers give the site a real p90 (the demo needs 20 orders before it trusts one).
  for (let i = 0; i < 30; i += 1) {
    await collect({ visitor: newVisitor("cust"), events: [ev("purchase", { order: { id: `o-${i}`, total: 40 + i * 5, currency: "USD" } }, 60)] });
  }
  const visitor = newVisitor("big");
  await collect({
    visitor,
    events: [
      ev("purchase", { order: { id: "big-1", total: 1_800, currency: "USD" } }, 60 * 24 * 20),
      ev("purchase", { order: { id: "big-2", total: 2_400, currency: "USD" } }, 60 * 24 * 3),
    ],
  });
  const products = [
    { sku: "KID-1", price: 15 },
    { sku: "NC-900", price: 2_999 },
    { sku: "M-JKT", price: 1_200 },
    { sku: "BT-10", price: 59 },
    { sku: "W-DRS", price: 240 },
  ];
  const decision = await decide({ visitor, events: [ev("category_view", { categories: ["Men's"] })], products });
  expect(decision.traits.value.bigSpender).toBe(true);
  expect(decision.traits.value.thresholds.basis).toBe("site");
  expect(decision.traits.value.thresholds.aovP90).toBeLessThan(2_100);
  expect(decision.sort.strategy).toBe("price_desc");
  expect(decision.sort.skus).toEqual(["NC-900", "M-JKT", "W-DRS", "BT-10", "KID-1"]);
  expect(decision.explain.join("\n")).toMatch(/price_desc/);
});

it("does not call an ordinary customer a big spender", async () => {
  const visitor = newVisitor("small");
  await collect({ visitor, events: [ev("purchase", { order: { id: "s-1", total: 45, currency: "USD" } }, 60)] });
  const decision = await decide({ visitor, products: [{ sku: "A", price: 10 }, { sku: "B", price: 20 }] });
  expect(decision.traits.value.bigSpender).toBe(false);
  expect(decision.sort.strategy).not.toBe("price_desc");
});
