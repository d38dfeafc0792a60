import type { Decision } from "./types";

type Card = HTMLElement & { vtI?: number };

/**
 * Applies a decision to the `data-vt-*` slots and marks each one with `data-vt-variant`. A
 * cached decision only sorts by price (from the markup): its sku order belongs to another page.
 * Idempotent: applying twice changes nothing.
 * @example apply(vitrine.decision!, false)
 */
export const apply = (dec: Decision, cached?: boolean): void => {
  const h = dec.hero,
    s = dec.sort,
    skus = !cached && s.skus,
    all = (q: string, r: ParentNode = document) => r.querySelectorAll<Card>(q);
  all("[data-vt-slot=hero]").forEach((slot) => {
    // [slot part, property, value]; the worker's config schema only lets site paths and https
    // URLs into image and href.
    (
      [
        ["image", "src", h.image],
        ["image", "alt", h.alt],
        ["headline", "textContent", h.headline],
        ["subhead", "textContent", h.subhead],
        ["cta", "textContent", h.cta?.label],
        ["cta", "href", h.cta?.href],
      ] as const
    ).forEach(([k, p, v]) => v != null && all(`[data-vt-${k}]`, slot).forEach((e) => ((e as any)[p] = v)));
    slot.dataset.vtVariant = h.variant;
  });
  all("[data-vt-sort]").forEach((g) => {
    const kids = [...g.children] as Card[],
      k = (c: Card) => (skus ? skus.indexOf(c.dataset.vtSku!) + 1 || 1e9 : s.strategy == "price_desc" ? -c.dataset.vtPrice! || 0 : 0);
    // The markup's order is the tie-breaker and what "default" restores.
    kids.forEach((c, i) => (c.vtI ??= i));
    const o = [...kids].sort((a, b) => k(a) - k(b) || a.vtI! - b.vtI!);
    // Moving nodes that are already in place would restart media and drop focus.
    if (o.some((c, i) => c != kids[i])) g.append(...o);
    g.dataset.vtVariant = s.strategy;
  });
  // One line per reason: style the element with `white-space: pre-line`.
  all("[data-vt-explain]").forEach((x) => (x.textContent = dec.explain.join("\n")));
};
