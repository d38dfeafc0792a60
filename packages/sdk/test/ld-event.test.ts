/// <reference types="vite/client" />
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import { withLdFacts } from "@vitrine/shared";
import { Event } from "@vitrine/shared/schema";
import { buildSnippet } from "../build.mjs";
import { launch } from "./chromium";

/**
 * The theme fixtures of packages/shared/src/golden/ld/ through the snippet as it ships
 * (`vitrine.min.js`, on a page at the fixture's own URL) and the worker's reader (`withLdFacts`):
 * the page view the snippet sends with decide must come out as the product the fixture expects.
 * The page and the worker's decide are answered by playwright's `route`; nothing leaves the machine.
 */
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

type Fixture = { href: string; ld: unknown[]; expected: { categories: string[]; product: { sku: string; price: number; brand?: string } } };
const fixtures = import.meta.glob<Fixture>("../../shared/src/golden/ld/*.json", { import: "default", eager: true });
const ENDPOINT = "https://edge.vitrine.test";

let browser: Browser;
let snippet: string;
beforeAll(async () => {
  [browser, snippet] = await Promise.all([launch(), buildSnippet()]);
});
afterAll(async () => {
  await browser?.close();
});

describe("the snippet's page view carries the page's JSON-LD and URL intact", () => {
  it.each(Object.entries(fixtures))("%s: the worker reads the fixture's product from what the snippet sends", async (_file, fixture) => {
    const page = await browser.newPage();
    const scripts = fixture.ld.map((doc) => `<script type="application/ld+json">${JSON.stringify(doc).replace(/</g, "\\u003c")}</script>`).join("");
    await page.route(fixture.href, (route) =>
      route.fulfill({ contentType: "text/html", body: `<!doctype html><html><head>${scripts}</head><body><p>product</p><script src="${ENDPOINT}/v1/sdk.js" data-site="demo"></script></body></html>` }),
    );
    await page.route(`${ENDPOINT}/v1/sdk.js`, (route) => route.fulfill({ contentType: "text/javascript", body: snippet }));
    const sent = new Promise<{ events: unknown[] }>((resolve) =>
      page.route(`${ENDPOINT}/v1/decide`, async (route) => {
        resolve(route.request().postDataJSON());
        await route.fulfill({ status: 503, body: "" });
      }),
    );
    await page.goto(fixture.href);
    const [view] = (await sent).events;
    const event = Event.parse(view);
    // The page's own URL, variant id and all: the worker picks the variant on show from it.
    expect(event.url).toBe(fixture.href);
    const read = withLdFacts(event);
    expect(read.type).toBe("product_view");
    expect(read.product).toMatchObject(fixture.expected.product);
    expect(read.categories ?? []).toEqual(fixture.expected.categories);
    expect(JSON.stringify(view)).not.toContain("redacted");
    await page.close();
  });
});
