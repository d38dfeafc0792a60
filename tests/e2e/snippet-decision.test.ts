/**
 * The snippet's decisions in Chromium against the real worker (`wrangler dev`, from the global
 * setup): how it asks, what it applies, what it caches, the page's anti-flicker CSS, and a
 * failing decide.
 *
 * The pages come from the fixture shop (`support/fixture-shop.ts`): a node server on its own
 * 127.0.0.1 origin whose pages load `${workerUrl}/v1/sdk.js`, so every call is cross-origin as
 * on a real shop. Its site (`fixture-shop`) is the demo's config with that origin allowed,
 * stored through the admin API; the decisions asserted here are what that config decides.
 * What a page showed before the worker answered is recorded as the snippet sends its decide
 * (`watchShown`); a failing worker is a 503 injected on the network with playwright's `route`.
 */
import { describe, expect, it } from "vitest";
import { exportVisitor, workerUrl } from "../support/worker-api";
import { expectNoPageErrors, freshDecision, heroVariant, queued, shopper, watchDecisions } from "../support/shop";
import { SITE, gridOrder, heroes, recordCalls, shownAtDecide, shownNow, watchPreflights, watchShown, useFixtureShop } from "../support/fixture-shop";

const fixture = useFixtureShop();

/** Visitor and event ids: `crypto.randomUUID()`. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The anti-flicker recipe of packages/sdk/README.md, revealing on its own after `ms`. */
const antiFlicker = (ms: number) =>
  `<style>[data-vt-slot]:not([data-vt-variant]),[data-vt-sort]:not([data-vt-variant]){visibility:hidden;animation:vt-reveal 0s ${ms}ms forwards}@keyframes vt-reveal{to{visibility:visible}}</style>`;

