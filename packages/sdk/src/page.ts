import { MAX_CARD_CATEGORIES, MAX_ID_LENGTH, MAX_PRODUCTS_PER_REQUEST } from "@vitrine/shared/limits";
import type { ProductCard } from "./types";
import { split } from "./fields";
import { readLd } from "./ld";
import { all } from "./apply";

/** What the page's markup says it is about; the worker reads `ld` into a product and categories. */
export interface PageInfo {
  type: "page_view" | "category_view";
  categories?: string[];
  ld?: unknown[];
}

/**
 * Reads the page's category (`data-vt-category` outside product cards) and its JSON-LD, which the
 * worker reads into the page view's product and categories (an explicit category wins there).
 */
export const readPage = (): PageInfo => {
  const o = all("[data-vt-category]:not([data-vt-sku])")[0],
    categories = o ? split(o.dataset.vtCategory!) : undefined;
  return { type: categories?.[0] ? "category_view" : "page_view", categories, ld: readLd() };
};

/** One product card from its `data-vt-*` attributes, trimmed to what the worker accepts. */
export const toCard = (d: DOMStringMap): ProductCard => {
  const price = +d.vtPrice!,
    added = Date.parse(d.vtAdded!);
  return {
    sku: d.vtSku!.slice(0, MAX_ID_LENGTH),
    price: price >= 0 ? price : undefined,
    categories: split(d.vtCategory || "").slice(0, MAX_CARD_CATEGORIES),
    inStock: d.vtStock != "out",
    addedAt: added >= 0 ? added : undefined,
  };
};

/** A grid child, with its place in the markup once a decision has moved it. */
export type Card = HTMLElement & { vtI?: number };

/**
 * The `data-vt-sort` grids' cards in the markup's order (restored from `vtI` once a decision has
 * sorted them), as sent with decide: as many as a request may carry.
 */
export const readCards = (): ProductCard[] =>
  // Cards never sorted compare as NaN, which sort() treats as equal: they keep the DOM's order.
  [...all<Card>("[data-vt-sort]>[data-vt-sku]")]
    .sort((a, b) => a.vtI! - b.vtI!)
    .slice(0, MAX_PRODUCTS_PER_REQUEST)
    .map((c) => toCard(c.dataset));

/**
 * The slots the page carries, as sent with decide: each `data-vt-slot` id once (a product-card
 * badge may repeat on every card), and `"sort"` when it has a `data-vt-sort` grid. Checking the
 * ids is the worker's: it drops those that are not slot ids and counts the first
 * `MAX_SLOTS_PER_REQUEST`.
 */
export const readSlots = (): string[] => [...new Set([...all("[data-vt-slot],[data-vt-sort]")].map((el) => el.dataset.vtSlot || "sort"))];
