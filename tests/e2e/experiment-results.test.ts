import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import demoConfig from "../../examples/demo-store/vitrine.config.json";
import { launch, SHOPPER_UA } from "../support/browser";
import { postJson, putSiteConfig, workerUrl } from "../support/worker-api";
import { rng } from "../support/rng";

/**
 * An A/B test run through the real worker, queue and D1, then read as a person would: the results
 * page in Chromium. The visitors and their orders are fixed, so the page shows the same numbers on
 * every run; `VITRINE_SCREENSHOTS=1` saves its picture for the README.
 */
const SITE = `abtest-${Date.now().toString(36)}`;
const VISITORS = 400;
const admin = () => ({ authorization: `Bearer ${inject("adminToken")}`, "content-type": "application/json" });

let browser: Browser;
beforeAll(async () => {
  await putSiteConfig({
    ...(demoConfig as Record<string, unknown>),
    site: SITE,
    origins: [],
    experiments: [
      {
        id: "hero-test",
        name: "Men's hero on the home page",
        status: "running",
        targets: ["hero"],
        arms: [{ id: "control", control: true }, { id: "mens", name: "Men's hero", slots: { hero: "mens" } }],
      },
    ],
  });
  const random = rng(7);
  const orders: { visitor: string; id: string; total: number }[] = [];
  for (let i = 0; i < VISITORS; i++) {
    // Paced under the per-address rate limit (300 requests per 10 s): every request comes from 127.0.0.1.
    if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 1_000));
    const visitor = `abvisitor-${String(i).padStart(4, "0")}`;
    const decision = await postJson("/v1/decide", { site: SITE, visitor, slots: ["hero"], events: [{ id: `pv-${i}`, type: "page_view", ts: Date.now() }] }, { "content-type": "application/json", "user-agent": SHOPPER_UA });
    const arm = decision.experiments.find((e: { id: string }) => e.id === "hero-test")?.arm;
    // A planted lift: the men's hero sells to 14% of its visitors, the control to 8%.
    if (random() < (arm === "mens" ? 0.14 : 0.08)) orders.push({ visitor, id: `order-${i}`, total: Math.round(60 + random() * 200) });
  }
  for (let i = 0; i < orders.length; i += 100) await postJson(`/v1/sites/${SITE}/orders`, { orders: orders.slice(i, i + 100) }, admin());
  // The queue delivers in batches: wait until every exposure and order has reached the results.
  for (let tries = 0; tries < 60; tries++) {
    const results = await (await fetch(`${workerUrl()}/v1/sites/${SITE}/experiments/hero-test/results`, { headers: admin() })).json();
    const exposed = results.arms?.reduce((n: number, arm: { visitors: number }) => n + arm.visitors, 0) ?? 0;
    const converted = results.arms?.reduce((n: number, arm: { converters: number }) => n + arm.converters, 0) ?? 0;
    if (exposed === VISITORS && converted === orders.length) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  browser = await launch();
}, 300_000);
afterAll(async () => browser?.close());

describe("the results page of an experiment", () => {
  it("shows each arm's rate, the lift chart and the verdict in words", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
    await context.addInitScript((key) => sessionStorage.setItem("vitrine.adminKey", key), inject("adminToken"));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${workerUrl()}/admin/sites/${SITE}/experiments/hero-test`);
    await page.waitForFunction(() => (document.querySelector("#content") as HTMLElement | null)?.innerText.includes("%"), undefined, { timeout: 30_000 });
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/control/i);
    expect(text).toMatch(/mens|Men's hero/);
    expect(await page.locator("#content svg").count()).toBeGreaterThan(0);
    expect(text).toMatch(/%/);
    expect(errors).toEqual([]);
    const dir = process.env.VITRINE_SCREENSHOTS ? join(import.meta.dirname, "..", "..", "docs") : join(tmpdir(), "vitrine-shots");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, "experiment-results.png"), fullPage: true });
    await context.close();
  }, 120_000);
});
