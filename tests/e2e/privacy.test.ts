import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { launch } from "../support/browser";
import { exportVisitor, workerUrl } from "../support/worker-api";
import { expectNoPageErrors, heroVariant, queued, shopper, url, visit, watchDecisions } from "../support/shop";

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

/** localStorage without the shop's own cart (`harbor-*` keys). */
const ownStorage = (page: Page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([key]) => !key.startsWith("harbor-"))));

/** Is this request a consent withdrawal? */
const withdrawal = (request: Request) => /"granted":false/.test(request.postData() ?? "");

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
    // The id waited in vt_bye until the worker confirmed; then only the refusal is left.
    await expect.poll(() => ownStorage(page), { timeout: 10_000 }).toEqual({ vt_ok: "0" });
    await expect.poll(async () => (await storedKeys(page)).databases, { timeout: 10_000 }).toEqual([]);
    expectNoPageErrors(errors);
    await context.close();
  });

  it("retries a withdrawal whose request failed until the worker has forgotten the visitor, also from the next page", async () => {
    const { context, page, errors } = await shopper(browser);
    await watchDecisions(context);
    // The first withdrawal request fails on the network.
    let attempts = 0;
    await context.route(`${workerUrl()}/v1/collect`, (route) => (withdrawal(route.request()) && attempts++ === 0 ? route.abort() : route.continue()));
    const { visitor } = await visit(page, "/p/NC-100/");
    expect(await exportVisitor(visitor)).not.toBeNull();
    await page.evaluate(() => (window as any).vitrine.consent(false));
    // Cleared at once in the browser, the id kept only for the withdrawal...
    expect(await ownStorage(page)).toEqual({ vt_ok: "0", vt_bye: visitor });
    // ...which is sent again after the failure, and then the worker has nothing.
    await expect.poll(() => exportVisitor(visitor), { timeout: 15_000 }).toBeNull();
    expect(attempts).toBe(2);
    await expect.poll(() => ownStorage(page), { timeout: 10_000 }).toEqual({ vt_ok: "0" });

    // Another visitor withdraws, and leaves while the worker cannot be reached: the next page,
    // once it can, sends the withdrawal.
    const next = await shopper(browser);
    await watchDecisions(next.context);
    let blocked = 0;
    await next.context.route(`${workerUrl()}/v1/collect`, (route) => (withdrawal(route.request()) ? (blocked++, route.abort()) : route.continue()));
    const second = (await visit(next.page, "/c/headphones/")).visitor;
    await next.page.evaluate(() => (window as any).vitrine.consent(false));
    await expect.poll(() => blocked, { timeout: 10_000 }).toBeGreaterThan(0);
    await next.page.goto(url("/"));
    expect(await ownStorage(next.page)).toMatchObject({ vt_bye: second });
    expect(await exportVisitor(second)).not.toBeNull();
    await next.context.unroute(`${workerUrl()}/v1/collect`);
    await next.page.reload();
    await expect.poll(() => exportVisitor(second), { timeout: 15_000 }).toBeNull();
    await expect.poll(() => ownStorage(next.page), { timeout: 10_000 }).toEqual({ vt_ok: "0" });
    expectNoPageErrors(errors);
    expectNoPageErrors(next.errors);
    await next.context.close();
    await context.close();
  });
});
