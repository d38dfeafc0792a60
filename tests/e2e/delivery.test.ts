import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launch } from "../support/browser";
import { exportVisitor } from "../support/worker-api";
import { expectNoPageErrors, queued, shopper, visit, watchDecisions } from "../support/shop";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("delivers events captured while offline once the network returns, each exactly once", async () => {
  const { context, page, errors } = await shopper(browser);
  await watchDecisions(context);
  const decision = await visit(page, "/p/BT-100/");
  const visitor: string = decision.visitor;
  const before = (await exportVisitor(visitor))!.profile;
  expect(before.session.carts).toBe(0);

  await context.setOffline(true);
  await page.click("[data-add-to-cart]");
  await page.evaluate(() => (window as any).vitrine.track("search", { query: "travel headphones" }));
  await page.waitForTimeout(1_500);
  expect((await exportVisitor(visitor))!.profile.session).toMatchObject({ carts: 0, searches: 0 });
  // Both wait in the IndexedDB queue.
  expect(await queued(page)).toBe(2);

  await context.setOffline(false);
  await expect.poll(async () => (await exportVisitor(visitor))!.profile.session.carts, { timeout: 30_000, interval: 500 }).toBe(1);
  await expect.poll(async () => (await exportVisitor(visitor))!.profile.session.searches, { timeout: 30_000, interval: 500 }).toBe(1);
  // ...and leave it once the worker has confirmed them.
  await expect.poll(() => queued(page), { timeout: 10_000 }).toBe(0);

  // Later pages (and the pagehide beacon) must not deliver them again.
  await visit(page, "/");
  await page.waitForTimeout(1_500);
  const after = (await exportVisitor(visitor))!.profile;
  expect(after.session.carts).toBe(1);
  expect(after.session.searches).toBe(1);
  expect(after.totals.orders).toBe(0);
  expectNoPageErrors(errors);
  await context.close();
});