describe("the snippet asks the worker and applies its decision", () => {
  it("records the product view with decide from another origin, applies the decision and caches it", async () => {
    const { context, page, errors } = await shopper(fixture.browser);
    await watchDecisions(context);
    const calls = recordCalls(context);
    const preflights = await watchPreflights(page);
    const scrubbed = `${fixture.shop.origin}/p/nc-100?email=redacted&utm_source=news`;
    const started = Date.now();
    await page.goto(`${fixture.shop.origin}/p/nc-100?email=ann@example.com&utm_source=news`);
    const decision = await freshDecision(page);

    // What the worker decided for one noise-canceling product view under the demo's rules.
    const reason = { rule: "interest-noise-canceling", basis: "interest", interest: "noise-canceling" };
    expect(decision.hero).toEqual({ variant: "noise-canceling", rule: "interest-noise-canceling", reason, ...heroes["noise-canceling"] });
    expect(decision.sort).toEqual({ strategy: "interest", rule: "interest-noise-canceling", reason, skus: ["C", "A", "B"] });
    expect(calls.map((call) => call.path)).toEqual(["/v1/decide"]);
    const [decide] = calls;
    expect(await (await decide!.request.response())!.json()).toEqual(decision);

    // ...and what the page shows.
    await heroVariant(page, "noise-canceling");
    expect(await page.getAttribute("[data-vt-image]", "src")).toBe(heroes["noise-canceling"].image);
    expect(await page.getAttribute("[data-vt-image]", "alt")).toBe(heroes["noise-canceling"].alt);
    expect(await page.textContent("[data-vt-headline]")).toBe(heroes["noise-canceling"].headline);
    expect(await page.textContent("[data-vt-subhead]")).toBe(heroes["noise-canceling"].subhead);
    expect(await page.textContent("[data-vt-cta]")).toBe(heroes["noise-canceling"].cta.label);
    expect(await page.getAttribute("[data-vt-cta]", "href")).toBe(heroes["noise-canceling"].cta.href);
    // The tile without a sku keeps its place after the cards the worker ordered.
    expect(await gridOrder(page)).toEqual(["C", "A", "B", "promo"]);
    expect(await page.getAttribute("[data-vt-sort]", "data-vt-variant")).toBe("interest");
    // Written by the lazy part, which a decision with explain lines loads.
    await expect.poll(() => page.textContent("[data-vt-explain]"), { timeout: 10_000 }).toBe(decision.explain.join("\n"));

    // One simple request: text/plain, no CORS preflight.
    expect(preflights).toEqual([]);
    expect(decide!.method).toBe("POST");
    expect(decide!.type).toMatch(/^text\/plain/);
    expect(decide!.body).toEqual({
      site: SITE,
      visitor: expect.stringMatching(UUID),
      // The browser's clock as it sent the request: the worker corrects event times by its skew.
      sentAt: expect.any(Number),
      events: [
        {
          id: expect.stringMatching(UUID),
          ts: expect.any(Number),
          // A page view with the page's JSON-LD, pruned to what the worker reads (no @context, no
          // positions) and without the invalid script: the worker makes it a product view.
          type: "page_view",
          url: scrubbed,
          referrer: "",
          ld: [
            {
              "@graph": [
                {
                  "@type": "BreadcrumbList",
                  itemListElement: [
                    { name: "Home", item: "/" },
                    { name: "Headphones", item: "/c/h" },
                    { name: "Noise-Canceling", item: "/c/nc" },
                    { name: "NC-100" },
                  ],
                },
                { "@type": "Product", name: "NC-100", sku: "NC-100", offers: { price: "349.00", priceCurrency: "USD" } },
              ],
            },
          ],
        },
      ],
      products: [
        { sku: "A", price: 10, categories: [], inStock: true, addedAt: Date.parse("2026-01-01") },
        { sku: "B", price: 30, categories: [], inStock: false },
        { sku: "C", price: 20, categories: ["Headphones", "Noise-Canceling"], inStock: true },
      ],
      // The slots the page carries (the grid as "sort"), and the reasons the explain element wants.
      slots: ["hero", "offer", "sort"],
      explain: true,
    });
    // A slot the decision does not name keeps its markup: the offer stays hidden.
    expect(await page.isHidden("[data-vt-slot=offer]")).toBe(true);

    const stored = await page.evaluate(() => ({ id: localStorage.vt_id, dec: JSON.parse(localStorage.vt_dec) }));
    expect(stored.id).toBe(decide!.body.visitor);
    expect(decide!.body.sentAt).toBeGreaterThanOrEqual(started);
    expect(decide!.body.sentAt).toBeLessThanOrEqual(Date.now());
    expect(stored.dec.d).toEqual(decision);
    expect(stored.dec.x).toBeGreaterThanOrEqual(started + decision.ttl * 1000);
    expect(stored.dec.x).toBeLessThanOrEqual(Date.now() + decision.ttl * 1000);

    const { profile } = (await exportVisitor(stored.id, SITE))!;
    // The worker read the JSON-LD: a product view, "Home" and the product's own crumb dropped.
    expect(profile.session).toMatchObject({ pageViews: 1, productViews: 1, distinctProducts: ["NC-100"] });
    expect(Object.keys(profile.interests).sort()).toEqual(["headphones", "noise-canceling"]);
    expect(profile.firstSource.source).toBe("news");
    expectNoPageErrors(errors);
    await context.close();
  });

  it("carries a purchase on the next decide, and applies the cached decision by the worker's sort rule", async () => {
    const { context, page, errors } = await shopper(fixture.browser);
    await watchDecisions(context);
    await watchShown(context);
    const calls = recordCalls(context);
    await page.goto(`${fixture.shop.origin}/p/nc-100`);
    const { visitor } = await freshDecision(page);

    // A purchase over the demo's $250 fallback threshold, and at once a new page view: the
    // purchase rides on its decide, so the decision already sees a big spender.
    await page.evaluate(() => {
      (window as any).__vtFresh = null;
      (window as any).vitrine.track("purchase", { orderId: "BIG-1", total: 2999 });
      (window as any).vitrine.page();
    });
    const big = await freshDecision(page);
    const decides = calls.filter((call) => call.path === "/v1/decide");
    expect(decides).toHaveLength(2);
    expect(decides[1]!.body.events.map((event: any) => [event.type, event.order?.id])).toEqual([
      ["page_view", undefined],
      ["purchase", "BIG-1"],
    ]);
    expect(big.hero.variant).toBe("big-spender");
    expect(big.sort).toEqual({ strategy: "price_desc", rule: "big-spenders-price-desc", reason: expect.objectContaining({ basis: "segment" }), skus: ["C", "A", "B"] });
    expect(await gridOrder(page)).toEqual(["C", "A", "B", "promo"]);
    // Delivered with the decide, the purchase left the queue and counts once.
    await expect.poll(() => queued(page), { timeout: 10_000 }).toBe(0);
    expect((await exportVisitor(visitor, SITE))!.profile.totals.orders).toBe(1);

    await page.goto(`${fixture.shop.origin}/c/headphones`);
    const fresh = await freshDecision(page);
    const hero = { variant: "big-spender", image: heroes["big-spender"].image, headline: heroes["big-spender"].headline };
    // As the decide left: the cached decision applied, no answer yet. Its sku order belongs to
    // another page, so price_desc is applied from data-vt-price by the worker's rule: in stock
    // first, dearest first; B, the dearest but out of stock, last; the promo tile after the cards.
    expect(await shownAtDecide(page)).toEqual([
      { ...hero, grid: ["C", "A", "B", "promo"], gridVariant: "price_desc", visibility: ["visible", "visible"], fresh: null, decision: big },
    ]);
    // Then the worker's decision for this page replaces it, in the same order.
    expect(fresh.sort.skus).toEqual(["C", "A", "B"]);
    expect(await shownNow(page)).toEqual({ ...hero, grid: ["C", "A", "B", "promo"], gridVariant: "price_desc", visibility: ["visible", "visible"], fresh, decision: fresh });
    expectNoPageErrors(errors);
    await context.close();
  });

  it("hides the slots with the page's anti-flicker CSS until decided, which reveals them by itself without the snippet", async () => {
    fixture.shop.options = { head: antiFlicker(10_000) };
    const { context, page, errors } = await shopper(fixture.browser);
    await watchShown(context);
    await page.goto(`${fixture.shop.origin}/p/nc-100`);
    await heroVariant(page, "noise-canceling");
    // Hidden as the decide left; shown by the decision, long before the recipe's own 10 s.
    expect((await shownAtDecide(page)).map(({ visibility }) => visibility)).toEqual([["hidden", "hidden"]]);
    expect((await shownNow(page)).visibility).toEqual(["visible", "visible"]);
    expectNoPageErrors(errors);
    await context.close();

    // Without the snippet (blocked here), the slots show after the recipe's delay, default content.
    fixture.shop.options = { head: antiFlicker(400) };
    const blocked = await shopper(fixture.browser);
    await watchShown(blocked.context);
    await blocked.context.route(`${workerUrl()}/v1/sdk.js`, (route) => route.abort());
    await blocked.page.goto(`${fixture.shop.origin}/p/nc-100`);
    // Each element's reveal counts from when it was styled: the grid, parsed after the hero, may follow it by a moment.
    await blocked.page.waitForFunction(() => [...document.querySelectorAll("[data-vt-slot=hero], [data-vt-sort]")].every((el) => getComputedStyle(el).visibility === "visible"), undefined, { timeout: 5_000 });
    expect(await shownNow(blocked.page)).toMatchObject({ variant: null, headline: "Default headline", visibility: ["visible", "visible"] });
    await blocked.context.close();
  });

  // A 429 is no refusal of the events: like a 5xx, they wait and are sent again.
  it.each([503, 429])("keeps the default content when decide answers %i and sends the page view through collect, once", async (status) => {
    const { context, page, errors } = await shopper(fixture.browser);
    await watchShown(context);
    const calls = recordCalls(context);
    // An answer the page can read (with CORS), so the snippet sees the status, not a network error.
    await context.route(`${workerUrl()}/v1/decide`, (route) =>
      route.fulfill({
        status,
        headers: { "access-control-allow-origin": fixture.shop.origin, "access-control-expose-headers": "retry-after", "retry-after": "1" },
        contentType: "application/json",
        body: `{"error":{"status":${status}}}`,
      }),
    );
    await page.addInitScript(() => {
      (window as any).__vtErrors = [];
      document.addEventListener("vitrine:error", (event) => (window as any).__vtErrors.push(String((event as CustomEvent).detail)));
    });
    await page.goto(`${fixture.shop.origin}/p/nc-100`);

    await expect.poll(() => calls.filter((call) => call.path === "/v1/collect").length, { timeout: 10_000 }).toBe(1);
    const [decide, collect] = [calls.find((call) => call.path === "/v1/decide")!, calls.find((call) => call.path === "/v1/collect")!];
    expect((await collect.request.response())!.status()).toBe(202);
    // The same page view, same id, went out again through collect...
    expect(collect.body.events).toEqual(decide.body.events);
    // ...and left the queue after the 202.
    await expect.poll(() => queued(page)).toBe(0);
    expect(await page.evaluate(() => (window as any).__vtErrors)).toEqual([expect.stringContaining(`POST /v1/decide answered ${status}`)]);

    expect(await shownNow(page)).toMatchObject({ variant: null, image: "/img/default.svg", headline: "Default headline", grid: ["A", "promo", "B", "C"], gridVariant: null, decision: null });
    const { profile } = (await exportVisitor(decide.body.visitor, SITE))!;
    expect(profile.session).toMatchObject({ pageViews: 1, productViews: 1, distinctProducts: ["NC-100"] });
    expectNoPageErrors(errors);
    await context.close();
  });

  it("keeps the events when decide answers the fallback default (nothing recorded) and sends them through collect", async () => {
    const { context, page, errors } = await shopper(fixture.browser);
    await watchDecisions(context);
    const calls = recordCalls(context);
    // What decide answers when it could not record in time: the default content, reason basis
    // "fallback". Here the worker is asked without the events (so it records none) and its
    // answer is given that basis, part by part.
    await context.route(`${workerUrl()}/v1/decide`, async (route) => {
      const body = route.request().postDataJSON();
      const response = await route.fetch({ postData: JSON.stringify({ ...body, events: [] }) });
      const decision = await response.json();
      const fallback = (part: any) => part && { ...part, reason: { ...part.reason, basis: "fallback" } };
      decision.hero = fallback(decision.hero);
      decision.sort = fallback(decision.sort);
      decision.slots = Object.fromEntries(Object.entries(decision.slots).map(([id, part]) => [id, fallback(part)]));
      await route.fulfill({ response, json: decision });
    });
    await page.goto(`${fixture.shop.origin}/p/nc-100`);
    const decision = await freshDecision(page);
    expect(decision.hero.reason.basis).toBe("fallback");

    // The page view the worker never recorded goes out again, same id, through collect...
    await expect.poll(() => calls.filter((call) => call.path === "/v1/collect").length, { timeout: 10_000 }).toBe(1);
    const [decide, collect] = [calls.find((call) => call.path === "/v1/decide")!, calls.find((call) => call.path === "/v1/collect")!];
    expect((await collect.request.response())!.status()).toBe(202);
    expect(collect.body.events).toEqual(decide.body.events);
    await expect.poll(() => queued(page)).toBe(0);
    // ...and reaches the profile.
    const { profile } = (await exportVisitor(decide.body.visitor, SITE))!;
    expect(profile.session).toMatchObject({ pageViews: 1, productViews: 1, distinctProducts: ["NC-100"] });
    expectNoPageErrors(errors);
    await context.close();
  });
});
