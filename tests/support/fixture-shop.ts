import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { launch } from "./browser";
import demoConfig from "@vitrine/demo-store/config";
import { putSiteConfig, workerUrl } from "./worker-api";

/** The site the fixture pages load the snippet for: the demo's config, with the fixture's origin allowed. */
export const SITE = "fixture-shop";
export const heroes = demoConfig.heroes;

/** How a fixture page's script tag and head differ from the plain one. */
export interface PageOptions {
  /** Extra attributes on the snippet's script tag, e.g. `data-consent="required"`. */
  attrs?: string;
  /** Extra markup in `<head>` after the inline stub, e.g. stub calls. */
  head?: string;
  /** A Content-Security-Policy header for the page. */
  csp?: string;
}

const PRODUCT_LD = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"BreadcrumbList","itemListElement":[{"position":1,"name":"Home","item":"/"},{"position":2,"name":"Headphones","item":"/c/h"},{"position":3,"name":"Noise-Canceling","item":"/c/nc"},{"position":4,"name":"NC-100"}]},
 {"@type":"Product","name":"NC-100","sku":"NC-100","offers":{"price":"349.00","priceCurrency":"USD"}}]}</script>
<script type="application/ld+json">{ not json</script>`;

const CATEGORY_LD = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[
 {"position":1,"name":"Home","item":"/"},{"position":2,"name":"Headphones","item":"/c/h"}]}</script>`;

/**
 * A shop page with every kind of slot: a product page under `/p/`, a category page otherwise.
 * The hero; an `offer` slot hidden until a decision fills it; a grid whose markup order is A,
 * promo tile (no sku), B (out of stock), C, only C in a category; an explanation.
 */
export function fixturePage(path: string, options: PageOptions = {}, site = SITE): string {
  const product = path.startsWith("/p/");
  return `<!doctype html><html><head><title>${product ? "NC-100" : "Headphones"} | Shop</title>
<script>window.vitrine=window.vitrine||function(){(vitrine.q=vitrine.q||[]).push(arguments)}</script>
${options.head ?? ""}
<script src="${workerUrl()}/v1/sdk.js" data-site="${site}" ${options.attrs ?? ""} async></script>
${product ? PRODUCT_LD : CATEGORY_LD}
</head><body>
<section data-vt-slot="hero"><img data-vt-image src="/img/default.svg" alt="default"><h1 data-vt-headline>Default headline</h1><p data-vt-subhead>Default subhead</p><a data-vt-cta href="/all">Shop all</a></section>
<aside data-vt-slot="offer" hidden><p data-vt-headline>Offer</p><p data-vt-text>Only when a decision has one</p></aside>
<ul data-vt-sort>
 <li data-vt-sku="A" data-vt-price="10" data-vt-added="2026-01-01">A</li>
 <li>promo</li>
 <li data-vt-sku="B" data-vt-price="30" data-vt-stock="out">B</li>
 <li data-vt-sku="C" data-vt-price="20" data-vt-category="Headphones > Noise-Canceling">C</li>
</ul>
<pre data-vt-explain></pre>
</body></html>`;
}

/** The fixture shop's server: its origin, the options of the pages it serves next, and close. */
export interface FixtureShop {
  origin: string;
  options: PageOptions;
  close(): Promise<void>;
}

/**
 * Serves the fixture pages from their own origin on 127.0.0.1 — `/plain` without the snippet,
 * images as empty SVGs — and stores the site's config through the admin API with that origin allowed.
 */
export async function startFixtureShop(): Promise<FixtureShop> {
  const shop: FixtureShop = { origin: "", options: {}, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname;
    if (path.startsWith("/img/")) return res.writeHead(200, { "content-type": "image/svg+xml" }).end("<svg xmlns='http://www.w3.org/2000/svg'/>");
    if (path === "/plain") return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>No snippet</title><p>No snippet here.</p>");
    const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
    if (shop.options.csp) headers["content-security-policy"] = shop.options.csp;
    res.writeHead(200, headers).end(fixturePage(path, shop.options));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  shop.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  shop.close = () => new Promise((resolve) => server.close(() => resolve()));
  await putSiteConfig({ ...demoConfig, site: SITE, origins: [...demoConfig.origins, shop.origin] });
  return shop;
}

/** Serves the fixture pages under `${workerUrl}/fixture/…`: the snippet on the worker's own origin. */
export async function serveAtWorker(context: BrowserContext, options: PageOptions = {}): Promise<void> {
  await context.route(`${workerUrl()}/fixture/**`, (route) =>
    route.fulfill({ body: fixturePage(new URL(route.request().url()).pathname.replace(/^\/fixture/, ""), options), contentType: "text/html" }),
  );
}

/** A call the page made to the worker's API, with its parsed body. */
export interface Call {
  method: string;
  path: string;
  type: string | undefined;
  body: any;
  request: Request;
}

/** Records every API call (not the scripts) the context's pages send to the worker. */
export function recordCalls(context: BrowserContext): Call[] {
  const calls: Call[] = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== workerUrl() || !url.pathname.startsWith("/v1/") || /^\/v1\/sdk(-extra)?\.js$/.test(url.pathname)) return;
    const text = request.postData();
    calls.push({ method: request.method(), path: url.pathname, type: request.headers()["content-type"], body: text ? JSON.parse(text) : undefined, request });
  });
  return calls;
}

