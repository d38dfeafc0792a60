import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch } from "../support/browser";
import { exportVisitor } from "../support/worker-api";
import { expectNoPageErrors, shopper, url } from "../support/shop";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Requests that would carry data to the worker (the script itself may load). */
function watchBeacons(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (request) => {
    if (/\/v1\/(decide|collect)/.test(request.url())) sent.push(`${request.method()} ${request.url()}`);
  });
  return sent;
}

async function storedKeys(page: Page): Promise<{ local: string[]; databases: string[]; cookies: number }> {
  const state = await page.evaluate(async () => ({
    local: Object.keys(localStorage).filter((key) => key.startsWith("vt")),
    databases: ((await indexedDB.databases?.()) ?? []).map((db) => db.name ?? ""),
  }));
  return { ...state, cookies: (await page.context().cookies()).length };
}

async function browseAround(page: Page) {
  await page.goto(url("/c/headphones/noise-canceling/"));
  await page.goto(url("/p/NC-100/"));
  await page.click("[data-add-to-cart]");
  await page.goto(url("/"));
  await page.waitForTimeout(1_500);
}

/** Serves the shop's real pages with the script tag asking for consent first. */
async function requireConsent(context: BrowserContext) {
  await context.route(/\/(c|p|cart)?\/?([^.]*\/)?$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('data-site="demo"', 'data-site="demo" data-consent="required"');
    await route.fulfill({ response, body: html });
  });
}

describe("privacy", () => {
  it("sends and stores nothing when Global Privacy Control is on", async () => {
    const { context, page, errors } = await shopper(browser);
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
    const sent = watchBeacons(page);
    await browseAround(page);
    expect(sent).toEqual([]);
    expect(await storedKeys(page)).toEqual({ local: [], databases: [], cookies: 0 });
    expect(await page.getAttribute("[data-vt-slot=hero] [data-vt-image]", "src")).toBe("/img/hero/default.svg");
    expectNoPageErrors(errors);
    await context.close();
  });

  it("sends and stores nothing until consent is given, then starts", async () => {
    const { context, page, errors } = await shopper(browser);
    await requireConsent(context);
    const sent = watchBeacons(page);
    await browseAround(page);
    expect(sent).toEqual([]);
    expect(await storedKeys(page)).toEqual({ local: [], databases: [], cookies: 0 });

    await page.evaluate(() => (window as any).vitrine.consent(true));
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForFunction(() => (window as any).vitrine.decision, undefined, { timeout: 10_000 });
    const visitor = await page.evaluate(() => (window as any).vitrine.decision.visitor);
    expect(await exportVisitor(visitor)).not.toBeNull();
    expect((await storedKeys(page)).local.length).toBeGreaterThan(0);
    expectNoPageErrors(errors);
    await context.close();
  });
});
