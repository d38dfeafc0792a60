/**
 * The snippet's events in Chromium against the real worker (`wrangler dev`, from the global
 * setup): calls queued by the inline stub, identify, single-page navigation, an event the worker
 * refuses, and the last request when the page goes away. What was sent is read from the requests;
 * what arrived, from the worker's admin export.
 *
 * Pages come from the fixture shop (`support/fixture-shop.ts`) on its own origin, so calls are
 * cross-origin as on a real shop. The refused event is also tried with the same page served at
 * the worker's own origin (`/fixture/…` through `route`): a refusal must be readable either way.
 */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { exportVisitor, workerUrl } from "../support/worker-api";
import { expectNoPageErrors, freshDecision, queued, shopper, watchDecisions } from "../support/shop";
import { SITE, recordCalls, sentEvents, serveAtWorker, watchPreflights, useFixtureShop } from "../support/fixture-shop";

const fixture = useFixtureShop();

const stored = async (visitor: string) => (await exportVisitor(visitor, SITE))!.profile;

/** The next decision from the worker, after the page's last one. */
async function nextDecision(page: import("playwright-core").Page, navigate: () => void): Promise<any> {
  await page.evaluate(() => ((window as any).__vtFresh = null));
  await page.evaluate(navigate);
  return freshDecision(page);
}

