import { afterEach, describe, expect, it } from "vitest";
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import worker from "../src/index";
import { addressKey } from "../src/http/rate-limit";
import { workerEnv } from "./helpers";
import { BROWSER, html, navigate, origin, proxiedShop, shopPage, visitorCookie, heroTest, productPage } from "./proxy-origin";

const restore: (() => void)[] = [];
afterEach(() => restore.splice(0).forEach((undo) => undo()));


/** The tables a visitor's object holds (none: nothing was ever stored for it). */
function tablesOf(site: string, visitor: string) {
  const stub = workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${visitor}`));
  return runInDurableObject(stub, (_instance, state) =>
    state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'").toArray().map((row) => row.name),
  );
}

/**
 * A navigation through the worker's fetch handler with an execution context of the test's own:
 * answers once the page was read to its end and every piece of work it left behind (`waitUntil`:
 * exposures, the page cache) has finished — so whatever the page would ever store is stored.
 */
async function navigateSettled(url: string): Promise<{ text: string; visitor: string | undefined }> {
  const ctx = createExecutionContext();
  const request = new Request(url, { headers: { accept: "text/html,application/xhtml+xml", "sec-fetch-dest": "document", "user-agent": BROWSER } });
  const res = await worker.fetch(request as Parameters<typeof worker.fetch>[0], workerEnv, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return { text, visitor: visitorCookie(res) };
}

async function exposedArm(site: string, visitor: string): Promise<string | undefined> {
  const stub = workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${visitor}`));
  return (await stub.snapshot()).assignments.find((a) => a.exposedAt !== null)?.arm;
}

describe("proxied pages under the address limit", () => {
  it("passes pages through unpersonalized past the limit: no cookie, no snippet, no visitor; other addresses are served", async () => {
    const env = workerEnv as unknown as Record<string, unknown>;
    env.RATE_LIMITS = "on";
    restore.push(() => (env.RATE_LIMITS = "off"), origin({ "/": () => html(shopPage()) }).restore);
    const shop = await proxiedShop();
    const scraper = { "cf-connecting-ip": "203.0.113.7" };
    const first = await navigate(shop.url("/"), scraper);
    expect(visitorCookie(first)).toBeDefined();
    expect(await first.text()).toContain("data-vt-variant=");
    // The limiter allows 300 requests per 10 s per address and site; take the rest of this
    // address's allowance the way its other requests would (pages alone are too slow here to
    // reach the rate on a busy machine).
    const limiter = workerEnv.ADDRESS_LIMIT!;
    let spent = 0;
    while ((await limiter.limit({ key: addressKey(shop.site, scraper["cf-connecting-ip"]) })).success) spent += 1;
    // (How many were left depends on where the limiter's 10-second window fell: not asserted.)
    expect(spent).toBeGreaterThan(0);
    const passed = await navigate(shop.url("/"), scraper);
    expect(passed.status).toBe(200);
    expect(passed.headers.get("set-cookie")).toBeNull();
    // The origin's page, byte for byte: no snippet, no variant marks.
    expect(await passed.text()).toBe(shopPage());

    const other = await navigate(shop.url("/"), { "cf-connecting-ip": "198.51.100.9" });
    expect(visitorCookie(other)).toBeDefined();
    expect(await other.text()).toContain("data-vt-variant=");
  });

  it("creates no visitor object for cookieless first pages that show no experiment, and one when a page shows it", async () => {
    restore.push(origin({ "/": () => html(shopPage()), "/p/NC-100/": () => html(productPage) }).restore);
    const shop = await proxiedShop({}, heroTest);
    const scrapers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await navigateSettled(shop.url("/p/NC-100/"));
      expect(page.text).toContain("NC-100");
      scrapers.push(page.visitor!);
    }
    // Every page above has finished all it left behind; a page that shows the experiment, settled
    // the same way, has stored its arm and exposure by then — what the pages above would have stored.
    const home = await navigateSettled(shop.url("/"));
    expect(await exposedArm(shop.site, home.visitor!)).toMatch(/^(control|mens)$/);
    for (const visitor of scrapers) expect(await tablesOf(shop.site, visitor)).toEqual([]);
  });
});
