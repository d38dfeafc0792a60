import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch } from "../support/browser";
import { exportVisitor } from "../support/worker-api";
import { expectNoPageErrors, heroVariant, queued, shopper, url } from "../support/shop";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Requests that would carry data to the worker (the script itself may load), with their events. */
function watchBeacons(page: Page): { call: string; events: any[] }[] {
  const sent: { call: string; events: any[] }[] = [];
  page.on("request", (request) => {
    if (/\/v1\/(decide|collect)/.test(request.url())) sent.push({ call: `${request.method()} ${request.url()}`, events: JSON.parse(request.postData() ?? "{}").events ?? [] });
  });
  return sent;
}

/** What the page keeps besides the shop's own cart (`harbor-*` keys). */
async function storedKeys(page: Page): Promise<{ local: string[]; databases: string[]; cookies: number }> {
  const state = await page.evaluate(async () => ({
    local: Object.keys(localStorage).filter((key) => !key.startsWith("harbor-")),
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
    // Nor for the API, and consent does not override GPC.
    await page.evaluate(() => {
      const vitrine = (window as any).vitrine;
      vitrine.track("search", { query: "x" });
      vitrine.identify("customer-42");
      vitrine.consent(true);
      vitrine.page();
    });
    await page.waitForTimeout(1_000);
    expect(sent).toEqual([]);
    expect(await storedKeys(page)).toEqual({ local: [], databases: [], cookies: 0 });
    expect(await page.getAttribute("[data-vt-slot=hero] [data-vt-image]", "src")).toBe("/img/hero/default.svg");
    expectNoPageErrors(errors);
    await context.close();
  });

  it("sends and stores nothing until consent is given, then starts; withdrawing it erases the visitor", async () => {
    const { context, page, errors } = await shopper(browser);
    await requireConsent(context);
    const sent = watchBeacons(page);
    await browseAround(page);
    expect(sent).toEqual([]);
    expect(await storedKeys(page)).toEqual({ local: [], databases: [], cookies: 0 });

    await page.evaluate(() => (window as any).vitrine.consent(true));
    await page.waitForFunction(() => (window as any).vitrine.decision, undefined, { timeout: 10_000 });
    await heroVariant(page);
    const visitor = await page.evaluate(() => (window as any).vitrine.decision.visitor);
    // The choice and this page's view go out; nothing tracked before consent was kept.
    await expect.poll(() => sent.flatMap((s) => s.events.map((event) => `${event.type}:${event.granted ?? ""}`)).sort(), { timeout: 10_000 }).toEqual(["consent:true", "page_view:"]);
    await expect.poll(() => queued(page), { timeout: 10_000 }).toBe(0);
    expect(await exportVisitor(visitor)).not.toBeNull();
    expect((await storedKeys(page)).local.sort()).toEqual(["vt_dec", "vt_id", "vt_ok"]);

    await page.evaluate(() => (window as any).vitrine.consent(false));
    await expect.poll(() => sent.flatMap((s) => s.events.filter((event) => event.type === "consent").map((event) => event.granted)), { timeout: 10_000 }).toEqual([true, false]);
    await expect.poll(() => exportVisitor(visitor), { timeout: 10_000 }).toBeNull();
    expect(await page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([key]) => !key.startsWith("harbor-"))))).toEqual({ vt_ok: "0" });
    await expect.poll(async () => (await storedKeys(page)).databases, { timeout: 10_000 }).toEqual([]);
    expectNoPageErrors(errors);
    await context.close();
  });
});
