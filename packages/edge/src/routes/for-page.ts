import { publicTraits, type FullDecision } from "@vitrine/shared";
import type { Decision } from "@vitrine/shared/schema";

/**
 * The decision as a page may see it, the same for `POST /v1/decide` and proxy mode's handoff
 * (`data-decision`): only the segments that chose what the page shows (a segment's name may say
 * where a visitor is or what they spent); coarse traits (`publicTraits`: no spend, orders,
 * location or campaign) and the explanation in page words only when the page asked (`explain`);
 * `sort.skus` set to `skus` when given (the order proxy mode gave the grid); never `pools`.
 * @example forPage(decision, { explain: false }).traits // undefined
 */
export function forPage(decision: FullDecision, page: { explain?: boolean; skus?: string[] }): Decision {
  // `pools` names where single-use codes come from: the worker's business, never the page's.
  const { traits, explain, pools: _pools, ...rest } = decision;
  const shown = new Set([rest.hero, rest.sort, ...Object.values(rest.slots)].flatMap((part) => (part?.reason.segment ? [part.reason.segment] : [])));
  const sort = page.skus ? { ...rest.sort, skus: page.skus } : rest.sort;
  const seen = { ...rest, segments: rest.segments.filter((segment) => shown.has(segment)), sort };
  return page.explain ? { ...seen, traits: publicTraits(traits), explain } : seen;
}
