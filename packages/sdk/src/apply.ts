import type { Decision, SlotContent } from "./types";
import type { Card } from "./page";

/** The elements under `root` that match `selector`. */
export const all = <E extends HTMLElement = HTMLElement>(selector: string, root: ParentNode = document) => root.querySelectorAll<E>(selector);

/**
 * A path on the shop (`/img/hero.svg`) or an https URL, never `//host`, `/\host`, `javascript:`
 * or `data:`: where the worker's config schema lets `image` and `href` point (`SITE_URL` in
 * packages/shared/src/schema/content.ts, which also refuses quotes, spaces and `<>`: harmless
 * here, as the snippet sets properties, never markup). Checked here too, as a cached decision
 * comes from `localStorage`, which any script on the page can write.
 */
const SITE_URL = /^(\/(?![/\\])|https:\/\/)/;

/** `url` if it is a {@link SITE_URL}, else undefined. */
const siteUrl = (url?: string) => (SITE_URL.test(url!) ? url : undefined);

/**
 * Fills one slot with its content and marks it with `data-vt-variant`: `[data-vt-image]` (src,
 * alt), `[data-vt-headline]`, `[data-vt-subhead]`, `[data-vt-text]` and `[data-vt-cta]` (text,
 * href). Parts the content leaves out keep the markup's, and so do image and href URLs that are
 * no {@link SITE_URL}. Text goes in as `textContent`, never HTML. An image given a new picture
 * that has not arrived yet is transparent until it has (or failed). `hidden` is the caller's.
 */
const fill = (slot: HTMLElement, content: SlotContent) => {
  const set = (part: string, property: string, value?: string) =>
    value != null &&
    all<HTMLImageElement>(`[data-vt-${part}]`, slot).forEach((el) => {
      const was = el.src;
      (el as any)[property] = value;
      // An image keeps showing its old picture until the new one arrives: a changed picture still
      // on its way is held transparent by an animation (the shop's styles and handlers untouched)
      // until it has loaded, or failed, or for 60 s at most. Only images have `complete` (an
      // element without it is left alone). The image's own events, not decode(): that one settles
      // on the old picture in some browsers, and rejects, unhandled, when a picture fails.
      if (el.src != was && el.complete == false) {
        const hidden = el.animate({ opacity: [0, 0] }, 6e4);
        for (const type of ["load", "error"]) el.addEventListener(type, () => hidden.cancel());
      }
    });
  set("image", "src", siteUrl(content.image));
  set("image", "alt", content.alt);
  set("cta", "textContent", content.cta?.label);
  set("cta", "href", siteUrl(content.cta?.href));
  for (const part of ["headline", "subhead", "text"] as const) set(part, "textContent", content[part]);
  slot.dataset.vtVariant = content.variant;
};

/**
 * Applies a decision to the page and marks what it changed with `data-vt-variant`.
 * - Slots: `slots[id]` fills every `[data-vt-slot=id]` and shows it (removes `hidden`); a null
 *   slot gets `hidden`; slots the decision does not name are left alone. A decision without
 *   `slots` (an older worker's) fills the hero from `hero`.
 * - Grids: the worker's sku order; a cached decision's strategy is applied to this page's cards
 *   by the worker's rule where the markup carries the key (`price_desc`, `new_arrivals`), by
 *   stock alone otherwise (`interest`).
 * (`[data-vt-explain]` is filled by the lazy part: `o` in extra.ts.)
 * Idempotent: applying twice changes nothing.
 * @example apply(vitrine.decision!, false)
 */
export const apply = (dec: Decision, cached?: boolean): void => {
  const slots = dec.slots ?? { hero: dec.hero },
    sort = dec.sort,
    skus = !cached && sort.skus,
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
        // Other strategies have no key: every card is as unknown, the stock alone sorts.
        key = ({ price_desc: +data.vtPrice!, new_arrivals: Date.parse(data.vtAdded!) } as Record<string, number>)[sort.strategy]!;
      return !data.vtSku ? 3e13 : skus ? skus.indexOf(data.vtSku) + 1 || 3e13 : (data.vtStock == "out" ? 1e13 : 0) + (key >= 0 ? -key : 5e12);
    };
  for (const id in slots) {
    const content = slots[id];
    // Quoted: a slug may start with a digit, which an unquoted attribute value may not.
    all(`[data-vt-slot="${id}"]`).forEach((slot) => ((slot.hidden = !content), content && fill(slot, content)));
  }
  all("[data-vt-sort]").forEach((grid) => {
    const cards = [...grid.children] as Card[];
    // The markup's order: the tie-breaker, what "default" restores and what decide is sent.
    cards.forEach((card, i) => (card.vtI ??= i));
    const order = [...cards].sort((a, b) => rank(a) - rank(b) || a.vtI! - b.vtI!);
    // Moving nodes that are already in place would restart media and drop focus.
    if (order.some((card, i) => card != cards[i])) grid.append(...order);
    grid.dataset.vtVariant = sort.strategy;
  });
};
