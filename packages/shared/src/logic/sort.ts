import type { ProductCard } from "../schema/event";
import type { SortStrategy } from "../schema/config";
import type { Traits } from "../schema/traits";
import { normalizeCategory } from "./category";

/** A card with its sort key computed once (sorting calls the comparator O(n log n) times). */
type Keyed = { sku: string; i: number; out: boolean; key: number | undefined };

function interestScore(traits: Traits | null): (card: ProductCard) => number | undefined {
  const scores = new Map((traits?.interests ?? []).map((interest) => [interest.category, interest.score]));
  return (card) => {
    const categories = new Set((card.categories ?? []).map(normalizeCategory));
    const score = [...categories].reduce((sum, category) => sum + (scores.get(category) ?? 0), 0);
    return score > 0 ? score : undefined;
  };
}

const finite = (value: number | undefined) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/**
 * The page's products in display order (their skus). Every strategy is stable and puts
 * out-of-stock products last:
 * `default` keeps the page order; `price_desc` puts the highest price first, unknown prices
 * after priced ones; `interest` puts products in the visitor's interests first, by summed
 * interest score; `new_arrivals` puts the newest `addedAt` first, unknown dates last.
 * @example sortProducts("price_desc", [{ sku: "a", price: 10 }, { sku: "b", price: 30 }], null) // ["b", "a"]
 */
export function sortProducts(strategy: SortStrategy, products: readonly ProductCard[], traits: Traits | null): string[] {
  const key: (card: ProductCard) => number | undefined =
    strategy === "price_desc" ? (card) => finite(card.price)
    : strategy === "interest" ? interestScore(traits)
    : strategy === "new_arrivals" ? (card) => finite(card.addedAt)
    : () => undefined;
  const keyed: Keyed[] = products.map((card, i) => ({ sku: card.sku, i, out: card.inStock === false, key: key(card) }));
  keyed.sort(
    (a, b) =>
      // Out of stock last; then present keys descending, missing keys after them; then page order.
      Number(a.out) - Number(b.out) ||
      (a.key === undefined || b.key === undefined ? Number(a.key === undefined) - Number(b.key === undefined) : b.key - a.key) ||
      a.i - b.i,
  );
  return keyed.map((card) => card.sku);
}
