/**
 * The snippet never breaks the host page: when the worker fails, the demo shop keeps its default
 * content and its own script. The visitor lands from a tagged campaign link, which the working
 * worker answers with the "campaign-welcome" hero (the control test), so keeping the markup's
 * hero is the snippet's doing, not the config's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch } from "../support/browser";
import { expectNoPageErrors, freshDecision, heroVariant, shopper, url, watchDecisions } from "../support/shop";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const CAMPAIGN = "/?utm_source=newsletter&utm_medium=email&utm_campaign=fall-sale";

/** Collects the snippet's `vitrine:error` details in `window.__vtErrors`. */
async function watchErrors(context: BrowserContext) {
  await context.addInitScript(() => {
    (window as any).__vtErrors = [];
    document.addEventListener("vitrine:error", (event) => (window as any).__vtErrors.push(String((event as CustomEvent).detail)));
  });
}

/** The hero as the page shows it. */
const hero = (page: Page) =>
  page.$eval("[data-vt-slot=hero]", (slot) => ({
    variant: slot.getAttribute("data-vt-variant"),
    image: slot.querySelector("[data-vt-image]")!.getAttribute("src"),
    visible: getComputedStyle(slot).visibility === "visible",
  }));

/** Lands from the campaign while decide fails, then checks the shop's own cart still works. */
async function landWhileFailing(context: BrowserContext, page: Page, failure: RegExp) {
  await watchErrors(context);
  await page.goto(url(CAMPAIGN));
  // The snippet has given up on the decision (and said so) ...
  await page.waitForFunction(() => (window as any).__vtErrors.length > 0, undefined, { timeout: 10_000 });
  expect(await page.evaluate(() => (window as any).__vtErrors[0])).toMatch(failure);
  // ... and the markup's hero stands: no variant applied, the page's own image, visible.
  expect(await hero(page)).toEqual({ variant: null, image: "/img/hero/default.svg", visible: true });

  await page.goto(url("/p/NC-100/"));
  await page.click("[data-add-to-cart]");
  await page.waitForSelector("[data-cart-count]:not([hidden])");
  expect(await page.textContent("[data-cart-count]")).toContain("1");
}

describe("when the worker fails, the page keeps working with its default content", () => {
  it("(control) a working worker personalizes this landing", async () => {
    const { context, page, errors } = await shopper(browser);
    await watchDecisions(context);
    await page.goto(url(CAMPAIGN));
    expect((await freshDecision(page)).hero.variant).toBe("campaign-welcome");
    expect(await heroVariant(page, "campaign-welcome")).toBe("campaign-welcome");
    expect((await hero(page)).image).toBe("/img/hero/campaign-welcome.svg");
    expectNoPageErrors(errors);
    await context.close();
  });

  it("survives 500s", async () => {
    const { context, page, errors } = await shopper(browser);
    await context.route(/\/v1\/(decide|collect)/, (route) => route.fulfill({ status: 500, contentType: "application/json", body: '{"error":{"status":500}}' }));
    await landWhileFailing(context, page, /POST \/v1\/decide answered 500/);
    expectNoPageErrors(errors);
    await context.close();
  });

  it("survives a worker that never answers (decide gives up after its timeout)", async () => {
    const { context, page, errors } = await shopper(browser);
    const held: (() => void)[] = [];
    await context.route(/\/v1\/(decide|collect)/, (route) => new Promise<void>((resolve) => held.push(() => route.abort().then(resolve, resolve))));
    await landWhileFailing(context, page, /TimeoutError|timed out/i);
    expectNoPageErrors(errors);
    held.forEach((release) => release());
    await context.close();
  });
});
