import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import catalog from "./catalog.json" with { type: "json" };
import { buildSite } from "./test/build-once";

/** The markup contract the browser snippet and the proxy mode rely on (see README). */
let site: ReturnType<typeof buildSite>;
beforeAll(() => {
  site = buildSite();
});
afterAll(() => rmSync(site.out, { recursive: true, force: true }));

const SNIPPET = '<script src="/v1/sdk.js" data-site="demo" async></script>';
type Node = Record<string, unknown> & { "@type"?: string };

function jsonLd(html: string): Node[] {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
  return blocks.flatMap((block) => (Array.isArray(block["@graph"]) ? block["@graph"] : [block]));
}

function gridItems(html: string) {
  const grid = /<ul class="grid" data-vt-sort[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...grid.matchAll(/<li ((?:[^>"]|"[^"]*")*)>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/(data-vt-[a-z]+)(?:="([^"]*)")?/g)].map((a) => [a[1], a[2] ?? ""])));
}

describe("every page", () => {
  const pages = () =>
    readdirSync(site.out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.name === "index.html")
      .map((entry) => join(entry.parentPath, entry.name));

  it("loads the snippet once, in <head>", () => {
    expect(pages().length).toBe(1 + 12 + catalog.products.length + 2);
    for (const file of pages()) {
      const html = readFileSync(file, "utf8");
      const head = html.slice(0, html.indexOf("</head>"));
      expect(head.split(SNIPPET).length - 1, file).toBe(1);
      expect(html.split("/v1/sdk.js").length - 1, file).toBe(1);
    }
  });

  it("has a search box and no off-site links", () => {
    for (const file of pages()) {
      const html = readFileSync(file, "utf8");
      expect(html, file).toContain('<form class="search" action="/search/"');
      expect(html, file).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    }
  });
});

describe("home", () => {
  it("marks the hero slot and the explanation box", () => {
    const html = site.read("/");
    expect(html).toMatch(/<section class="hero" data-vt-slot="hero">\s*<img data-vt-image src="[^"]+" alt="[^"]+" width="1200" height="480">/);
    for (const slot of ["data-vt-headline", "data-vt-subhead", "data-vt-cta"]) expect(html).toContain(slot);
    expect(html).toContain("<div data-vt-explain>");
  });
});

describe("category pages", () => {
  it("list their products with what the snippet sorts by", () => {
    const items = gridItems(site.read("/c/headphones/noise-canceling/"));
    const expected = catalog.products.filter((p) => p.category.join() === "Headphones,Noise-Canceling");
    expect(items.map((item) => item["data-vt-sku"])).toEqual(expected.map((p) => p.sku));
    for (const [i, item] of items.entries()) {
      const product = expected[i]!;
      expect(item).toMatchObject({
        "data-vt-price": product.price.toFixed(2),
        "data-vt-category": "Headphones > Noise-Canceling",
        "data-vt-added": product.addedAt,
      });
      expect(item["data-vt-stock"]).toBe(product.inStock ? undefined : "out");
    }
  });

  it("list every product of their sub-categories on the parent page", () => {
    const skus = gridItems(site.read("/c/mens/")).map((item) => item["data-vt-sku"]);
    expect(skus.sort()).toEqual(catalog.products.filter((p) => p.category[0] === "Men's").map((p) => p.sku).sort());
  });

  it("carry a BreadcrumbList", () => {
    const [crumbs] = jsonLd(site.read("/c/headphones/noise-canceling/"));
    expect(crumbs?.["@type"]).toBe("BreadcrumbList");
    expect((crumbs?.itemListElement as Node[]).map((item) => item.name)).toEqual(["Home", "Headphones", "Noise-Canceling"]);
  });
});

describe("product pages", () => {
  it.each(catalog.products.map((p) => [p.sku, p] as const))("%s has Product and BreadcrumbList JSON-LD", (sku, product) => {
    const nodes = jsonLd(site.read(`/p/${sku}/`));
    const found = nodes.find((node) => node["@type"] === "Product");
    expect(found).toMatchObject({
      name: product.name,
      sku,
      image: product.image,
      category: product.category.join(" > "),
      offers: { price: product.price.toFixed(2), priceCurrency: "USD", availability: `https://schema.org/${product.inStock ? "InStock" : "OutOfStock"}` },
    });
    const crumbs = nodes.find((node) => node["@type"] === "BreadcrumbList")?.itemListElement as Node[];
    expect(crumbs.map((item) => item.name)).toEqual(["Home", ...product.category, product.name]);
  });

  it("use both an @graph and separate scripts, as themes do", () => {
    const styles = catalog.products.map((p) => (site.read(`/p/${p.sku}/`).includes('"@graph"') ? "graph" : "separate"));
    expect(new Set(styles)).toEqual(new Set(["graph", "separate"]));
  });

  it("offer Add to cart with the product's data, disabled when sold out", () => {
    const soldOut = catalog.products.find((p) => !p.inStock)!;
    expect(site.read(`/p/${soldOut.sku}/`)).toMatch(/data-add-to-cart [^>]* disabled>Sold out</);
    expect(site.read("/p/NC-100/")).toContain(
      'data-add-to-cart data-sku="NC-100" data-name="Hush 100 Wireless" data-price="349.00" data-currency="USD" data-categories="[&quot;Headphones&quot;,&quot;Noise-Canceling&quot;]"',
    );
  });
});
