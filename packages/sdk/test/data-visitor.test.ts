import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import { buildSnippet } from "../build.mjs";
import { launch } from "./chromium";

/**
 * `data-visitor` (proxy mode's handoff) through the snippet as it ships: an id the worker takes
 * becomes the snippet's own; anything else on any tag is ignored for a fresh id of its own. The
 * page and the worker's decide are answered by playwright's `route`.
 */
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const SHOP = "https://shop.vitrine.test/";
const ENDPOINT = "https://edge.vitrine.test";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let browser: Browser;
let snippet: string;
beforeAll(async () => {
  [browser, snippet] = await Promise.all([launch(), buildSnippet()]);
});
afterAll(async () => {
  await browser?.close();
});

/** The visitor id the snippet sends decide from a page whose tag carries `attrs`, and the id it stored. */
async function sentVisitor(attrs: string): Promise<{ sent: string; stored: string }> {
  const page = await browser.newPage();
  await page.route(SHOP, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><p>shop</p><script src="${ENDPOINT}/v1/sdk.js" data-site="demo" ${attrs}></script>` }));
  await page.route(`${ENDPOINT}/v1/sdk.js`, (route) => route.fulfill({ contentType: "text/javascript", body: snippet }));
  const body = new Promise<{ visitor: string }>((resolve) =>
    page.route(`${ENDPOINT}/v1/decide`, async (route) => {
      resolve(route.request().postDataJSON());
      await route.fulfill({ status: 503, body: "" });
    }),
  );
  await page.goto(SHOP);
  const sent = (await body).visitor;
  const stored = await page.evaluate(() => localStorage.vt_id);
  await page.close();
  return { sent, stored };
}

describe("data-visitor", () => {
  it("is used and stored when it is a visitor id", async () => {
    expect(await sentVisitor('data-visitor="Zx8kR2v0Yq3LmN5pT7wA1c"')).toEqual({ sent: "Zx8kR2v0Yq3LmN5pT7wA1c", stored: "Zx8kR2v0Yq3LmN5pT7wA1c" });
  });

  it.each(['data-visitor="short"', 'data-visitor="has spaces in it"', `data-visitor="${"x".repeat(65)}"`, 'data-visitor="a/b@c.d-12345"', 'data-visitor=""'])("is ignored as %s", async (attrs) => {
    const { sent, stored } = await sentVisitor(attrs);
    expect(sent).toMatch(UUID);
    expect(stored).toBe(sent);
  });
});
