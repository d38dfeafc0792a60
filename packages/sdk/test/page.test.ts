/// <reference types="vite/client" />
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import { readLd } from "@vitrine/shared/ld";
import { MAX_LD_CHARS } from "@vitrine/shared/limits";
import { Event } from "@vitrine/shared/schema";
import { launch, pageWith } from "./chromium";

// A real browser on a shared machine: starting it and a first page can take seconds.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Fixture = { href: string; ld: unknown[]; expected: { categories: string[]; product: { sku: string; price: number; brand?: string } } };
const fixtures = import.meta.glob<Fixture>("../../shared/src/golden/ld/*.json", { import: "default", eager: true });

/** Each document as a theme writes it: one `application/ld+json` script apiece. */
const scripts = (docs: unknown[]) => docs.map((doc) => `<script type="application/ld+json">${JSON.stringify(doc).replace(/</g, "\\u003c")}</script>`).join("\n");

const readPage = (html: string) => pageWith(browser, html, ["page"]).then(async (page) => [await page.evaluate(() => (window as any).vt.readPage()), page] as const);

describe("readPage: the page's JSON-LD goes to the worker, pruned", () => {
  it.each(Object.entries(fixtures))("%s: what it sends, the worker reads as the fixture expects", async (_file, fixture) => {
    const [info, page] = await readPage(`${scripts(fixture.ld)}<script type="application/ld+json">{ not json</script>`);
    expect(info.type).toBe("page_view");
    expect(info.ld).toHaveLength(fixture.ld.length);
    const facts = readLd(info.ld, fixture.href);
    expect(facts.categories).toEqual(fixture.expected.categories);
    expect(facts.product).toMatchObject(fixture.expected.product);
    // Bulky and free-text keys stay in the page.
    expect(JSON.stringify(info.ld)).not.toMatch(/"(description|image|logo|seller|availability)"/);
    expect(Event.safeParse({ id: "e1", type: "page_view", ts: 1, url: fixture.href, ...info }).success).toBe(true);
    await page.close();
  });

  it("keeps documents in page order while they fit, and sends no ld without any", async () => {
    const big = { "@type": "Product", name: "x".repeat(MAX_LD_CHARS / 2) };
    const [info, page] = await readPage(scripts([{ "@type": "WebSite", name: "a" }, big, big, { "@type": "BreadcrumbList", name: "b" }]));
    expect(info.ld).toEqual([{ "@type": "WebSite", name: "a" }, big, { "@type": "BreadcrumbList", name: "b" }]);
    expect(JSON.stringify(info.ld).length).toBeLessThanOrEqual(MAX_LD_CHARS);
    await page.close();
    const [none, plain] = await readPage("<p>no structured data</p>");
    expect(none).toEqual({ type: "page_view" });
    await plain.close();
  });

  it("sends the page's data-vt-category (outside product cards) as a category view", async () => {
    const [info, page] = await readPage(`<div data-vt-category="Men's › Shoes"></div><ul data-vt-sort><li data-vt-sku="A" data-vt-category="Other"></li></ul>`);
    expect(info).toEqual({ type: "category_view", categories: ["Men's", "Shoes"] });
    await page.close();
  });
});
