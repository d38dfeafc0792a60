import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launch } from "../support/browser";
import { workerFetch, workerUrl } from "../support/worker-api";
import { expectNoPageErrors, gridPrices, shopper, watchDecisions } from "../support/shop";
import { DOCS, adminApi, consoleKey, expectAccessible, resetDemo, signIn, visitDecided } from "./console-kit";

let browser: Browser;
let key: string;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch();
  await resetDemo();
  key = await consoleKey("Ben");
  ({ page, errors } = await signIn(browser, key));
});
afterAll(async () => {
  await browser?.close();
});

async function open(view: string, heading: string | RegExp): Promise<void> {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: view }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

describe("the console's other pages", () => {
  it("makes a key that is shown once and revokes it; the revoked key gets 401 at once", async () => {
    await open("Keys", "Keys");
    await expectAccessible(page, "the keys page");
    await page.getByLabel("Name", { exact: true }).fill("Shop backend");
    await page.getByLabel("config:read").check();
    await page.getByRole("button", { name: "Make key" }).click();
    const shown = page.getByLabel("The new key");
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^vt_demo_[0-9a-f]{12}_[0-9a-f]{64}$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("made-key");
    await expectAccessible(page, "the keys page with a new key");
    const use = () => fetch(`${workerUrl()}/v1/sites/demo/config`, { headers: { authorization: `Bearer ${token}` } });
    expect((await use()).status).toBe(200);
    await page.screenshot({ path: join(DOCS, "console-keys.jpg"), type: "jpeg", quality: 70 });
    const id = token.split("_")[2];
    await page.getByRole("button", { name: `Revoke key Shop backend (${id})` }).click();
    await expect.poll(() => page.getByRole("row", { name: /Shop backend/ }).textContent()).toContain("revoked");
    expect((await use()).status).toBe(401);
  });

  it("shows live numbers kept at the edge", async () => {
    const { context, page: shop } = await shopper(browser);
    await watchDecisions(context);
    await visitDecided(shop, "/");
    await context.close();
    // The worker gathers a second of decisions before it counts them.
    await expect.poll(async () => JSON.stringify(await adminApi("GET", "/v1/sites/demo/live")), { timeout: 20_000 }).toContain('"part":"hero"');
    await open("Live numbers", "Live numbers");
    await expect.poll(() => page.getByRole("table", { name: "What each “hero” rule served" }).textContent()).toContain("default");
    await expectAccessible(page, "the live numbers page");
  });

  it("explains why a visitor sees their hero", async () => {
    const { context, page: shop } = await shopper(browser);
    await watchDecisions(context);
    const decision = await visitDecided(shop, "/c/mens/");
    for (const { sku } of (await gridPrices(shop)).slice(0, 2)) await visitDecided(shop, `/p/${sku}/`);
    await visitDecided(shop, "/");
    await context.close();
    await open("Why this hero?", "Why this hero?");
    await page.getByLabel("Visitor id").fill(decision.visitor);
    await page.getByRole("button", { name: "Explain" }).click();
    await page.getByRole("heading", { level: 2, name: /sees the hero “mens”/ }).waitFor();
    expect(await page.getByRole("table", { name: "Hero rules tried, in order" }).textContent()).toContain("yes — served");
    await expectAccessible(page, "the why-this-hero page");
    await page.screenshot({ path: join(DOCS, "console-why.jpg"), type: "jpeg", quality: 70, fullPage: true });
  });

  it("creates a new site, live at once, when signed in as the operator", async () => {
    const operator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await operator.newPage();
    const adminErrors: string[] = [];
    admin.on("pageerror", (error) => adminErrors.push(error.message));
    await admin.goto(`${workerUrl()}/admin`);
    await admin.getByLabel("Site key").fill(inject("adminToken"));
    await admin.getByLabel("Site", { exact: true }).fill("demo");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await admin.getByRole("heading", { level: 1, name: /^Editor/ }).waitFor();
    await admin.getByRole("link", { name: "New site" }).click();
    await admin.getByRole("heading", { level: 1, name: "New site" }).waitFor();
    await expectAccessible(admin, "the new-site page");
    const site = `shop-${Date.now().toString(36)}`;
    await admin.getByLabel("Site id").fill(site);
    await admin.getByLabel("Allowed origins (one per line)").fill("https://shop.example");
    await admin.getByRole("button", { name: "Create site" }).click();
    await admin.getByRole("heading", { level: 2, name: `Site ${site} is live` }).waitFor();
    expect(await admin.locator("pre code").first().textContent()).toBe(`<script src="${workerUrl()}/v1/sdk.js" data-site="${site}" async></script>`);
    const decide = await workerFetch("/v1/decide", { method: "POST", body: JSON.stringify({ site, visitor: "v-new-site-1234" }) });
    expect(decide.status).toBe(200);
    const ownerKey = await admin.locator("#site-key").textContent();
    expect((await fetch(`${workerUrl()}/v1/sites/${site}/config`, { headers: { authorization: `Bearer ${ownerKey}` } })).status).toBe(200);
    await admin.getByLabel("Site id").fill(site);
    await admin.getByRole("button", { name: "Create site" }).click();
    await expect.poll(() => admin.getByLabel("Site id").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(admin, "the new-site page with an error");
    expectNoPageErrors(adminErrors);
    await operator.close();
    expect((await adminApi("GET", `/v1/sites/${site}/history`)).versions[0]).toMatchObject({ version: 1, note: "site created" });
  });

  it("edits a content slot beyond the hero: variants, a rule, what it shows by default", async () => {
    await open("Editor", /^Editor/);
    const slots = page.locator("#section-slots");
    await slots.getByLabel("New slot id").fill("banner");
    await slots.getByRole("button", { name: "Add slot" }).click();
    const slot = slots.locator("fieldset.slot", { has: page.locator(":scope > legend", { hasText: "Slot “banner”" }) });
    await slot.getByLabel("New variant id").fill("weekend-sale");
    await slot.getByRole("button", { name: "Add variant" }).click();
    await slot.getByLabel("Headline").fill("This weekend: 10% off");
    await slot.getByLabel("Body text").fill("Use code WEEKEND at checkout.");
    await slot.getByRole("button", { name: "Add rule to slot “banner”" }).click();
    await slot.getByLabel("Rule id").fill("coupon-lovers-banner");
    await slot.getByLabel("Segment", { exact: true }).selectOption("coupon-lovers");
    await expectAccessible(page, "the editor with a content slot");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => page.locator("#editor-status").textContent()).toMatch(/ · saved$/);
    const stored = await adminApi("GET", "/v1/sites/demo/config");
    expect(stored.config.slots.banner).toEqual({
      variants: { "weekend-sale": { headline: "This weekend: 10% off", text: "Use code WEEKEND at checkout." } },
      rules: [{ id: "coupon-lovers-banner", segment: "coupon-lovers", variant: "weekend-sale" }],
      default: null,
    });
    await resetDemo();
  });

  it("never showed a page error", () => {
    expectNoPageErrors(errors);
  });
});
