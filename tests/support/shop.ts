import { expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SHOPPER_UA } from "./browser";
import { workerUrl } from "./worker-api";

export { SHOPPER_UA };

/** A fresh shopper (own localStorage and IndexedDB) with page errors collected. */
export async function shopper(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: SHOPPER_UA });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

export const url = (path: string) => `${workerUrl()}${path}`;

/** The variant the snippet applied to the hero, once it applied one. */
export async function heroVariant(page: Page, expected?: string): Promise<string> {
  const handle = await page.waitForFunction(
    (want) => {
      const value = document.querySelector("[data-vt-slot=hero]")?.getAttribute("data-vt-variant");
      return value && (!want || value === want) ? value : null;
    },
    expected,
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as string;
}

/** Waits until the page's decision has arrived from the worker (not only the cached one). */
export async function freshDecision(page: Page): Promise<any> {
  const handle = await page.waitForFunction(() => (window as any).__vtFresh ?? null, undefined, { timeout: 15_000 });
  return handle.jsonValue();
}

/** Records every decision event the page dispatches; call before navigating. */
export async function watchDecisions(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener("vitrine:decision", (event) => {
      (window as any).__vtFresh = (event as CustomEvent).detail;
    });
  });
}

/** Opens a page and waits for the worker's decision for it. */
export async function visit(page: Page, path: string): Promise<any> {
  await page.goto(url(path));
  return freshDecision(page);
}

/** The grid's skus and prices in display order. */
export async function gridPrices(page: Page): Promise<{ sku: string; price: number; out: boolean }[]> {
  return page.$$eval("[data-vt-sort] > [data-vt-sku]", (items) =>
    items.map((li) => ({ sku: li.getAttribute("data-vt-sku")!, price: Number(li.getAttribute("data-vt-price")), out: li.getAttribute("data-vt-stock") === "out" })),
  );
}

/**
 * How many events wait in the snippet's IndexedDB queue (-1 while the page has none). Never
 * creates the database, and closes its connection so withdrawing consent can delete it.
 */
export function queued(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open("vitrine");
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () => resolve(-1);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction("q").objectStore("q").count();
          count.onsuccess = () => resolve(count.result);
          db.close();
        };
      }),
  );
}

export function expectNoPageErrors(errors: string[]) {
  expect(errors, `page errors: ${errors.join("; ")}`).toEqual([]);
}
