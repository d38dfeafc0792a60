/**
 * The worker stops (killed outright) and starts again in the middle of a shopper's session. What
 * the shopper does meanwhile waits in the snippet's IndexedDB queue, is retried with backoff, and
 * arrives exactly once after the restart — checked through the visitor export.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
// @ts-expect-error plain ESM helper shared with `npm start`
import { startWorker } from "../../scripts/worker.mjs";
import { launch } from "../support/browser";
import { expectNoPageErrors, freshDecision, queued, shopper, watchDecisions } from "../support/shop";
import { freePort } from "../support/free-port";

const TOKEN = "restart-admin-token";
type Worker = { url: string; pid: number; stop: () => Promise<void> };

let browser: Browser;
let state: string;
let port: number;
let worker: Worker | null = null;


/** This test's own worker (the shared one serves the other files): same port and state each time. */
const start = async () => (worker = (await startWorker({ port, persistTo: state, vars: { ADMIN_TOKEN: TOKEN }, timeoutMs: 120_000 })) as Worker);

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), "vitrine-restart-"));
  port = await freePort();
  [browser] = await Promise.all([launch(), start()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  rmSync(state, { recursive: true, force: true });
});

async function profileOf(visitor: string) {
  const res = await fetch(`${worker!.url}/v1/sites/demo/visitors/${visitor}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!res.ok) throw new Error(`export of ${visitor} answered ${res.status}: ${await res.text()}`);
  return (await res.json()).profile;
}

async function open(page: Page, path: string) {
  await page.goto(`${worker!.url}${path}`);
  return freshDecision(page);
}

it("delivers what a shopper did while the worker was down exactly once after it restarts", { timeout: 300_000 }, async () => {
  const { context, page, errors } = await shopper(browser);
  await watchDecisions(context);
  await open(page, "/");
  const { visitor } = await open(page, "/p/NC-100/");
  await page.click("[data-add-to-cart]");
  // The first cart add is delivered (and the snippet's delivery part loaded) while the worker is up.
  await expect.poll(async () => (await profileOf(visitor)).session.carts, { timeout: 30_000, interval: 500 }).toBe(1);
  await expect.poll(() => queued(page), { timeout: 10_000 }).toBe(0);

  // Killed outright, as a crash would: no draining, requests in flight are cut.
  process.kill(-worker!.pid, "SIGKILL");
  await worker!.stop();

  await page.click("[data-add-to-cart]");
  await page.evaluate(() => {
    const vitrine = (window as any).vitrine;
    vitrine.track("search", { query: "travel headphones" });
    vitrine.track("purchase", { orderId: "R-1001", total: 349 });
  });
  await expect.poll(() => queued(page), { timeout: 10_000 }).toBe(3);
  // A few failed attempts, so the retries back off before the worker is back.
  await page.waitForTimeout(3_000);
  expect(await queued(page)).toBe(3);

  await start();
  // The same page, never reloaded: its queue drains on its own retries.
  await expect.poll(() => queued(page), { timeout: 120_000, interval: 1_000 }).toBe(0);
  const after = await profileOf(visitor);
  expect(after.session).toMatchObject({ carts: 2, searches: 1, purchases: 1 });
  expect(after.totals).toMatchObject({ orders: 1, revenue: 349 });

  // A later page (and its pagehide beacon on the way) sends none of them again. What shows it:
  // an event tracked on that page, after anything it or the page before could have resent, has
  // arrived, and the queue is empty — nothing is left that could still arrive.
  await open(page, "/");
  await page.evaluate(() => (window as any).vitrine.track("search", { query: "after the restart" }));
  await expect.poll(async () => (await profileOf(visitor)).session.searches, { timeout: 30_000, interval: 500 }).toBe(2);
  await expect.poll(() => queued(page), { timeout: 10_000 }).toBe(0);
  const later = await profileOf(visitor);
  expect(later.session).toMatchObject({ carts: 2, searches: 2, purchases: 1, pageViews: after.session.pageViews + 1 });
  expect(later.totals).toMatchObject({ orders: 1, revenue: 349 });
  expectNoPageErrors(errors);
  await context.close();
});
