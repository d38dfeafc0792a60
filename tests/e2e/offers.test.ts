import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import demoConfig from "@vitrine/demo-store/config";
import { launch } from "../support/browser";
import { putSiteConfig, workerFetch, workerUrl } from "../support/worker-api";
import { expectNoPageErrors, shopper, visit, watchDecisions } from "../support/shop";
import { inject } from "vitest";

const HOUR = 3_600_000;
const admin = () => ({ authorization: `Bearer ${inject("adminToken")}`, "content-type": "application/json" });
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const OFFER = "[data-vt-slot=offer]";
const demoSlots = demoConfig.slots as Record<string, any>;

/**
 * The demo shop's config with its slots as shipped, but the evening offer's window around now
 * (so the test never depends on the time of day) and options on top. No experiment: a coupon
 * lover must not land in the no-offer arm by chance.
 */
async function useDemoConfig(options: { offer?: Record<string, unknown>; rules?: unknown[]; offerDefault?: string | null; proofMin?: number; sessionMinutes?: number } = {}) {
  const now = Date.now();
  const offerSlot = demoSlots.offer;
  await putSiteConfig({
    ...(demoConfig as Record<string, unknown>),
    site: "demo",
    settings: { ...(options.sessionMinutes && { sessionMinutes: options.sessionMinutes }) },
    experiments: [],
    slots: {
      ...demoSlots,
      offer: {
        ...offerSlot,
        variants: {
          ...offerSlot.variants,
          "evening-coupon": { ...offerSlot.variants["evening-coupon"], offer: { code: "EVENING20", hours: { from: hhmm(now - HOUR), to: hhmm(now + HOUR) }, timezone: "UTC", ...options.offer } },
        },
        rules: options.rules ?? offerSlot.rules,
        default: options.offerDefault === undefined ? offerSlot.default : options.offerDefault,
      },
      "pdp-proof": { ...demoSlots["pdp-proof"], variants: { "bought-today": { text: "{count} bought today", proof: { metric: "orders", min: options.proofMin ?? 3 } } } },
    },
  });
}

async function api(method: string, path: string, body?: unknown) {
  const res = await workerFetch(path, { method, headers: admin(), ...(body !== undefined && { body: JSON.stringify(body) }) });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json() as Promise<any>;
}

/** Buys one `sku` through the demo shop's own cart and checkout, with `coupon` if given. */
async function buy(page: Page, sku: string, coupon?: string) {
  await visit(page, `/p/${sku}/`);
  await page.click("[data-add-to-cart]");
  await visit(page, "/cart/");
  if (coupon) {
    await page.fill("[data-coupon-form] [name=coupon]", coupon);
    await page.press("[data-coupon-form] [name=coupon]", "Enter");
    await page.waitForFunction((code) => document.querySelector("[data-coupon-note]")?.textContent?.startsWith(code), coupon);
  }
  await page.click("[data-place-order]");
  await page.waitForSelector("[data-confirmation]:not([hidden])");
}

const shown = (page: Page, selector: string) => page.$eval(selector, (el) => !(el as HTMLElement).hidden);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  // The demo site as shipped again, for the files that run after this one.
  await api("POST", "/v1/sites/demo/config/rollback", { version: 0 });
});

describe("time-limited segment offers", () => {
  it("shows a coupon lover the evening offer with its code and a live countdown, and others nothing", async () => {
    await useDemoConfig();
    const lover = await shopper(browser);
    await watchDecisions(lover.context);
    await buy(lover.page, "KT-050", "WELCOME10");
    await buy(lover.page, "KT-050", "WELCOME10");
    const home = await visit(lover.page, "/");
    expect(home.slots.offer).toMatchObject({ variant: "evening-coupon", reason: { segment: "coupon-lovers" }, offer: { code: "EVENING20" } });
    await lover.page.waitForSelector(`${OFFER}:not([hidden]) [data-vt-countdown]:not(:empty)`);
    expect(await lover.page.textContent(`${OFFER} [data-vt-code]`)).toBe("EVENING20");
    const first = (await lover.page.textContent(`${OFFER} [data-vt-countdown]`))!;
    expect(first).toMatch(/^0[01]:\d\d:\d\d$/);
    // It counts down without a reload.
    await lover.page.waitForFunction((before) => document.querySelector("[data-vt-slot=offer] [data-vt-countdown]")?.textContent !== before, first);
    expect(await lover.page.textContent(`${OFFER} [data-vt-headline]`)).toBe(demoSlots.offer.variants["evening-coupon"].headline);
    expectNoPageErrors(lover.errors);

    const other = await shopper(browser);
    await watchDecisions(other.context);
    expect((await visit(other.page, "/")).slots.offer).toBeNull();
    expect(await shown(other.page, OFFER)).toBe(false);
    await lover.context.close();
    await other.context.close();
  });

  it("takes the offer away when it ends, without a reload, within one decision's ttl", async () => {
    const { context, page, errors } = await shopper(browser);
    await watchDecisions(context);
    // Everyone gets the offer here; it ends 12 seconds from now.
    await useDemoConfig({ offer: { end: Date.now() + 12_000 }, rules: [], offerDefault: "evening-coupon" });
    const decided = Date.now();
    const decision = await visit(page, "/");
    expect(decision.slots.offer?.offer?.code).toBe("EVENING20");
    expect(decision.ttl).toBeLessThanOrEqual(12);
    // The page may keep this decision no longer than the offer lasts.
    expect(decided + decision.ttl * 1000).toBeGreaterThanOrEqual(decision.slots.offer.offer.endsAt - 1000);
    await page.waitForSelector(`${OFFER}:not([hidden])`);
    await page.waitForSelector(`${OFFER}[hidden]`, { state: "attached", timeout: 30_000 });
    expect(await page.evaluate(() => Date.now())).toBeGreaterThanOrEqual(decision.slots.offer.offer.endsAt);
    // The next page's decision has no offer either.
    expect((await visit(page, "/")).slots.offer).toBeNull();
    expect(await shown(page, OFFER)).toBe(false);
    expectNoPageErrors(errors);
    await context.close();
  });

  it("gives a single-use code to one shopper only, also when two ask at once, and the same code again", async () => {
    const pool = `e2e-${Date.now().toString(36)}`;
    await api("PUT", `/v1/sites/demo/offers/${pool}`, { codes: ["VIP-ONLY1"] });
    await useDemoConfig({ offer: { pool, code: undefined, hours: undefined, timezone: undefined }, rules: [], offerDefault: "evening-coupon" });
    const shoppers = await Promise.all([shopper(browser), shopper(browser)]);
    for (const one of shoppers) await watchDecisions(one.context);
    const decisions = await Promise.all(shoppers.map((one) => visit(one.page, "/")));
    const codes = decisions.map((decision) => decision.slots.offer?.offer?.code ?? null);
    expect(codes.filter((code) => code === "VIP-ONLY1")).toHaveLength(1);
    expect(codes.filter((code) => code === null)).toHaveLength(1);
    const winner = shoppers[codes.indexOf("VIP-ONLY1")]!;
    const loser = shoppers[codes.indexOf(null)]!;
    await winner.page.waitForFunction(() => document.querySelector("[data-vt-slot=offer] [data-vt-code]")?.textContent === "VIP-ONLY1");
    expect(await shown(loser.page, OFFER)).toBe(false);
    expect((await visit(winner.page, "/")).slots.offer?.offer?.code).toBe("VIP-ONLY1");
    for (const one of shoppers) await one.context.close();
  });
});

