// The demo shop's catalog in the shapes the v1 contract uses: event products, category paths
// with their page URLs, and the product cards a grid sends with /v1/decide.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./wrangler.mjs";

const raw = JSON.parse(readFileSync(join(ROOT, "examples", "demo-store", "catalog.json"), "utf8"));

const slug = (name) => name.toLowerCase().replace(/'/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Every product: `{ sku, price, categories, addedAt, inStock, path }`. */
export const PRODUCTS = raw.products.map((p) => ({
  sku: p.sku,
  name: p.name,
  price: p.price,
  currency: p.currency ?? raw.currency,
  categories: p.category,
  addedAt: Date.parse(p.addedAt),
  inStock: p.inStock !== false,
  path: `/p/${p.sku}/`,
}));

/** Every category path that has products, top level and leaf: `{ names, path, products }`. */
export const CATEGORIES = (() => {
  const byPath = new Map();
  for (const p of PRODUCTS) {
    for (let depth = 1; depth <= p.categories.length; depth++) {
      const names = p.categories.slice(0, depth);
      const path = `/c/${names.map(slug).join("/")}/`;
      if (!byPath.has(path)) byPath.set(path, { names, path, products: [] });
      byPath.get(path).products.push(p);
    }
  }
  return [...byPath.values()];
})();

/** Leaf categories only (the ones a shopper's interest settles on). */
export const LEAF_CATEGORIES = CATEGORIES.filter((c) => c.names.length === 2);

/** A product as an event carries it. */
export const eventProduct = (p) => ({ sku: p.sku, price: p.price, currency: p.currency, categories: p.categories });

/** A product as a `data-vt-sort` grid card sends it. */
export const productCard = (p) => ({ sku: p.sku, price: p.price, categories: p.categories, inStock: p.inStock, addedAt: p.addedAt });

/** The home page grid: twelve cards across the catalog. */
export const HOME_GRID = PRODUCTS.filter((_, i) => i % 2 === 0).slice(0, 12).map(productCard);

/** A browser user agent (the worker serves bots default content and records nothing). */
export const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
