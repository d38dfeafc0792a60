import { expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { collect, decide, ev, newSite, newVisitor, trustedOrders } from "./helpers";

it("sorts by price, highest first, for a visitor whose average order is above the site's p90", async () => {
  const site = await newSite("big", demoConfig);
  // 30 ordinary customers, reported by the shop's backend, give the site a real p90.
  const stats = await trustedOrders(site, Array.from({ length: 30 }, (_, i) => ({ visitor: newVisitor("cust"), id: `o-${i}`, total: 40 + i * 5 })));
  expect(stats.stats).toMatchObject({ orders: 30, customers: 30 });
  const visitor = newVisitor("big");
  await collect({
    site,
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
  const decision = await decide({ site, visitor, events: [ev("category_view", { categories: ["Men's"] })], products });
  expect(decision.traits.value.bigSpender).toBe(true);
  expect(decision.traits.value.thresholds.basis).toBe("site");
  expect(decision.traits.value.thresholds.aovP90).toBeGreaterThanOrEqual(165); // p90 of 40…185 is ~170; the sketch is within ~1%
  expect(decision.traits.value.thresholds.aovP90).toBeLessThan(200);
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
