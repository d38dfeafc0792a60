import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launch } from "../support/browser";
import { expectNoPageErrors, shopper, url } from "../support/shop";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const DEFAULT_HERO = { image: "/img/hero/default.svg" };

/** The page's own script (the shop's cart) still works, and the hero is the page's default. */
async function pageStillWorks(page: Page) {
  await page.goto(url("/p/NC-100/"));
  await page.click("[data-add-to-cart]");
  await page.waitForSelector("[data-cart-count]:not([hidden])");
  expect(await page.textContent("[data-cart-count]")).toContain("1");
  await page.goto(url("/"));
  await page.waitForTimeout(2_000);
  expect(await page.getAttribute("[data-vt-slot=hero] [data-vt-image]", "src")).toBe(DEFAULT_HERO.image);
  const variant = await page.getAttribute("[data-vt-slot=hero]", "data-vt-variant");
  expect([null, "default"]).toContain(variant);
  expect(await page.isVisible("[data-vt-slot=hero]")).toBe(true);
}

describe("when the worker fails, the page keeps working with its default content", () => {
  it("survives 500s", async () => {
    const { context, page, errors } = await shopper(browser);
    await context.route(/\/v1\/(decide|collect)/, (route) => route.fulfill({ status: 500, contentType: "application/json", body: '{"error":{"status":500}}' }));
    await pageStillWorks(page);
    expectNoPageErrors(errors);
    await context.close();
  });

  it("survives a worker that hangs", async () => {
    const { context, page, errors } = await shopper(browser);
    const held: (() => void)[] = [];
    await context.route(/\/v1\/(decide|collect)/, (route) => new Promise<void>((resolve) => held.push(() => route.abort().then(resolve, resolve))));
    await pageStillWorks(page);
    expectNoPageErrors(errors);
    held.forEach((release) => release());
    await context.close();
  });

  it("survives a snippet that cannot load at all", async () => {
    const { context, page, errors } = await shopper(browser);
    await context.route(/\/v1\/sdk\.js/, (route) => route.fulfill({ status: 503, body: "" }));
    await pageStillWorks(page);
    expectNoPageErrors(errors);
    await context.close();
  });
});
