import { afterEach, describe, expect, it } from "vitest";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import worker from "../src/index";
import { ADMIN, call, collect, ev, newVisitor, workerEnv } from "./helpers";
import { BROWSER, html, origin, proxiedShop, shopPage } from "./proxy-origin";

let restore = () => {};
afterEach(() => restore());

type Live = { visitors: { day: number }; served: { part: string; rule: string; variant: string; day: number }[] };
const live = async (site: string) => (await (await call("GET", `/v1/sites/${site}/live`, undefined, { headers: ADMIN })).json()) as Live;
const heroServed = (numbers: Live, rule: string) => numbers.served.find((s) => s.part === "hero" && s.rule === rule)?.day ?? 0;

/**
 * A request through the worker's fetch handler with an execution context of the test's own: it
 * answers once the response was read to its end and all the work it left behind (`waitUntil`:
 * exposures, live numbers) has finished, so the counts read after it are final.
 */
async function settled(url: string, init: { cookie?: string; ua?: string; method?: string; body?: unknown } = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { "user-agent": init.ua ?? BROWSER, ...(init.cookie && { cookie: init.cookie }) };
  if (init.method === "POST") Object.assign(headers, { "content-type": "text/plain;charset=UTF-8", origin: new URL(url).origin });
  else Object.assign(headers, { accept: "text/html,application/xhtml+xml", "sec-fetch-dest": "document" });
  const request = new Request(url, { method: init.method ?? "GET", headers, ...(init.body !== undefined && { body: JSON.stringify(init.body) }) });
  const res = await worker.fetch(request as Parameters<typeof worker.fetch>[0], workerEnv, ctx);
  await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return res;
}

describe("proxy mode counts its page views in the live numbers", () => {
  it("once per page served with a decision, not again for the snippet's collect; bots and erased visitors not at all", async () => {
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const shop = await proxiedShop();
    const NC = ["Headphones", "Noise-Canceling"];
    const fan = newVisitor("livefan");
    await collect({ site: shop.site, visitor: fan, events: [ev("product_view", { url: "https://shop.test/p/NC-100/", categories: NC, product: { sku: "NC-100", price: 349, categories: NC } }, 2)] });

    for (let i = 0; i < 2; i++) {
      const page = await settled(shop.url("/"), { cookie: `vt_id=${fan}` });
      expect(page.status).toBe(200);
      // What the snippet does with the handoff: the page view through the shop's /_vt collect.
      const collected = await settled(shop.url("/_vt/v1/collect"), { method: "POST", cookie: `vt_id=${fan}`, body: { site: shop.site, visitor: fan, events: [ev("page_view", { url: shop.url("/") })] } });
      expect(collected.status).toBe(202);
    }
    // A first-time shopper (no cookie): counted too.
    await settled(shop.url("/"));
    // A bot, and an erased visitor: served, not counted.
    await settled(shop.url("/"), { ua: "Googlebot/2.1 (+http://www.google.com/bot.html)" });
    const erased = newVisitor("gone");
    await collect({ site: shop.site, visitor: erased, events: [ev("page_view", { url: "https://shop.test/" })] });
    expect((await call("DELETE", `/v1/sites/${shop.site}/visitors/${erased}`, undefined, { headers: ADMIN })).status).toBeLessThan(300);
    await settled(shop.url("/"), { cookie: `vt_id=${erased}` });

    const numbers = await live(shop.site);
    expect(heroServed(numbers, "interest-noise-canceling")).toBe(2);
    expect(heroServed(numbers, "default")).toBe(1);
    expect(numbers.visitors.day).toBe(2);
  });
});
