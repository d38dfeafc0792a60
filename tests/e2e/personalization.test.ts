import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launch } from "../support/browser";
import { exportVisitor } from "../support/worker-api";
import { expectNoPageErrors, gridPrices, heroVariant, shopper, visit, watchDecisions } from "../support/shop";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Browses a category and two of its products, then goes home and returns the hero variant. */
async function browseThenHome(category: string): Promise<string> {
  const { context, page, errors } = await shopper(browser);
  await watchDecisions(context);
  const first = await visit(page, "/");
  expect(first.hero.variant).toBe("default");
  expect(await heroVariant(page)).toBe("default");
  await visit(page, category);
  const skus = (await gridPrices(page)).map((item) => item.sku);
  for (const sku of skus.slice(0, 2)) await visit(page, `/p/${sku}/`);
  const home = await visit(page, "/");
  const variant = await heroVariant(page, home.hero.variant);
  expect(await page.getAttribute("[data-vt-slot=hero] [data-vt-image]", "src")).toBe(home.hero.image);
  expect(await page.textContent("[data-vt-slot=hero] [data-vt-headline]")).toBe(home.hero.headline);
  expectNoPageErrors(errors);
  await context.close();
  return variant;
}

describe("the snippet applies the edge's decision", () => {
  it("shows a new visitor the default hero, and the noise-canceling hero after browsing noise-canceling", async () => {
    expect(await browseThenHome("/c/headphones/noise-canceling/")).toBe("noise-canceling");
  });

  it("shows the men's hero to a shopper who browsed men's pages", async () => {
    expect(await browseThenHome("/c/mens/")).toBe("mens");
  });

  it("sorts category grids by price, highest first, for a big spender", async () => {
    const { context, page, errors } = await shopper(browser);
    await watchDecisions(context);
    await visit(page, "/p/NC-999/");
    await page.click("[data-add-to-cart]");
    await visit(page, "/cart/");
    await page.click("[data-place-order]");
    await page.waitForSelector("[data-confirmation]:not([hidden])");
    // The purchase reaches the worker through the snippet's queue; the next decision sees it.
    await expect.poll(async () => (await visit(page, "/c/headphones/")).sort.strategy, { timeout: 20_000, interval: 500 }).toBe("price_desc");
    await page.waitForSelector("[data-vt-sort][data-vt-variant=price_desc]");
    const grid = await gridPrices(page);
    const inStock = grid.filter((item) => !item.out).map((item) => item.price);
    expect(inStock.length).toBeGreaterThan(3);
    expect(inStock).toEqual([...inStock].sort((a, b) => b - a));
    expect(grid.findIndex((item) => item.out)).not.toBeLessThan(grid.length - grid.filter((item) => item.out).length);
    const decision = await page.evaluate(() => (window as any).vitrine.decision);
    expect(decision.sort.reason).toMatchObject({ basis: "segment", segment: "big-spenders" });
    // The page's decision carries no spend; the admin export shows why.
    expect((await exportVisitor(decision.visitor))!.traits.value.bigSpender).toBe(true);
    expectNoPageErrors(errors);
    await context.close();
  });

  it("carries the landing URL's UTM tags to the worker's profile", async () => {
    const { context, page } = await shopper(browser);
    await watchDecisions(context);
    const decision = await visit(page, "/?utm_source=newsletter&utm_medium=email&utm_campaign=fall-sale&utm_content=hero&utm_term=headphones");
    expect(decision.hero.variant).toBe("campaign-welcome");
    const stored = await exportVisitor(decision.visitor);
    expect(stored?.profile.firstSource).toMatchObject({ channel: "email", source: "newsletter", medium: "email", campaign: "fall-sale", content: "hero", term: "headphones" });
    await context.close();
  });
});
