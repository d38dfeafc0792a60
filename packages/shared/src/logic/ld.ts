import type { Event, EventProduct } from "../schema/event";
import { LD_KEYS, MAX_CATEGORY_LENGTH, MAX_EVENT_CATEGORIES, MAX_ID_LENGTH, MAX_MONEY } from "./limits";

export { LD_KEYS };

/** What schema.org JSON-LD says a page is about. */
export interface LdFacts {
  /** The page's product (the variant on show, for a `ProductGroup`), when it has an id and a price. */
  product?: EventProduct;
  /**
   * Breadcrumb names, outermost first, without the site root and without the product itself;
   * without a breadcrumb, the product's own `category` text split at `>` and `›`.
   */
  categories: string[];
}

type Node = Record<string, unknown>;

const isNode = (x: unknown): x is Node => typeof x === "object" && x !== null && !Array.isArray(x);
const list = (x: unknown): unknown[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);
const nodes = (x: unknown): Node[] => list(x).filter(isNode);
const types = (node: Node): unknown[] => list(node["@type"]);
const text = (x: unknown): string | undefined => (typeof x === "string" || (typeof x === "number" && Number.isFinite(x)) ? String(x).trim() || undefined : undefined);

/** Category names as the contract accepts them: trimmed, as many and as long as it allows. */
export const categoryNames = (names: readonly unknown[]): string[] =>
  names
    .map((name) => (text(name) ?? "").slice(0, MAX_CATEGORY_LENGTH).trim())
    .filter(Boolean)
    .slice(0, MAX_EVENT_CATEGORIES);

/**
 * `"a > b › c"` → `["a", "b", "c"]`, within the contract's limits.
 * @example splitCategory("Headphones › Noise-Canceling") // ["Headphones", "Noise-Canceling"]
 */
export const splitCategory = (path: string): string[] => categoryNames(path.split(/[>›]/));

/** The top-level nodes of the documents: arrays and `@graph`s flattened, in document order. */
function topNodes(docs: unknown, out: Node[] = [], depth = 0): Node[] {
  if (depth > 8) return out;
  if (Array.isArray(docs)) for (const doc of docs) topNodes(doc, out, depth + 1);
  else if (isNode(docs)) {
    out.push(docs);
    topNodes(docs["@graph"], out, depth + 1);
  }
  return out;
}

/** The pathname `u` points at from `href`, or undefined when it is no URL. */
function path(u: unknown, href: string): string | undefined {
  try {
    return typeof u === "string" ? new URL(u, href).pathname.replace(/(.)\/$/, "$1") : undefined;
  } catch {
    return undefined;
  }
}

