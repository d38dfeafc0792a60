import { vi } from "vitest";
import { exports } from "cloudflare:workers";
import demoConfig from "@vitrine/demo-store/config";
import { hostKey } from "../src/proxy/hosts";
import { newSite, workerEnv } from "./helpers";

/** The shop's origin in these tests: requests to it never leave the isolate (see `origin`). */
export const ORIGIN = "https://origin.shop.test";
export const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

type Handler = (request: Request) => Response | Promise<Response>;

/**
 * Plays the shop's origin: `fetch` to ORIGIN is answered by `routes` (404 otherwise), every other
 * fetch goes out as usual. Returns the requests the origin saw; call `restore` after the test.
 */
export function origin(routes: Record<string, Handler>) {
  const real = globalThis.fetch;
  /** What the origin got, read while the worker's request is live (its body cannot be read later). */
  const seen: { url: string; method: string; headers: Headers; body: string }[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(ORIGIN + "/")) return real(input, init);
    seen.push({ url: request.url, method: request.method, headers: new Headers(request.headers), body: await request.clone().text() });
    const route = routes[new URL(request.url).pathname];
    return route ? route(request) : new Response("no such page", { status: 404, headers: { "content-type": "text/html" } });
  });
  return { seen, restore: () => spy.mockRestore() };
}

let shops = 0;
/** A fresh proxied site (the demo's config plus `proxy`), with its host published. */
export async function proxiedShop(proxy: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  shops += 1;
  const host = `shop-${Date.now().toString(36)}-${shops}.test`;
  const site = await newSite("px", { ...demoConfig, ...extra, proxy: { origin: ORIGIN, hosts: [host], ...proxy } });
  await workerEnv.CONFIG.put(hostKey(host), site);
  return { site, host, url: (path: string) => `https://${host}${path}` };
}

/** A browser's navigation to `url` through the worker's real fetch handler. */
export function navigate(url: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Response> {
  const request = new Request(url, {
    ...init,
    headers: { accept: "text/html,application/xhtml+xml", "sec-fetch-dest": "document", "user-agent": BROWSER, ...headers },
  });
  return (exports as unknown as { default: Fetcher }).default.fetch(request);
}

/** Any request through the worker's real fetch handler. */
export function send(url: string, init: RequestInit = {}): Promise<Response> {
  return (exports as unknown as { default: Fetcher }).default.fetch(new Request(url, { ...init, headers: { "user-agent": BROWSER, ...(init.headers as Record<string, string>) } }));
}

/** The `vt_id` a response set, if any. */
export function visitorCookie(response: Response): string | undefined {
  return response.headers.getAll("set-cookie").map((c) => /^vt_id=([^;]*)/.exec(c)?.[1]).find((v) => v !== undefined);
}

/** A page as the demo shop's home renders its slots (default hero) and a grid. */
export function shopPage(body = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harbor Goods</title></head>
<body>
<section class="hero" data-vt-slot="hero">
  <img data-vt-image src="/img/hero/default.svg" alt="Default alt" width="1200" height="480">
  <div class="hero-copy">
    <h1 data-vt-headline>New season, made to last</h1>
    <p data-vt-subhead>Default subhead</p>
    <a data-vt-cta class="btn" href="/c/headphones/">Shop now</a>
  </div>
</section>
<ul class="grid" data-vt-sort aria-label="Featured">
<li data-vt-sku="A" data-vt-price="10.00" data-vt-category="Kids > Toys">A</li>
<li data-vt-sku="B" data-vt-price="300.00" data-vt-category="Headphones > Noise-Canceling">B</li>
<li data-vt-sku="C" data-vt-price="50.00" data-vt-category="Men's">C</li>
</ul>
${body}
</body></html>
`;
}

export const html = (body: string, init: ResponseInit = {}) =>
  new Response(body, { ...init, headers: { "content-type": "text/html; charset=utf-8", ...(init.headers as Record<string, string>) } });

/** Site config with a running A/B test on the hero (the men's hero against the default), for the proxied shop. */
export const heroTest = {
  experiments: [
    {
      id: "hero-test",
      name: "Men's hero for everyone",
      status: "running",
      targets: ["hero"],
      arms: [
        { id: "control", control: true, weight: 1 },
        { id: "mens", weight: 1, slots: { hero: "mens" } },
      ],
    },
  ],
};

/** A product page without slots (nothing on it shows the tested hero). */
export const productPage = `<!doctype html><html><head><title>NC-100</title></head><body><h1>NC-100</h1></body></html>`;
