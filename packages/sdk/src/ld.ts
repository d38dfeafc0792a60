import { MAX_CATEGORY_LENGTH, MAX_EVENT_CATEGORIES, MAX_ID_LENGTH } from "@vitrine/shared/limits";
import type { EventProduct } from "./types";

/** What schema.org JSON-LD says about the page. */
export interface PageLd {
  /** The page's `Product`, when it has a sku and a price. */
  product?: EventProduct;
  /**
   * Breadcrumb names, outermost first, without the site root and without the product itself;
   * without a breadcrumb, the product's own `category` text split at `>`.
   */
  crumbs?: string[];
}

type Node = Record<string, any>;

/** Category names as the worker accepts them: trimmed, as many and as long as the contract allows. */
export const names = (a: string[]): string[] =>
  a
    .map((s) => ("" + s).trim().slice(0, MAX_CATEGORY_LENGTH))
    .filter(Boolean)
    .slice(0, MAX_EVENT_CATEGORIES);

/** `a > b › c` → `["a", "b", "c"]`. */
export const split = (path: string): string[] => names(path.split(/[>›]/));

/** ISO 4217 codes only: anything else would get the whole request refused. */
export const currency = (c: unknown): string | undefined => (/^[A-Z]{3}$/.test(c as string) ? (c as string) : undefined);

/** A product when `sku` and `price` make one the worker accepts. */
export const product = (sku: unknown, price: unknown, cur?: unknown, categories?: string[]): EventProduct | undefined => {
  const p = +(price as string);
  return sku && p >= 0 ? { sku: ("" + sku).slice(0, MAX_ID_LENGTH), price: p, currency: currency(cur), categories } : undefined;
};

/**
 * Reads the `Product` and `BreadcrumbList` out of parsed JSON-LD documents (`@graph`, arrays and
 * several scripts alike). `href` is the page's URL, used to recognise the root and the product's
 * own crumb. May throw on shapes schema.org does not allow; the caller treats that as "nothing".
 * @example fromLd([{ "@type": "BreadcrumbList", itemListElement: [...] }], location.href).crumbs
 */
export const fromLd = (docs: unknown[], href: string): PageLd => {
  const nodes: Node[] = [],
    // Size hack: strings and numbers land in `nodes` too; they never match a @type.
    walk = (x: any): unknown => (x?.forEach ? x.forEach(walk) : x && (nodes.push(x), walk(x["@graph"]))),
    find = (t: string) => nodes.find((x) => ([] as unknown[]).concat(x["@type"]).includes(t)),
    path = (u: unknown) => new URL(u as string, href).pathname;
  walk(docs);
  const p = find("Product"),
    b = find("BreadcrumbList"),
    f: Node = ([] as Node[]).concat(p?.offers)[0] || {},
    // [name, url] per crumb, in document order (which schema.org's `position` repeats).
    items: [unknown, unknown][] = b
      ? ([] as Node[])
          .concat(b.itemListElement)
          .map((x) => [x?.name ?? x?.item?.name, x?.item?.["@id"] || x?.item])
      : [],
    first = items[0],
    last = items[items.length - 1];
  if (first && (/^home$/i.test(first[0] as string) || path(first[1]) == "/")) items.shift();
  if (p && last && (last[0] == p.name || path(last[1]) == path(href))) items.pop();
  return {
    product: p && product(p.sku, f.price ?? f.lowPrice, f.priceCurrency),
    crumbs: items[0] ? names(items.map((x) => (x[0] || "") as string)) : split("" + (p?.category || "")),
  };
};
