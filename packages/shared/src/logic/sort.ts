import type { ProductCard } from "../schema/event";
import type { SortStrategy } from "../schema/config";
import type { Traits } from "../schema/traits";
import { normalizeCategory } from "./category";

type Keyed = { card: ProductCard; i: number };
type Compare = (a: Keyed, b: Keyed) => number;

const stockLast: Compare = (a, b) => Number(a.card.inStock === false) - Number(b.card.inStock === false);
/** Missing values after present ones, present ones by `key` descending. */
const descending =
  (key: (card: ProductCard) => number | undefined): Compare =>
  (a, b) => {
    const x = key(a.card);
    const y = key(b.card);
    if (x === undefined || y === undefined) return Number(x === undefined) - Number(y === undefined);
    return y - x;
  };

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
  const by: Compare[] = [stockLast];
  if (strategy === "price_desc") by.push(descending((card) => finite(card.price)));
  else if (strategy === "interest") by.push(descending(interestScore(traits)));
  else if (strategy === "new_arrivals") by.push(descending((card) => finite(card.addedAt)));
  const keyed = products.map((card, i) => ({ card, i }));
  keyed.sort((a, b) => {
    for (const compare of by) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return a.i - b.i;
  });
  return keyed.map(({ card }) => card.sku);
}
