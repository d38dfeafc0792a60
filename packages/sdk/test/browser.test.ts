/**
 * The snippet in real Chromium against a stand-in worker on another origin: a canned decision,
 * every request recorded. Skipped where Debian's chromium is not installed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildSnippet } from "../build.mjs";
import type { Decision, VitrineEvent } from "../src/types";

const CHROMIUM = "/usr/bin/chromium";

type Hit = { method: string; path: string; type?: string; body?: any };

const decision = (over: Partial<Decision> = {}): Decision => ({
  visitor: "v",
  traits: {} as Decision["traits"],
  segments: ["audiophile"],
  hero: {
    variant: "nc-hero",
    rule: "nc-interest",
    image: "/img/nc.svg",
    alt: "Quiet on the train",
    headline: "Silence, on demand",
    subhead: "Noise-canceling picks",
    cta: { label: "Shop noise-canceling", href: "/c/nc" },
  },
  sort: { strategy: "interest", rule: "interest-sort", skus: ["C", "A"] },
  experiments: [],
  explain: ["interest noise-canceling chose the hero", "interest sort"],
  ttl: 300,
  ...over,
});

const page = (edge: string, attrs = "", head = "") => `<!doctype html><html><head><title>NC-100 | Shop</title>
<script>window.vitrine=window.vitrine||function(){(vitrine.q=vitrine.q||[]).push(arguments)}</script>
${head}
<script src="${edge}/v1/sdk.js" data-site="demo" ${attrs} async></script>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"BreadcrumbList","itemListElement":[{"position":1,"name":"Home","item":"/"},{"position":2,"name":"Headphones","item":"/c/h"},{"position":3,"name":"Noise-Canceling","item":"/c/nc"},{"position":4,"name":"NC-100"}]},
 {"@type":"Product","name":"NC-100","sku":"NC-100","offers":{"price":"349.00","priceCurrency":"USD"}}]}</script>
<script type="application/ld+json">{ not json</script>
</head><body>
<section data-vt-slot="hero"><img data-vt-image src="/img/default.svg" alt="default"><h1 data-vt-headline>Default headline</h1><p data-vt-subhead>Default subhead</p><a data-vt-cta href="/all">Shop all</a></section>
<ul data-vt-sort>
 <li data-vt-sku="A" data-vt-price="10" data-vt-category="Headphones > Noise-Canceling" data-vt-added="2026-01-01">A</li>
 <li data-vt-sku="B" data-vt-price="30" data-vt-stock="out">B</li>
 <li data-vt-sku="C" data-vt-price="20">C</li>
</ul>
<pre data-vt-explain></pre>
</body></html>`;

let browser: Browser | undefined;
let shop: Server, edge: Server;
let shopUrl = "", edgeUrl = "";
let hits: Hit[] = [];
/** What the stand-in worker answers to decide: a decision, a status, and a delay in ms. */
let answer: { status: number; body?: unknown; delay?: number } = { status: 200 };
let html = "";
let code = "";

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = "";
    req.on("data", (c) => (s += c));
    req.on("end", () => resolve(s));
  });

const edgeHandler = async (req: IncomingMessage, res: ServerResponse) => {
  const text = await read(req);
  const path = req.url!.split("?")[0]!;
  hits.push({ method: req.method!, path, type: req.headers["content-type"], body: text ? JSON.parse(text) : undefined });
  const cors = { "access-control-allow-origin": shopUrl };
  if (path == "/v1/sdk.js") return res.writeHead(200, { "content-type": "application/javascript" }).end(code);
  if (path == "/v1/collect" && JSON.stringify(text).includes("bogus")) return res.writeHead(400, cors).end('{"error":{"status":400}}');
  if (path == "/v1/collect") return res.writeHead(202, { ...cors, "content-type": "application/json" }).end('{"accepted":1,"duplicates":0}');
  if (path == "/v1/decide") {
    const { status, body, delay } = answer;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    return res.writeHead(status, { ...cors, "content-type": "application/json" }).end(JSON.stringify(body ?? decision()));
  }
  res.writeHead(404, cors).end();
};

