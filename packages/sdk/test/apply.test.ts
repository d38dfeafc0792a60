import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import golden from "../../shared/src/logic/sort-cases.json";
import type { Decision, ProductCard } from "../src/types";
import { launch, pageWith } from "./chromium";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const reason = { rule: "r", basis: "segment", segment: "s" } as const;

/** A decision with only what `apply` reads besides the part under test. */
const decision = (patch: object): Decision =>
  ({
    visitor: "v-12345678",
    segments: [],
    hero: { variant: "default", rule: "default", reason, image: "/img/default.svg", alt: "default", headline: "Default" },
    sort: { strategy: "default", rule: "default", reason },
    experiments: [],
    explain: [],
    ttl: 60,
    ...patch,
  }) as unknown as Decision;

/** A product card as a shop would mark it up. */
const card = (c: ProductCard) =>
  `<li data-vt-sku="${c.sku}"${c.price === undefined ? "" : ` data-vt-price="${c.price}"`}${c.addedAt === undefined ? "" : ` data-vt-added="${new Date(c.addedAt).toISOString()}"`}${c.inStock === false ? ' data-vt-stock="out"' : ""}>${c.sku}</li>`;

const grid = (page: Page) => page.$$eval("[data-vt-sort] > li", (items) => items.map((li) => li.textContent));
const apply = (page: Page, dec: Decision, cached: boolean) => page.evaluate(([d, c]) => (window as any).vt.apply(d, c), [dec, cached] as const);

describe("apply, on grids", () => {
  // The worker's sortProducts runs the same cases (packages/shared/src/logic/sort.test.ts).
  it.each(golden.cases)("sorts a cached decision by the worker's rule: $name", async ({ strategy, cards, expected }) => {
    const page = await pageWith(browser, `<ul data-vt-sort>${cards.map(card).join("")}<li>promo</li></ul>`, ["apply"]);
    await apply(page, decision({ sort: { strategy, rule: "r", skus: ["Z"] } }), true);
    // The tile without a sku is no product: it goes after them.
    expect(await grid(page)).toEqual([...expected, "promo"]);
    expect(await page.getAttribute("[data-vt-sort]", "data-vt-variant")).toBe(strategy);
    await page.close();
  });

  const shelf = [
    { sku: "A", price: 10, addedAt: Date.parse("2026-01-01") },
    { sku: "B", price: 30, inStock: false },
    { sku: "C", price: 20 },
  ];

  it("takes the worker's order; cards it did not see and tiles go after, in markup order", async () => {
    const page = await pageWith(browser, `<ul data-vt-sort>${[...shelf, { sku: "D" }].map(card).join("")}<li>promo</li></ul>`, ["apply"]);
    await apply(page, decision({ sort: { strategy: "interest", rule: "r", skus: ["C", "A", "B"] } }), false);
    expect(await grid(page)).toEqual(["C", "A", "B", "D", "promo"]);
    expect(await page.getAttribute("[data-vt-sort]", "data-vt-variant")).toBe("interest");
    await page.close();
  });

  it("sends the markup's order with decide, also once sorted, and restores it for default", async () => {
    const page = await pageWith(browser, `<ul data-vt-sort>${shelf.map(card).join("")}</ul>`, ["apply", "page"]);
    await apply(page, decision({ sort: { strategy: "price_desc", rule: "r" } }), true);
    expect(await grid(page)).toEqual(["C", "A", "B"]);
    expect((await page.evaluate(() => (window as any).vt.readCards())).map((c: ProductCard) => c.sku)).toEqual(["A", "B", "C"]);
    await apply(page, decision({ sort: { strategy: "default", rule: "r" } }), true);
    expect(await grid(page)).toEqual(["A", "C", "B"]);
    await page.close();
  });

  it("moves nothing that is already in place", async () => {
    const page = await pageWith(browser, `<ul data-vt-sort>${[shelf[0]!, shelf[2]!, shelf[1]!].map(card).join("")}</ul>`, ["apply"]);
    await page.evaluate(() => {
      (window as any).moved = 0;
      new MutationObserver((records) => ((window as any).moved += records.length)).observe(document.querySelector("[data-vt-sort]")!, { childList: true });
    });
    await apply(page, decision({ sort: { strategy: "interest", rule: "r", skus: ["A", "C", "B"] } }), false);
    await apply(page, decision({ sort: { strategy: "default", rule: "r" } }), true);
    expect(await page.evaluate(() => (window as any).moved)).toBe(0);
    await apply(page, decision({ sort: { strategy: "price_desc", rule: "r" } }), true);
    expect(await grid(page)).toEqual(["C", "A", "B"]);
    expect(await page.evaluate(() => (window as any).moved)).toBeGreaterThan(0);
    await page.close();
  });
});