/** The `variant` query parameter of a URL or `@id` (Shopify names variants so), if any. */
function variantParam(u: unknown): string | undefined {
  const match = typeof u === "string" ? /[?&]variant=([^&#]+)/.exec(u) : null;
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** A price as a number: numbers, or strings such as `"429.00"`; never `"1,299.00"`. */
function price(x: unknown): number | undefined {
  const value = typeof x === "number" ? x : typeof x === "string" && /^\s*\d+(\.\d+)?\s*$/.test(x) ? Number(x) : NaN;
  return value >= 0 && value <= MAX_MONEY ? value : undefined;
}

/**
 * An offer's price and currency: `price`, an `AggregateOffer`'s `lowPrice`, or the
 * `priceSpecification` (WooCommerce), where a sale price comes before the `ListPrice` /
 * `StrikethroughPrice` it replaces.
 */
function offerPrice(product: Node): { price: number; currency?: string } | undefined {
  for (const offer of nodes(product.offers)) {
    const specs = nodes(offer.priceSpecification);
    const spec = specs.find((s) => !/ListPrice|StrikethroughPrice/.test(String(s.priceType ?? ""))) ?? specs[0];
    const value = price(offer.price) ?? price(offer.lowPrice) ?? price(spec?.price);
    if (value === undefined) continue;
    const currency = [offer.priceCurrency, spec?.priceCurrency].find((c): c is string => typeof c === "string" && /^[A-Z]{3}$/.test(c));
    return currency ? { price: value, currency } : { price: value };
  }
  return undefined;
}

/**
 * The product's id for events: `sku`, then `mpn`, a GTIN or `productID`, then the Shopify variant
 * id in its (or its offer's) `@id` / `url`, then the path of its `@id` / `url`.
 */
function productId(product: Node, href: string): string | undefined {
  const offers = nodes(product.offers);
  const gtin = Object.keys(product).find((key) => /^gtin\d*$/.test(key));
  const links = [product["@id"], product.url, ...offers.flatMap((o) => [o["@id"], o.url])];
  const id =
    text(product.sku) ??
    text(product.mpn) ??
    (gtin ? text(product[gtin]) : undefined) ??
    text(product.productID) ??
    links.map(variantParam).find(Boolean) ??
    [product["@id"], product.url].map((u) => path(u, href)).find((p) => p && p !== "/");
  return id?.slice(0, MAX_ID_LENGTH);
}

/** `"Sony"`, `{ "@type": "Brand", name: "Sony" }` or a list of them → `"Sony"`. */
function brandName(x: unknown): string | undefined {
  const first = list(x)[0];
  return text(isNode(first) ? first.name : first)?.slice(0, MAX_CATEGORY_LENGTH).trim();
}

/**
 * The variant on show of a `ProductGroup` (or any product with `hasVariant`): the one the URL's
 * `?variant=` names (by its `@id`, `url`, offer or sku), else the first; it inherits what it
 * leaves out (name, brand, category) from the group.
 */
function variantOnShow(group: Node, href: string): Node {
  const variants = nodes(group.hasVariant);
  if (variants.length === 0) return group;
  const wanted = variantParam(href);
  const chosen =
    (wanted && variants.find((v) => [v["@id"], v.url, ...nodes(v.offers).flatMap((o) => [o["@id"], o.url])].some((u) => variantParam(u) === wanted) || text(v.sku) === wanted)) ||
    variants[0]!;
  return { ...group, hasVariant: undefined, ...Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== undefined && value !== "")) };
}

/**
 * A `BreadcrumbList`'s names without the root crumb and, on a product page, the product's own
 * (by one of its `names` — a group's or its variant's — or by pointing at the page).
 */
function crumbs(breadcrumb: Node, names: (string | undefined)[] | undefined, href: string): string[] {
  const items = nodes(breadcrumb.itemListElement).map((x) => {
    const item = x.item;
    return { name: text(x.name) ?? (isNode(item) ? text(item.name) : undefined), url: isNode(item) ? (item["@id"] ?? item.url) : item };
  });
  const first = items[0];
  if (first && (/^home$/i.test(first.name ?? "") || path(first.url, href) === "/")) items.shift();
  const last = items.at(-1);
  const here = path(href, href);
  if (names && last && ((last.name !== undefined && names.includes(last.name)) || (here !== undefined && path(last.url, href) === here))) items.pop();
  return categoryNames(items.map((x) => x.name ?? ""));
}

/**
 * Reads the `Product` (or `ProductGroup`, taking the variant on show) and the `BreadcrumbList`
 * out of parsed JSON-LD documents — `@graph`s, arrays and several scripts alike — as the page at
 * `href` shows them. Never throws: what it cannot read is left out.
 * @example readLd([{ "@type": "Product", sku: "NC-100", offers: { price: "349.00", priceCurrency: "USD" } }], "https://shop.example/p/nc-100")
 * // { product: { sku: "NC-100", price: 349, currency: "USD" }, categories: [] }
 */
export function readLd(docs: readonly unknown[], href: string): LdFacts {
  const all = topNodes(docs);
  const found = all.find((n) => types(n).some((t) => t === "Product" || t === "ProductGroup"));
  const breadcrumb = all.find((n) => types(n).includes("BreadcrumbList"));
  const node = found && variantOnShow(found, href);
  const fromCrumbs = breadcrumb ? crumbs(breadcrumb, found && [text(found.name), text(node?.name)], href) : [];
  const category = node && list(node.category).map(text).find(Boolean);
  const categories = fromCrumbs.length > 0 ? fromCrumbs : category ? splitCategory(category) : [];
  if (!node) return { categories };
  const sku = productId(node, href);
  const offer = offerPrice(node);
  if (!sku || !offer) return { categories };
  const brand = brandName(node.brand);
  return { product: { sku, price: offer.price, ...(offer.currency && { currency: offer.currency }), ...(brand && { brand }) }, categories };
}

const PAGE_TYPES: readonly string[] = ["page_view", "category_view", "product_view"];

/**
 * A page event with what its JSON-LD (`ld`, sent by the snippet) says filled in, and `ld` dropped:
 * what the page says explicitly wins (`data-vt-category` as `categories`, a `product` it passed),
 * the JSON-LD's product makes it a `product_view` (its categories the page's), and categories alone
 * a `category_view`. Events without `ld` come back as they are.
 * @example withLdFacts({ id: "e1", type: "page_view", ts: 1, url: "https://shop.example/p/a", ld: [product] }).type // "product_view"
 */
export function withLdFacts(event: Event): Event {
  if (event.ld === undefined) return event;
  const { ld, ...rest } = event;
  if (!PAGE_TYPES.includes(event.type)) return rest;
  const facts = readLd(ld, event.url ?? "https://invalid.invalid/");
  const categories = rest.categories?.length ? rest.categories : facts.categories;
  const product = rest.product ?? (facts.product && { ...facts.product, ...(categories.length > 0 && { categories }) });
  const type = product ? "product_view" : categories.length > 0 ? "category_view" : "page_view";
  return { ...rest, type, ...(categories.length > 0 && { categories }), ...(product && { product }) };
}
