import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import { buildExtra, buildSnippet } from "../build.mjs";
import { launch } from "./chromium";

/**
 * Offer codes and countdowns through the snippet as it ships, its lazy part included: the page,
 * the worker's decide and the lazy part are answered by playwright's `route`.
 */
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const SHOP = "https://shop.vitrine.test/";
const ENDPOINT = "https://edge.vitrine.test";
const reason = { rule: "r", basis: "segment", segment: "s" };

let browser: Browser;
let snippet: string;
let extra: string;
beforeAll(async () => {
  [browser, snippet, extra] = await Promise.all([launch(), buildSnippet(), buildExtra()]);
});
afterAll(async () => {
  await browser?.close();
});

/** A decision whose `offer` slot shows `content` (null: nothing). */
const decision = (content: object | null) => ({
  visitor: "v-12345678",
  segments: [],
  hero: { variant: "default", rule: "default", reason },
  slots: { offer: content },
  sort: { strategy: "default", rule: "default", reason },
  experiments: [],
  ttl: 60,
});
const withCode = (code: string, endsAt: number) => ({ variant: "code", rule: "r", reason, headline: "Yours", offer: { code, endsAt } });
const plain = { variant: "plain", rule: "r", reason, headline: "Free shipping" };

/** A shop page with the snippet and an offer slot; decide answers `answers` in turn, each when its promise resolves. */
async function shop(answers: (() => Promise<object>)[], cached?: object) {
  const page = await browser.newPage();
  if (cached) await page.addInitScript((d) => localStorage.setItem("vt_dec", JSON.stringify({ d: JSON.parse(d), x: Date.now() + 60_000 })), JSON.stringify(cached));
  await page.route(SHOP, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><aside data-vt-slot="offer" hidden><b data-vt-headline></b> <code data-vt-code></code> <i data-vt-countdown></i></aside><script src="${ENDPOINT}/v1/sdk.js" data-site="demo"></script>`,
    }),
  );
  await page.route(`${ENDPOINT}/v1/sdk.js`, (route) => route.fulfill({ contentType: "text/javascript", body: snippet }));
  await page.route(`${ENDPOINT}/v1/sdk-extra.js`, (route) => route.fulfill({ contentType: "text/javascript", headers: { "access-control-allow-origin": "*" }, body: extra }));
  let n = 0;
  await page.route(`${ENDPOINT}/v1/decide`, async (route) => {
    const answer = answers[n++];
    if (!answer) return route.fulfill({ status: 503, body: "" });
    await route.fulfill({ contentType: "application/json", headers: { "access-control-allow-origin": "*" }, body: JSON.stringify(await answer()) });
  });
  await page.route(`${ENDPOINT}/v1/collect`, (route) => route.fulfill({ contentType: "application/json", headers: { "access-control-allow-origin": "*" }, body: "{}" }));
  await page.goto(SHOP);
  return page;
}

describe("offer codes and countdowns", () => {
  it("shows a cached decision's code before the worker answers", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const page = await shop([async () => (await held, decision(withCode("CACHED-1", Date.now() + 600_000)))], decision(withCode("CACHED-1", Date.now() + 600_000)));
    // Before, the cached offer showed with an empty code until the network answered.
    await page.waitForFunction(() => document.querySelector("[data-vt-code]")?.textContent === "CACHED-1");
    expect(await page.textContent("[data-vt-countdown]")).toMatch(/^00:(09|10):\d\d$/);
    release();
    await page.close();
  });

  it("stops an earlier decision's countdown: its end no longer hides what a newer decision shows", async () => {
    const endsAt = Date.now() + 1_500;
    const page = await shop([async () => decision(withCode("LIVE-1", endsAt)), async () => decision(plain)]);
    await page.waitForFunction(() => document.querySelector("[data-vt-code]")?.textContent === "LIVE-1");
    // A second page view (as in a single-page shop) brings a decision without the offer.
    await page.evaluate(() => (window as any).vitrine.page());
    await page.waitForFunction(() => document.querySelector("[data-vt-slot=offer]")?.getAttribute("data-vt-variant") === "plain");
    // Past the old end and a tick more: before, the old countdown hid the slot now.
    await page.waitForFunction((end) => Date.now() > end + 1_200, endsAt);
    expect(await page.getAttribute("[data-vt-slot=offer]", "hidden")).toBeNull();
    expect(await page.textContent("[data-vt-headline]")).toBe("Free shipping");
    await page.close();
  });
});