describe("cart reminders", () => {
  it("shows a returning cart abandoner their own cart", { timeout: 180_000 }, async () => {
    // Sessions end after one idle minute here, so the shopper can come back within the test.
    await useDemoConfig({ sessionMinutes: 1 });
    const { context, page, errors } = await shopper(browser);
    await watchDecisions(context);
    await visit(page, "/p/NC-200/");
    const name = (await page.textContent(".product-info h1"))!;
    await page.click("[data-add-to-cart]");
    expect((await visit(page, "/")).slots["cart-reminder"]).toBeNull();
    // Away for longer than a session.
    await page.waitForTimeout(65_000);
    const back = await visit(page, "/");
    expect(back.slots["cart-reminder"]).toMatchObject({ variant: "your-cart", headline: `Still thinking about ${name}?` });
    await page.waitForSelector("[data-vt-slot=cart-reminder]:not([hidden])");
    expect(await page.textContent("[data-vt-slot=cart-reminder] [data-vt-headline]")).toBe(`Still thinking about ${name}?`);
    expect(await page.textContent("[data-vt-slot=cart-reminder] [data-vt-text]")).toMatch(/^1 in your cart, \$\d+\.\d\d\./);
    expect(await page.getAttribute("[data-vt-slot=cart-reminder] [data-vt-cta]", "href")).toBe("/cart/");
    expectNoPageErrors(errors);
    await context.close();

    const other = await shopper(browser);
    await watchDecisions(other.context);
    expect((await visit(other.page, "/")).slots["cart-reminder"]).toBeNull();
    expect(await shown(other.page, "[data-vt-slot=cart-reminder]")).toBe(false);
    await other.context.close();
  });
});

describe("social proof", () => {
  it("shows '3 bought today' where the minimum is 3, and nothing where it is 5", async () => {
    const sku = "KC-200";
    expect((await api("GET", `/v1/sites/demo/offers/proof/${sku}`)).orders, `${sku} must not have been bought before this test`).toBe(0);
    await useDemoConfig({ proofMin: 3 });
    // Only orders the shop's backend confirms count (a browser can report any purchase).
    const run = Date.now().toString(36);
    const orders = Array.from({ length: 3 }, (_, i) => ({ visitor: `v-proof-${run}-${i}`, id: `P-${run}-${i}`, total: 80, skus: [sku] }));
    await api("POST", "/v1/sites/demo/orders", { orders });
    expect((await api("GET", `/v1/sites/demo/offers/proof/${sku}`)).orders).toBe(3);

    const { context, page, errors } = await shopper(browser);
    await watchDecisions(context);
    expect((await visit(page, `/p/${sku}/`)).slots["pdp-proof"]).toMatchObject({ variant: "bought-today", text: "3 bought today" });
    await page.waitForSelector("[data-vt-slot=pdp-proof]:not([hidden])");
    expect(await page.textContent("[data-vt-slot=pdp-proof] [data-vt-text]")).toBe("3 bought today");

    await useDemoConfig({ proofMin: 5 });
    expect((await visit(page, `/p/${sku}/`)).slots["pdp-proof"]).toBeNull();
    expect(await shown(page, "[data-vt-slot=pdp-proof]")).toBe(false);
    expectNoPageErrors(errors);
    await context.close();
  });
});