describe("the snippet's events reach the worker", () => {
  it("replays stub calls, sends identify as a SHA-256 hash and follows pushState and popstate", async () => {
    fixture.shop.options = { head: `<script>vitrine("track", "add_to_cart", { sku: "NC-100", price: 349 })</script>` };
    const { context, page, errors } = await shopper(fixture.browser);
    await watchDecisions(context);
    const calls = recordCalls(context);
    const preflights = await watchPreflights(page);
    await page.goto(`${fixture.shop.origin}/p/nc-100`);
    const { visitor } = await freshDecision(page);
    // The stub's call was replayed before the page view's decide, and rode on it.
    expect(sentEvents(calls, "/v1/decide").map((event) => event.type)).toEqual(["page_view", "add_to_cart"]);
    expect(sentEvents(calls, "/v1/decide")[1].product).toMatchObject({ sku: "NC-100", price: 349 });
    await page.evaluate(() => (window as any).vitrine.identify("customer-42"));

    await expect.poll(() => sentEvents(calls, "/v1/collect").map((event) => event.type), { timeout: 10_000 }).toEqual(["identify"]);
    expect(sentEvents(calls, "/v1/collect")[0].user).toBe(createHash("sha256").update("customer-42", "utf8").digest("base64url"));
    for (const call of calls) expect(call.type).toMatch(/^text\/plain/);
    expect(preflights).toEqual([]);
    await expect.poll(async () => (await stored(visitor)).identified, { timeout: 10_000 }).toBe(true);
    expect((await stored(visitor)).session.carts).toBe(1);

    const decides = () => calls.filter((call) => call.path === "/v1/decide").map((call) => call.body.events[0]);
    await nextDecision(page, () => history.pushState({}, "", "/c/headphones?utm_campaign=x"));
    expect(decides()[1]).toMatchObject({ url: `${fixture.shop.origin}/c/headphones?utm_campaign=x`, referrer: `${fixture.shop.origin}/p/nc-100` });
    // A change of the hash alone is no new page: the next decide is the popstate's.
    await page.evaluate(() => history.replaceState({}, "", "/c/headphones?utm_campaign=x#reviews"));
    await nextDecision(page, () => history.back());
    expect(decides()).toHaveLength(3);
    expect(decides()[2]).toMatchObject({ url: `${fixture.shop.origin}/p/nc-100`, referrer: `${fixture.shop.origin}/c/headphones?utm_campaign=x` });
    expect((await stored(visitor)).session.pageViews).toBe(3);
    expectNoPageErrors(errors);
    await context.close();
  });

  /** Tracks a checkout, a purchase without an order (which the worker refuses) and a search. */
  async function refusedEventIsIsolated(url: string, sameOrigin: boolean) {
    const { context, page, errors } = await shopper(fixture.browser);
    try {
      if (sameOrigin) await serveAtWorker(context);
      await watchDecisions(context);
      const calls = recordCalls(context);
      await page.addInitScript(() => {
        (window as any).__vtErrors = [];
        document.addEventListener("vitrine:error", (event) => (window as any).__vtErrors.push(String((event as CustomEvent).detail)));
      });
      await page.goto(url);
      const { visitor } = await freshDecision(page);
      await page.evaluate(() => {
        const vitrine = (window as any).vitrine;
        vitrine.track("checkout");
        vitrine.track("purchase", {});
        vitrine.track("search", { query: "x" });
      });
      await page.waitForFunction(() => (window as any).__vtErrors.length > 0, undefined, { timeout: 10_000 });
      expect(await page.evaluate(() => (window as any).__vtErrors[0])).toContain("POST /v1/collect answered 400");
      await expect.poll(() => queued(page), { timeout: 10_000 }).toBe(0);

      // The batch was refused whole; then each event went alone and only the purchase was dropped.
      const collects = await Promise.all(
        calls.filter((call) => call.path === "/v1/collect").map(async (call) => ({ types: call.body.events.map((event: any) => event.type), status: (await call.request.response())!.status() })),
      );
      expect(collects[0]!.types.sort()).toEqual(["checkout", "purchase", "search"]);
      expect(collects[0]!.status).toBe(400);
      expect(collects.slice(1).sort((a, b) => a.types[0].localeCompare(b.types[0]))).toEqual([
        { types: ["checkout"], status: 202 },
        { types: ["purchase"], status: 400 },
        { types: ["search"], status: 202 },
      ]);
      expect(await page.evaluate(() => (window as any).__vtErrors)).toEqual([expect.stringContaining("answered 400"), expect.stringContaining("answered 400")]);
      const profile = await stored(visitor);
      expect(profile.session).toMatchObject({ checkouts: 1, searches: 1, purchases: 0 });
      expect(profile.totals.orders).toBe(0);
      expectNoPageErrors(errors);
    } finally {
      await context.close();
    }
  }

  it("isolates and drops an event the worker refuses, delivering the rest exactly once", async () => {
    await refusedEventIsIsolated(`${fixture.shop.origin}/p/nc-100`, false);
  });

  it("does the same for a page on the worker's own origin", async () => {
    await refusedEventIsIsolated(`${workerUrl()}/fixture/p/nc-100`, true);
  });

  it("sends what is still queued with keepalive when the page goes away; the next decide repeats it, counted once", async () => {
    const { context, page, errors } = await shopper(fixture.browser);
    // Notes each API request the tab sends, with its keepalive flag, in the tab's sessionStorage.
    await context.addInitScript(() => {
      const send = window.fetch;
      window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
        const sent = JSON.parse(sessionStorage.vtSent ?? "[]");
        sessionStorage.vtSent = JSON.stringify([...sent, { url: String(input), keepalive: init?.keepalive ?? false, body: String(init?.body) }]);
        return send.call(this, input, init);
      } as typeof fetch;
    });
    await watchDecisions(context);
    // The part that would deliver them through collect cannot load on this page: only the page's
    // last request can deliver them.
    await page.route("**/v1/sdk-extra.js", (route) => route.abort());
    await page.goto(`${fixture.shop.origin}/p/nc-100`);
    const { visitor } = await freshDecision(page);
    await page.evaluate(() => {
      (window as any).vitrine.track("purchase", { orderId: "A-1", total: 349 });
      (window as any).vitrine.track("search", { query: "anc" });
    });
    // Stored in IndexedDB (its writes are asynchronous: a page left at once may not have them).
    await expect.poll(() => queued(page), { timeout: 10_000, interval: 50 }).toBe(2);
    await page.unroute("**/v1/sdk-extra.js");
    // Away to a page without the snippet.
    await page.goto(`${fixture.shop.origin}/plain`);
    const sent = JSON.parse(await page.evaluate(() => sessionStorage.vtSent ?? "[]"));
    // Only the request sent while leaving asks for keepalive.
    expect(sent.map((request: any) => [request.url, request.keepalive])).toEqual([
      [`${workerUrl()}/v1/decide`, false],
      [`${workerUrl()}/v1/collect`, true],
    ]);
    const leaving = JSON.parse(sent[1].body).events;
    expect(leaving.map((event: any) => event.type).sort()).toEqual(["purchase", "search"]);
    await expect.poll(async () => (await stored(visitor)).totals.orders, { timeout: 10_000 }).toBe(1);
    expect((await stored(visitor)).orders).toEqual([expect.objectContaining({ id: "A-1", total: 349 })]);
    expect((await stored(visitor)).session.searches).toBe(1);

    // They stay queued, as nothing confirmed them to a page: the next page's decide carries them
    // again, and the worker counts them once.
    const calls = recordCalls(context);
    await page.goto(`${fixture.shop.origin}/c/headphones`);
    await freshDecision(page);
    expect(sentEvents(calls, "/v1/decide").map((event) => event.id)).toEqual(expect.arrayContaining(leaving.map((event: any) => event.id)));
    await expect.poll(() => queued(page), { timeout: 10_000 }).toBe(0);
    const profile = await stored(visitor);
    expect(profile.totals.orders).toBe(1);
    expect(profile.session.searches).toBe(1);
    expectNoPageErrors(errors);
    await context.close();
  });
});