/** The events the recorded calls carried, to one endpoint or to any. */
export const sentEvents = (calls: Call[], path?: string): any[] => calls.filter((call) => !path || call.path === path).flatMap((call) => call.body?.events ?? []);

/** CORS preflights (OPTIONS) the page sends; playwright's own request events leave them out. */
export async function watchPreflights(page: Page): Promise<string[]> {
  const preflights: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", (event) => {
    if (event.request.method === "OPTIONS") preflights.push(event.request.url);
  });
  return preflights;
}

/** What a fixture page shows, as `window.__vtShown()` reports it. */
export interface Shown {
  variant: string | null;
  image: string | null;
  headline: string | null;
  grid: (string | null)[];
  gridVariant: string | null;
  /** Computed visibility of the hero slot and of the grid. */
  visibility: [string, string];
  /** The last decision from the worker (`watchDecisions`), null before it. */
  fresh: any;
  /** `vitrine.decision`: the cached decision until the worker's arrives. */
  decision: any;
}

/**
 * Gives the context's pages `window.__vtShown()` (see {@link Shown}) and records it in
 * `window.__vtAtDecide` at the moment the snippet sends each `/v1/decide`: what the page showed
 * before the worker could answer, without racing the snippet's 1.5 s decide timeout.
 */
export async function watchShown(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as any;
    w.__vtShown = () => {
      const hero = document.querySelector("[data-vt-slot=hero]")!;
      const grid = document.querySelector("[data-vt-sort]")!;
      return {
        variant: hero.getAttribute("data-vt-variant"),
        image: hero.querySelector("[data-vt-image]")!.getAttribute("src"),
        headline: hero.querySelector("[data-vt-headline]")!.textContent,
        grid: [...grid.children].map((li) => li.textContent),
        gridVariant: grid.getAttribute("data-vt-variant"),
        visibility: [getComputedStyle(hero).visibility, getComputedStyle(grid).visibility],
        fresh: w.__vtFresh ?? null,
        decision: w.vitrine?.decision ?? null,
      };
    };
    w.__vtAtDecide = [];
    const send = w.fetch;
    w.fetch = function (this: unknown, ...args: unknown[]) {
      if (String(args[0]).endsWith("/v1/decide")) w.__vtAtDecide.push(w.__vtShown());
      return send.apply(this, args);
    };
  });
}

/** What the page shows now, and what it showed as each decide left. */
export const shownNow = (page: Page): Promise<Shown> => page.evaluate(() => (window as any).__vtShown());
export const shownAtDecide = (page: Page): Promise<Shown[]> => page.evaluate(() => (window as any).__vtAtDecide);

/** The page's grid, by card text, in display order. */
export const gridOrder = (page: Page): Promise<(string | null)[]> => page.$$eval("[data-vt-sort] > li", (items) => items.map((li) => li.textContent));

/**
 * Registers the hooks every fixture-shop test file needs: one browser and one fixture shop for
 * the file, the shop's per-test options reset before each test.
 * @example const fixture = useFixtureShop(); … await shopper(fixture.browser)
 */
export function useFixtureShop(): { browser: Browser; shop: FixtureShop } {
  const fixture = {} as { browser: Browser; shop: FixtureShop };
  beforeAll(async () => {
    fixture.browser = await launch();
    fixture.shop = await startFixtureShop();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.shop?.close();
  });
  beforeEach(() => {
    if (fixture.shop) fixture.shop.options = {};
  });
  return fixture;
}