const events = (path = "") => hits.filter((h) => !path || h.path == path).flatMap((h) => (h.body?.events ?? []) as VitrineEvent[]);

async function open(context: BrowserContext, path = "/p/nc-100"): Promise<Page> {
  const p = await context.newPage();
  p.on("pageerror", (e) => {
    throw e;
  });
  await p.goto(shopUrl + path);
  return p;
}

const queued = (p: Page) =>
  p.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const o = indexedDB.open("vitrine");
        o.onsuccess = () => {
          const count = o.result.transaction("q").objectStore("q").count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );

const text = (p: Page, sel: string) => p.locator(sel).first().textContent();
const order = (p: Page) => p.$$eval("[data-vt-sort] > li", (li) => li.map((x) => x.textContent));

describe.skipIf(!existsSync(CHROMIUM))("snippet in Chromium", { timeout: 20_000 }, () => {
  beforeAll(async () => {
    code = await buildSnippet();
    edge = createServer(edgeHandler);
    edgeUrl = await listen(edge);
    shop = createServer((req, res) => {
      if (req.url!.startsWith("/img/")) return res.writeHead(200, { "content-type": "image/svg+xml" }).end("<svg xmlns='http://www.w3.org/2000/svg'/>");
      res.writeHead(200, { "content-type": "text/html" }).end(html);
    });
    shopUrl = await listen(shop);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    shop?.close();
    edge?.close();
  });

  beforeEach(() => {
    hits = [];
    answer = { status: 200 };
    html = page(edgeUrl);
  });

  it("records the product view with decide, applies the decision and caches it", async () => {
    const context = await browser!.newContext();
    const p = await open(context, "/p/nc-100?email=ann@example.com&utm_source=news");
    await p.waitForSelector("[data-vt-slot=hero][data-vt-variant=nc-hero]");

    expect(await p.getAttribute("[data-vt-image]", "src")).toBe("/img/nc.svg");
    expect(await p.getAttribute("[data-vt-image]", "alt")).toBe("Quiet on the train");
    expect(await text(p, "[data-vt-headline]")).toBe("Silence, on demand");
    expect(await text(p, "[data-vt-subhead]")).toBe("Noise-canceling picks");
    expect(await text(p, "[data-vt-cta]")).toBe("Shop noise-canceling");
    expect(await p.getAttribute("[data-vt-cta]", "href")).toBe("/c/nc");
    expect(await order(p)).toEqual(["C", "A", "B"]);
    expect(await p.getAttribute("[data-vt-sort]", "data-vt-variant")).toBe("interest");
    expect(await text(p, "[data-vt-explain]")).toBe("interest noise-canceling chose the hero\ninterest sort");

    const decide = hits.find((h) => h.path == "/v1/decide")!;
    expect(hits.some((h) => h.method == "OPTIONS")).toBe(false);
    expect(decide.type).toMatch(/^text\/plain/);
    expect(decide.body).toMatchObject({
      site: "demo",
      visitor: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      url: `${shopUrl}/p/nc-100?email=redacted&utm_source=news`,
      products: [
        { sku: "A", price: 10, categories: ["Headphones", "Noise-Canceling"], inStock: true, addedAt: Date.parse("2026-01-01") },
        { sku: "B", price: 30, categories: [], inStock: false },
        { sku: "C", price: 20, categories: [], inStock: true },
      ],
    });
    expect(decide.body.events).toEqual([
      {
        id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
        ts: expect.any(Number),
        type: "product_view",
        url: `${shopUrl}/p/nc-100?email=redacted&utm_source=news`,
        referrer: "",
        title: "NC-100 | Shop",
        product: { sku: "NC-100", price: 349, currency: "USD", categories: ["Headphones", "Noise-Canceling"] },
        categories: ["Headphones", "Noise-Canceling"],
      },
    ]);

    const stored = await p.evaluate(() => ({ id: localStorage.vt_id, dec: JSON.parse(localStorage.vt_dec) }));
    expect(stored.id).toBe(decide.body.visitor);
    expect(stored.dec.d.hero.variant).toBe("nc-hero");
    await context.close();
  });

  it("applies the cached decision before the worker answers, sorting price_desc from the markup", async () => {
    const context = await browser!.newContext();
    answer = { status: 200, body: decision({ sort: { strategy: "price_desc", rule: "big", skus: ["A"] } }) };
    const first = await open(context);
    await first.waitForSelector("[data-vt-sort][data-vt-variant=price_desc]");
    await first.close();

    answer = { status: 200, delay: 900, body: decision({ hero: { ...decision().hero, variant: "fresh", headline: "Fresh" } }) };
    const p = await open(context, "/c/headphones");
    // goto resolves at load: the worker has not answered yet.
    expect(await text(p, "[data-vt-headline]")).toBe("Silence, on demand");
    expect(await p.getAttribute("[data-vt-slot=hero]", "data-vt-variant")).toBe("nc-hero");
    expect(await order(p)).toEqual(["B", "C", "A"]);
    await p.waitForSelector("[data-vt-slot=hero][data-vt-variant=fresh]");
    expect(await order(p)).toEqual(["C", "A", "B"]);
    await context.close();
  });

  it("replays stub calls, tracks, identifies with a hash and follows SPA navigation", async () => {
    html = page(edgeUrl, "", `<script>vitrine("track", "add_to_cart", { sku: "NC-100", price: 349 })</script>`);
    const context = await browser!.newContext();
    const p = await open(context);
    await p.waitForSelector("[data-vt-variant=nc-hero]");
    await p.evaluate(() => (window as any).vitrine.identify("customer-42"));
    await expect.poll(() => events("/v1/collect").map((e) => e.type)).toEqual(expect.arrayContaining(["add_to_cart", "identify"]));
    const cart = events("/v1/collect").find((e) => e.type == "add_to_cart")!;
    expect(cart.product).toMatchObject({ sku: "NC-100", price: 349 });
    const user = events("/v1/collect").find((e) => e.type == "identify")!.user!;
    const expected = await p.evaluate(async () => {
      const h = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("customer-42")));
      return btoa(String.fromCharCode(...h)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    });
    expect(user).toBe(expected);

    await p.evaluate(() => history.pushState({}, "", "/c/headphones?utm_campaign=x"));
    await expect.poll(() => hits.filter((h) => h.path == "/v1/decide").length).toBe(2);
    const second = hits.filter((h) => h.path == "/v1/decide")[1]!.body.events[0];
    expect(second).toMatchObject({ url: `${shopUrl}/c/headphones?utm_campaign=x`, referrer: `${shopUrl}/p/nc-100` });
    await p.evaluate(() => history.replaceState({}, "", "/c/headphones?utm_campaign=x#reviews"));
    await p.waitForTimeout(100);
    expect(hits.filter((h) => h.path == "/v1/decide")).toHaveLength(2);
    await context.close();
  });

  it("keeps the default content and queues the page view when decide fails", async () => {
    answer = { status: 503 };
    const context = await browser!.newContext();
    const errors: unknown[] = [];
    const p = await context.newPage();
    await p.exposeFunction("vtError", (m: string) => errors.push(m));
    await p.addInitScript(() => document.addEventListener("vitrine:error", (e) => (window as any).vtError(String((e as CustomEvent).detail))));
    await p.goto(shopUrl + "/p/nc-100");
    await expect.poll(() => hits.some((h) => h.path == "/v1/collect")).toBe(true);
    expect(await text(p, "[data-vt-headline]")).toBe("Default headline");
    expect(await order(p)).toEqual(["A", "B", "C"]);
    expect(errors[0]).toContain("POST /v1/decide answered 503");
    // The page view went out again through collect, same id.
    const [viaDecide] = hits.find((h) => h.path == "/v1/decide")!.body.events;
    expect(events("/v1/collect").map((e) => e.id)).toContain(viaDecide.id);
    // ...and left the queue after the 202.
    await expect.poll(() => queued(p)).toBe(0);
    await context.close();
  });

  it("holds events while offline and delivers them when the browser is back online", async () => {
    const context = await browser!.newContext();
    const p = await open(context);
    await p.waitForSelector("[data-vt-variant=nc-hero]");
    await context.setOffline(true);
    await p.evaluate(() => (window as any).vitrine.track("search", { query: "anc" }));
    await p.waitForTimeout(800);
    expect(await queued(p)).toBe(1);
    expect(events("/v1/collect")).toEqual([]);
    await context.setOffline(false);
    await expect.poll(() => events("/v1/collect").map((e) => e.type)).toEqual(["search"]);
    await expect.poll(() => queued(p)).toBe(0);
    await context.close();
  });

  it("isolates and drops an event the worker refuses, delivering the rest", async () => {
    const context = await browser!.newContext();
    const p = await open(context);
    await p.waitForSelector("[data-vt-variant=nc-hero]");
    await p.evaluate(() => {
      const v = (window as any).vitrine;
      v.track("checkout");
      v.track("bogus");
      v.track("search", { query: "x" });
    });
    await expect.poll(() => queued(p)).toBe(0);
    const accepted = hits.filter((h) => h.path == "/v1/collect" && !JSON.stringify(h.body).includes("bogus"));
    expect(accepted.flatMap((h) => h.body.events.map((e: VitrineEvent) => e.type)).sort()).toEqual(["checkout", "search"]);
    await context.close();
  });

  it("sends what is still queued with a beacon when the page goes away", async () => {
    const context = await browser!.newContext();
    const p = await open(context);
    await p.waitForSelector("[data-vt-variant=nc-hero]");
    await p.evaluate(() => (window as any).vitrine.track("purchase", { orderId: "A-1", total: 349 }));
    await p.goto("about:blank");
    await expect.poll(() => events("/v1/collect").map((e) => e.type)).toContain("purchase");
    expect(hits.find((h) => h.path == "/v1/collect")!.type).toMatch(/^text\/plain/);
    await context.close();
  });

  it("sends and stores nothing under Global Privacy Control", async () => {
    const context = await browser!.newContext();
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
    const p = await open(context);
    await p.evaluate(() => (window as any).vitrine.track("search", { query: "x" }));
    await p.waitForTimeout(700);
    expect(hits.filter((h) => h.path != "/v1/sdk.js")).toEqual([]);
    expect(await p.evaluate(() => localStorage.length)).toBe(0);
    expect(await p.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    expect(await text(p, "[data-vt-headline]")).toBe("Default headline");
    await context.close();
  });

  it("waits for consent in consent mode, then sends a consent event; withdrawing clears storage", async () => {
    html = page(edgeUrl, 'data-consent="required"');
    const context = await browser!.newContext();
    const p = await open(context);
    await p.waitForTimeout(500);
    expect(hits.filter((h) => h.path != "/v1/sdk.js")).toEqual([]);
    expect(await p.evaluate(() => localStorage.length)).toBe(0);

    await p.evaluate(() => (window as any).vitrine.consent(true));
    await p.waitForSelector("[data-vt-variant=nc-hero]");
    await expect.poll(() => events().map((e) => e.type)).toEqual(expect.arrayContaining(["consent", "product_view"]));
    expect(events().find((e) => e.type == "consent")!.granted).toBe(true);

    await p.evaluate(() => (window as any).vitrine.consent(false));
    await expect.poll(() => events().filter((e) => e.type == "consent").map((e) => e.granted)).toEqual([true, false]);
    expect(await p.evaluate(() => ({ ...localStorage }))).toEqual({ vt_ok: "0" });
    await expect.poll(() => p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
    await context.close();
  });

  it("hides the slots with a guard until decided, with the page's nonce", async () => {
    html = page(edgeUrl, 'data-guard="2000" data-nonce="n0nce"');
    answer = { status: 200, delay: 600 };
    const context = await browser!.newContext();
    const p = await open(context);
    expect(await p.$eval("[data-vt-slot]", (e) => getComputedStyle(e).visibility)).toBe("hidden");
    expect(await p.$eval("style", (s) => s.nonce)).toBe("n0nce");
    await p.waitForSelector("[data-vt-variant=nc-hero]");
    expect(await p.$eval("[data-vt-slot]", (e) => getComputedStyle(e).visibility)).toBe("visible");
    await context.close();
  });
});
