import type { Decision } from "./types";
import type { Card } from "./page";

/**
 * Applies a decision to the `data-vt-*` slots and marks each one with `data-vt-variant`. Grids
 * take the worker's sku order; a cached decision's strategy is applied to this page's cards by
 * the worker's rule where the markup carries the key (`price_desc`, `new_arrivals`), by stock
 * alone otherwise (`interest`).
 * Idempotent: applying twice changes nothing.
 * @example apply(vitrine.decision!, false)
 */
export const apply = (dec: Decision, cached?: boolean): void => {
  const hero = dec.hero,
    sort = dec.sort,
    skus = !cached && sort.skus,
    all = (selector: string, root: ParentNode = document) => root.querySelectorAll<HTMLElement>(selector),
    /**
     * A grid child's place, smaller first (ties keep the markup's order). The worker's sku order
     * is final, cards it did not see and tiles that are no card (a promo) after it. A cached
     * decision's order belongs to another page, so its strategy is applied by the worker's rule
     * (sortProducts, golden-tested on the same cases) where the markup carries the key: in stock
     * first; then the highest `data-vt-price` (price_desc) or newest `data-vt-added`
     * (new_arrivals), unknown keys after known ones. Size hack: one number stands for the rule's
     * three tiers (stock, known key, key), keys being under 5e12 (prices, dates until 2128).
     */
    rank = (card: Card) => {
      const data = card.dataset,
        key = sort.strategy == "price_desc" ? +data.vtPrice! : sort.strategy == "new_arrivals" ? Date.parse(data.vtAdded!) : 0;
      return !data.vtSku ? 3e13 : skus ? skus.indexOf(data.vtSku) + 1 || 3e13 : (data.vtStock == "out" ? 1e13 : 0) + (key >= 0 ? -key : 5e12);
    };
  all("[data-vt-slot=hero]").forEach((slot) => {
    // [slot part, property, value]; the worker's config schema only lets site paths and https
    // URLs into image and href.
    (
      [
        ["image", "src", hero.image],
        ["image", "alt", hero.alt],
        ["headline", "textContent", hero.headline],
        ["subhead", "textContent", hero.subhead],
        ["cta", "textContent", hero.cta?.label],
        ["cta", "href", hero.cta?.href],
      ] as const
    ).forEach(([part, property, value]) => value != null && all(`[data-vt-${part}]`, slot).forEach((el) => ((el as any)[property] = value)));
    slot.dataset.vtVariant = hero.variant;
  });
  all("[data-vt-sort]").forEach((grid) => {
    const cards = [...grid.children] as Card[];
    // The markup's order: the tie-breaker, what "default" restores and what decide is sent.
    cards.forEach((card, i) => (card.vtI ??= i));
    const order = [...cards].sort((a, b) => rank(a) - rank(b) || a.vtI! - b.vtI!);
    // Moving nodes that are already in place would restart media and drop focus.
    if (order.some((card, i) => card != cards[i])) grid.append(...order);
    grid.dataset.vtVariant = sort.strategy;
  });
  // One line per reason, when the decision has them: style the element with `white-space: pre-line`.
  const explain = dec.explain?.join("\n");
  if (explain) all("[data-vt-explain]").forEach((el) => (el.textContent = explain));
};
