import type { Profile } from "../schema/profile";
import type { Traits } from "../schema/traits";
import { allSessions } from "./session";
import { isBrandedSearch } from "./source";
import { plural } from "./plural";
import { round2 } from "./round";
import { DAY_MS } from "./time";

type Intent = Traits["intent"];

/** One piece of evidence: its weight on the log-odds and the words that explain it. */
interface Signal {
  weight: number;
  reason: string;
}

/** Research looks back this far: sessions from last season say nothing about today. */
const RESEARCH_WINDOW_MS = 30 * DAY_MS;

/**
 * Log-odds weights. Within one session, depth goes with buying (shoppers who open more product
 * pages and stay on them convert more), so product views and dwell only ever add to the buyer
 * score. Research is a pattern across sessions: coming back again and again without a cart,
 * arriving from reviews and articles, seeing many products and carting none.
 */
export const INTENT_WEIGHTS = {
  buyerBase: -2.5,
  productView: 0.3,
  productViewCap: 8,
  /** Per ln(1 + minutes on product pages). */
  dwell: 0.5,
  dwellCap: 1.5,
  searchToProduct: 0.6,
  cart: 1.8,
  extraCart: 0.2,
  extraCartCap: 3,
  checkout: 1.5,
  purchase: 1.2,
  direct: 0.4,
  brandedSearch: 0.5,
  pastOrders: 0.5,
  researcherBase: -2.5,
  cartlessSession: 0.7,
  cartlessSessionCap: 4,
  contentArrival: 0.9,
  contentArrivalCap: 3,
  /** Per product view beyond the third across sessions, when none reached a cart. */
  productNoCart: 0.15,
  productNoCartCap: 1.5,
  reachedCart: -1.5,
  reachedCheckout: -1,
  bought: -1.5,
} as const;

const W = INTENT_WEIGHTS;
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Signals for buying, all from the session in progress plus the visitor's order history. */
function buyerSignals(profile: Profile): Signal[] {
  const s = profile.session;
  const signals: Signal[] = [];
  if (s.productViews > 0) {
    signals.push({ weight: W.productView * Math.min(s.productViews, W.productViewCap), reason: `${plural(s.productViews, "product page")} this session (+)` });
  }
  const minutes = s.productDwellMs / 60_000;
  if (minutes >= 0.5) {
    signals.push({ weight: Math.min(W.dwell * Math.log1p(minutes), W.dwellCap), reason: `${Math.round(minutes)} min on product pages this session (+)` });
  }
  if (s.searchToProduct) signals.push({ weight: W.searchToProduct, reason: "searched, then opened a product (+)" });
  if (s.carts > 0) {
    const extra = W.extraCart * Math.min(s.carts - 1, W.extraCartCap);
    signals.push({ weight: W.cart + extra, reason: s.carts === 1 ? "added to cart this session (+)" : `${s.carts} cart adds this session (+)` });
  }
  if (s.checkouts > 0) signals.push({ weight: W.checkout, reason: "reached checkout this session (+)" });
  if (s.purchases > 0) signals.push({ weight: W.purchase, reason: "ordered this session (+)" });
  if (s.source.channel === "direct") signals.push({ weight: W.direct, reason: "came straight to the shop (+)" });
  if (isBrandedSearch(s.source)) signals.push({ weight: W.brandedSearch, reason: "searched for the shop by name (+)" });
  if (profile.totals.orders > s.purchases) signals.push({ weight: W.pastOrders, reason: "has ordered before (+)" });
  return signals;
}

/** Signals for research: the pattern across recent sessions. */
function researcherSignals(profile: Profile, now: number): Signal[] {
  const s = profile.session;
  const recent = allSessions(profile).filter((session) => session.end >= now - RESEARCH_WINDOW_MS);
  const signals: Signal[] = [];
  let cartless = 0;
  for (let i = recent.length - 1; i >= 0 && recent[i]!.carts === 0 && recent[i]!.purchases === 0; i--) cartless++;
  if (cartless >= 2) {
    signals.push({ weight: W.cartlessSession * Math.min(cartless, W.cartlessSessionCap), reason: `${cartless} sessions without a cart (research)` });
  }
  if (profile.contentArrivals > 0) {
    const n = profile.contentArrivals;
    signals.push({ weight: W.contentArrival * Math.min(n, W.contentArrivalCap), reason: `${plural(n, "arrival")} from reviews or articles (research)` });
  }
  const views = recent.reduce((sum, session) => sum + session.productViews, 0);
  if (recent.length >= 2 && views > 3 && recent.every((session) => session.carts === 0 && session.purchases === 0)) {
    signals.push({
      weight: Math.min(W.productNoCart * (views - 3), W.productNoCartCap),
      reason: `${views} product views over ${recent.length} sessions, none carted (research)`,
    });
  }
  if (s.carts > 0) signals.push({ weight: W.reachedCart, reason: "cart this session (less research)" });
  if (s.checkouts > 0) signals.push({ weight: W.reachedCheckout, reason: "checkout this session (less research)" });
  if (s.purchases > 0) signals.push({ weight: W.bought, reason: "ordered this session (less research)" });
  return signals;
}

/**
 * Buyer and researcher scores (0..1, logistic of weighted signals) and the reasons behind them.
 * `buyer` if its score is ≥ 0.5 and ≥ the researcher score, `researcher` if that score is
 * ≥ 0.5, else `browser`.
 * @example classifyIntent(profile, Date.now()) // { kind: "buyer", buyer: 0.97, researcher: 0.02, reasons: ["3 product pages this session (+)", …] }
 */
export function classifyIntent(profile: Profile, now: number): Intent {
  if (profile.sessions === 0) return { kind: "browser", buyer: round2(logistic(W.buyerBase)), researcher: round2(logistic(W.researcherBase)), reasons: [] };
  const buying = buyerSignals(profile);
  const research = researcherSignals(profile, now);
  const buyer = round2(logistic(W.buyerBase + buying.reduce((sum, signal) => sum + signal.weight, 0)));
  const researcher = round2(logistic(W.researcherBase + research.reduce((sum, signal) => sum + signal.weight, 0)));
  const kind = buyer >= 0.5 && buyer >= researcher ? "buyer" : researcher >= 0.5 ? "researcher" : "browser";
  return { kind, buyer, researcher, reasons: [...buying, ...research].map((signal) => signal.reason) };
}
