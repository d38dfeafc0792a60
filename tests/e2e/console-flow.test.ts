import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import demoConfig from "@vitrine/demo-store/config";
import { launch } from "../support/browser";
import { workerFetch, workerUrl } from "../support/worker-api";
import { expectNoPageErrors, gridPrices, heroVariant, shopper, watchDecisions } from "../support/shop";
import { DOCS, adminApi, consoleKey, expectAccessible, expectFocusVisible, resetDemo, signIn, solidPng, visitDecided } from "./console-kit";

let browser: Browser;
let key: string;
let merchant: Page;
let merchantErrors: string[];
/** The version the demo had before the kids hero was added: what rollback restores. */
let before: number;
/** A shopper who browsed kids' pages, kept to see the hero change back after the rollback. */
let kidsShopper: { context: BrowserContext; page: Page; errors: string[] };
let uploaded: string;

beforeAll(async () => {
  browser = await launch();
  before = await resetDemo();
  key = await consoleKey("Ana");
});
afterAll(async () => {
  await resetDemo();
  await browser?.close();
});

const card = (page: Page, legend: string) => page.locator("fieldset", { has: page.locator(":scope > legend", { hasText: legend }) });
const ruleIds = (page: Page) => page.locator("#section-hero-rules li.rule").evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.rule));

describe("the merchant console, through the real worker", () => {
  it("signs in with a site key from the keyboard; the key stays in this tab's session storage", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${workerUrl()}/admin`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await expectAccessible(page, "the sign-in page");
    for (let i = 0; i < 6 && !(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === "key")); i++) await page.keyboard.press("Tab");
    await expectFocusVisible(page);
    await page.keyboard.type(key);
    await page.keyboard.press("Enter");
    const heading = page.getByRole("heading", { level: 1, name: /^Editor/ });
    await heading.waitFor();
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem("vitrine.console"))).toContain(key);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(key);
    await expectAccessible(page, "the editor");
    await page.screenshot({ path: join(DOCS, "console-editor.jpg"), type: "jpeg", quality: 70 });
    expectNoPageErrors(errors);
    merchant = page;
    merchantErrors = errors;
  });

  it("adds a hero with an uploaded image for shoppers interested in kids; a fresh visitor who browses kids' pages sees it", async () => {
    const page = merchant;
    await page.getByLabel("New hero id").fill("kids-spring");
    await page.getByRole("button", { name: "Add hero variant" }).click();
    const hero = card(page, "Hero “kids-spring”");
    await hero.getByLabel("Alt text").fill("Two children in yellow rain boots jumping in a puddle");
    await hero.getByLabel("Headline").fill("Spring puddles, sorted");
    await hero.getByLabel("Subhead").fill("Rain boots and slickers from $19.");
    await hero.getByLabel("Button label").fill("Shop kids");
    await hero.getByLabel("Button link").fill("/c/kids/");
    await hero.getByLabel("Image file for “kids-spring”").setInputFiles({ name: "kids-spring.png", mimeType: "image/png", buffer: solidPng(240, 96, [250, 204, 21]) });
    await hero.getByRole("button", { name: "Upload image for “kids-spring”" }).click();
    const image = hero.getByLabel("Image address");
    await expect.poll(() => image.inputValue(), { timeout: 10_000 }).toMatch(/^\/v1\/images\/demo\/[0-9a-f]{64}\.png$/);
    uploaded = await image.inputValue();
    await expectAccessible(page, "the editor with a new hero");

    await page.getByRole("button", { name: "Add hero rule" }).click();
    const rule = page.locator("#section-hero-rules li.rule").last();
    await rule.getByLabel("Rule id").fill("kids-spring");
    await rule.getByLabel("Interest").fill("kids");
    await rule.getByLabel("Hero variant").selectOption("kids-spring");
    // Above the shipped kids rule, from the keyboard: the first matching rule wins.
    while ((await ruleIds(page)).indexOf("kids-spring") > (await ruleIds(page)).indexOf("interest-kids")) {
      const up = page.getByRole("button", { name: "Move up (rule kids-spring)" });
      if (!(await up.evaluate((el) => el === document.activeElement))) await up.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(/^Move (up|down) \(rule kids-spring\)$/);
    }
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => page.locator("#editor-status").textContent()).toBe(`Version ${before + 1} · saved`);
    const stored = await adminApi("GET", "/v1/sites/demo/config");
    expect(stored.version).toBe(before + 1);
    const ids = stored.config.heroRules.map((r: { id: string }) => r.id);
    expect(ids.indexOf("kids-spring")).toBeLessThan(ids.indexOf("interest-kids"));
    expect(stored.config.heroes["kids-spring"]).toMatchObject({ image: uploaded, alt: "Two children in yellow rain boots jumping in a puddle" });
    const history = await adminApi("GET", "/v1/sites/demo/history");
    expect(history.versions[0]).toMatchObject({ version: before + 1, who: "Ana" });

    kidsShopper = await shopper(browser);
    const { context, page: shop } = kidsShopper;
    await watchDecisions(context);
    expect((await visitDecided(shop, "/")).hero.variant).toBe("default");
    await visitDecided(shop, "/c/kids/");
    for (const { sku } of (await gridPrices(shop)).slice(0, 2)) await visitDecided(shop, `/p/${sku}/`);
    const home = await visitDecided(shop, "/");
    expect(home.hero).toMatchObject({ variant: "kids-spring", image: uploaded, headline: "Spring puddles, sorted" });
    await heroVariant(shop, "kids-spring");
    const shown = shop.locator("[data-vt-slot=hero] [data-vt-image]");
    expect(await shown.getAttribute("src")).toBe(uploaded);
    await expect.poll(() => shown.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(240);
    expect(await shop.textContent("[data-vt-slot=hero] [data-vt-headline]")).toBe("Spring puddles, sorted");
    expectNoPageErrors(kidsShopper.errors);
  });

  it("previews the shop as big spenders: their hero, the preview bar, and nothing recorded", async () => {
    const page = merchant;
    await page.getByRole("link", { name: "Preview" }).click();
    await page.getByRole("heading", { level: 1, name: "Preview" }).waitFor();
    await page.getByLabel("Segment", { exact: true }).selectOption("big-spenders");
    await expectAccessible(page, "the preview page");
    await page.getByRole("button", { name: "Open preview" }).click();
    const link = page.getByRole("link", { name: /Open the shop as Big spenders/ });
    await link.waitFor();
    const liveBefore = await adminApi("GET", "/v1/sites/demo/live");
    const calls: string[] = [];
    const watch = (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (path === "/v1/decide" || path === "/v1/collect") calls.push(path);
    };
    page.context().on("request", watch);
    const [preview] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
    await preview.waitForLoadState("load");
    await expect.poll(() => preview.locator("[data-vt-preview-bar]").textContent()).toContain("Preview: Big spenders");
    expect(await preview.getAttribute("[data-vt-slot=hero]", "data-vt-variant")).toBe("big-spender");
    expect(await preview.textContent("[data-vt-slot=hero] [data-vt-headline]")).toBe(demoConfig.heroes["big-spender"]!.headline);
    await preview.screenshot({ path: join(DOCS, "console-preview-shop.jpg"), type: "jpeg", quality: 70 });
    await preview.getByRole("link", { name: "Headphones" }).first().click();
    await preview.waitForLoadState("load");
    expect(await preview.locator("[data-vt-preview-bar]").textContent()).toContain("Preview: Big spenders");
    await preview.waitForTimeout(1_500);
    page.context().off("request", watch);
    expect(calls, "a preview page calls neither decide nor collect").toEqual([]);
    const liveAfter = await adminApi("GET", "/v1/sites/demo/live");
    expect(liveAfter.visitors).toEqual(liveBefore.visitors);
    await preview.close();
  });

  it("shows the schema's message on the field of a bad condition, and saves nothing", async () => {
    const page = merchant;
    await page.getByRole("link", { name: "Editor" }).click();
    await page.getByRole("heading", { level: 1, name: /^Editor/ }).waitFor();
    const segment = card(page, "Segment “Big spenders”");
    await segment.getByRole("combobox", { name: "Condition", exact: true }).selectOption("interest");
    await segment.getByLabel("Category").fill("kids");
    await segment.getByLabel("Among the top").fill("20");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const top = segment.getByLabel("Among the top");
    await expect.poll(() => top.getAttribute("aria-invalid")).toBe("true");
    const broken = structuredClone(demoConfig) as any;
    broken.segments[0].when = { interest: "kids", top: 20 };
    const schema = await workerFetch("/v1/sites/demo/validate", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(broken) });
    const issue = ((await schema.json()) as { error: { issues: { path: string; message: string }[] } }).error.issues[0]!;
    expect(issue.path).toBe("segments.0.when.top");
    const errorId = `${await top.getAttribute("id")}-error`;
    expect(await page.locator(`#${errorId}`).textContent()).toBe(issue.message);
    expect(await top.getAttribute("aria-describedby")).toContain(errorId);
    expect(await page.locator("#issues").textContent()).toContain(issue.message);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("issues");
    expect((await adminApi("GET", "/v1/sites/demo/config")).version).toBe(before + 1);
    await expectAccessible(page, "the editor showing a validation error");
    await page.getByRole("button", { name: "Discard changes" }).click();
    await expect.poll(() => page.locator("#editor-status").textContent()).toBe(`Version ${before + 1} · saved`);
  });

  it("rolls back in one click as a new version; the same visitor gets the earlier hero again", async () => {
    const page = merchant;
    await page.getByRole("link", { name: "History" }).click();
    await page.getByRole("heading", { level: 1, name: "History" }).waitFor();
    await expect.poll(() => page.locator("#changes").textContent()).toContain("Hero \"kids-spring\" added");
    await expectAccessible(page, "the history page");
    await page.screenshot({ path: join(DOCS, "console-history.jpg"), type: "jpeg", quality: 70, fullPage: true });
    await page.getByRole("button", { name: `Roll back to version ${before}` }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe(`Version ${before} is live again as version ${before + 2}.`);
    const history = await adminApi("GET", "/v1/sites/demo/history");
    expect(history.versions[0]).toMatchObject({ version: before + 2, who: "Ana", note: `rollback to version ${before}` });
    const home = await visitDecided(kidsShopper.page, "/");
    expect(home.hero.variant).toBe("kids");
    await heroVariant(kidsShopper.page, "kids");
    expectNoPageErrors(kidsShopper.errors);
    await kidsShopper.context.close();
  });

  it("refuses a save that lost a race (409), overwrites nothing and offers to reload", async () => {
    const a = merchant;
    await a.getByRole("link", { name: "Editor" }).click();
    await a.getByRole("heading", { level: 1, name: /^Editor/ }).waitFor();
    const other = await signIn(browser, key);
    const b = other.page;
    await card(b, "Hero “default” (default)").getByLabel("Headline").fill("Fresh from the second tab");
    await b.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => b.locator("#editor-status").textContent()).toBe(`Version ${before + 3} · saved`);
    await card(a, "Hero “default” (default)").getByLabel("Headline").fill("Stale from the first tab");
    await a.getByRole("button", { name: "Save", exact: true }).click();
    const conflict = a.locator("#conflict");
    await expect.poll(() => conflict.textContent()).toContain("Not saved: the config changed meanwhile");
    expect(await conflict.textContent()).toContain(`Someone saved version ${before + 3}`);
    const stored = await adminApi("GET", "/v1/sites/demo/config");
    expect(stored.version).toBe(before + 3);
    expect(stored.config.heroes.default.headline).toBe("Fresh from the second tab");
    await expectAccessible(a, "the editor after a lost race");
    await a.getByRole("button", { name: /Reload the current version/ }).click();
    await expect.poll(() => a.locator("#editor-status").textContent()).toBe(`Version ${before + 3} · saved`);
    expect(await card(a, "Hero “default” (default)").getByLabel("Headline").inputValue()).toBe("Fresh from the second tab");
    expectNoPageErrors([...merchantErrors, ...other.errors]);
    await b.context().close();
  });
});
