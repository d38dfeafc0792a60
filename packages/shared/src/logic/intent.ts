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

/**
 * The buyer score: a logistic model of one session. The `fitted` part was fitted on 6,165 real
 * shop sessions (the UCI "Online Shoppers Purchasing Intention" set, half of it) by
 * `npm run calibrate` on 2026-12-01: ridge-penalized logistic regression (λ = 1), 10-fold
 * cross-validated AUC 0.7115 (seed 1). See docs/intent.md for the fit and what each weight means.
 *
 * - `engaged`: slopes of a rising curve over ln(1 + engaged minutes) on product and category
 *   pages, one per stretch (0–2, 2–10, 10–30, 30+ minutes); engaged time counts at most
 *   `engagedCapSeconds` per page, so a tab left open is not reading, and neither more pages nor
 *   more time ever lower the score.
 * - `accountPages` / `infoPages`: the session opened an account page (sign-in, orders) / a page
 *   about the shop (shipping, returns, contact).
 * - `returning`: a returning visitor; in real shops they buy less often per session than new ones.
 *
 * The rest is set, not fitted: the calibration data has no cart, checkout, search or source
 * columns. `cart` and `checkout` put a session with typical engagement at about even odds once
 * it carts and past it at checkout, as a cart abandonment rate of about 70% (Baymard Institute's
 * average of published studies) implies.
 */
export const BUYER_MODEL = {
  intercept: -2.59,
  engaged: [0.17, 1.08, 0.18, 0.42],
  accountPages: 0.44,
  infoPages: 0.16,
  returning: -0.95,
  engagedCapSeconds: 60,
  /** Where the stretches of the engagement curve meet, in minutes. */
  engagedKnotsMinutes: [2, 10, 30],
  cart: 1.8,
  extraCart: 0.2,
  extraCartCap: 3,
  checkout: 1.5,
  purchase: 1.2,
  searchToProduct: 0.6,
  direct: 0.4,
  brandedSearch: 0.5,
  pastOrders: 0.5,
} as const;

/**
 * The researcher score's weights: a pattern across the last 30 days of sessions, set by hand (the
 * calibration data holds one session per visitor, so it cannot show a pattern across visits).
 */
export const RESEARCH_WEIGHTS = {
  base: -2.5,
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

/** Research looks back this far: sessions from last season say nothing about today. */
const RESEARCH_WINDOW_MS = 30 * DAY_MS;

const M = BUYER_MODEL;
const R = RESEARCH_WEIGHTS;
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** What the fitted part of the buyer score reads from a session. */
export interface SessionActivity {
  /** Product and category pages opened. */
  catalogPages: number;
  /** Time on them, in milliseconds. */
  catalogDwellMs: number;
  accountPages: number;
  infoPages: number;
  returning: boolean;
}

/**
 * Engaged minutes on product and category pages: the time on them, at most `engagedCapSeconds`
 * per page.
 * @example engagedMinutes({ catalogPages: 3, catalogDwellMs: 600_000 }) // 3
 */
export function engagedMinutes(activity: Pick<SessionActivity, "catalogPages" | "catalogDwellMs">): number {
  const ms = Math.min(Math.max(activity.catalogDwellMs, 0), Math.max(activity.catalogPages, 0) * M.engagedCapSeconds * 1000);
  return ms / 60_000;
}

/**
 * The model's inputs for one session, in `BUYER_MODEL`'s order: the engagement curve's four
 * stretches of ln(1 + engaged minutes), then account pages seen (0/1), pages about the shop
 * seen (0/1), returning visitor (0/1). The calibration script fits on exactly these.
 * @example buyerFeatures({ catalogPages: 12, catalogDwellMs: 540_000, accountPages: 0, infoPages: 1, returning: true })
 * // [1.0986, 1.2993, 0.0, 0.0, 0, 1, 1]
 */
export function buyerFeatures(activity: SessionActivity): number[] {
  const x = Math.log1p(engagedMinutes(activity));
  const knots = [0, ...M.engagedKnotsMinutes.map(Math.log1p), Infinity];
  const stretches = knots.slice(0, -1).map((from, i) => Math.min(Math.max(x - from, 0), knots[i + 1]! - from));
  return [...stretches, activity.accountPages > 0 ? 1 : 0, activity.infoPages > 0 ? 1 : 0, activity.returning ? 1 : 0];
}

/** The fitted weights in `buyerFeatures` order. */
const FITTED = [...M.engaged, M.accountPages, M.infoPages, M.returning];

const signed = (x: number) => `${x < 0 ? "−" : "+"}${Math.abs(round2(x)).toFixed(2)}`;

/** The session in progress as the fitted model reads it. */
function activityOf(profile: Profile): SessionActivity {
  const s = profile.session;
  return {
    catalogPages: s.productViews + s.categoryViews,
    catalogDwellMs: s.productDwellMs + s.categoryDwellMs,
    accountPages: s.accountViews,
    infoPages: s.infoViews,
    returning: profile.sessions >= 2,
  };
}

/** Signals for buying, all from the session in progress plus the visitor's order history. */
function buyerSignals(profile: Profile): Signal[] {
  const s = profile.session;
  const activity = activityOf(profile);
  const x = buyerFeatures(activity);
  const signals: Signal[] = [];
  const engagement = [0, 1, 2, 3].reduce((sum, i) => sum + x[i]! * FITTED[i]!, 0);
  if (activity.catalogPages > 0) {
    const minutes = engagedMinutes(activity);
    const time = minutes >= 0.5 ? `, ${Math.round(minutes)} min engaged` : "";
    signals.push({ weight: engagement, reason: `${plural(activity.catalogPages, "product or category page")}${time} this session (${signed(engagement)})` });
  }
  if (x[4]) signals.push({ weight: M.accountPages, reason: `opened an account page (${signed(M.accountPages)})` });
  if (x[5]) signals.push({ weight: M.infoPages, reason: `read about shipping, returns or the shop (${signed(M.infoPages)})` });
  if (x[6]) signals.push({ weight: M.returning, reason: `returning visitor (${signed(M.returning)})` });
  if (s.searchToProduct) signals.push({ weight: M.searchToProduct, reason: `searched, then opened a product (${signed(M.searchToProduct)})` });
  if (s.carts > 0) {
    const weight = M.cart + M.extraCart * Math.min(s.carts - 1, M.extraCartCap);
    signals.push({ weight, reason: `${s.carts === 1 ? "added to cart" : `${s.carts} cart adds`} this session (${signed(weight)})` });
  }
  if (s.checkouts > 0) signals.push({ weight: M.checkout, reason: `reached checkout this session (${signed(M.checkout)})` });
  if (s.purchases > 0) signals.push({ weight: M.purchase, reason: `ordered this session (${signed(M.purchase)})` });
  if (s.source.channel === "direct") signals.push({ weight: M.direct, reason: `came straight to the shop (${signed(M.direct)})` });
  if (isBrandedSearch(s.source)) signals.push({ weight: M.brandedSearch, reason: `searched for the shop by name (${signed(M.brandedSearch)})` });
  if (profile.totals.orders > s.purchases) signals.push({ weight: M.pastOrders, reason: `has ordered before (${signed(M.pastOrders)})` });
  return signals;
}

/** Signals for research: the pattern across recent sessions. */
function researcherSignals(profile: Profile, now: number): Signal[] {
  const s = profile.session;
  const recent = allSessions(profile).filter((session) => session.end >= now - RESEARCH_WINDOW_MS);
  const signals: Signal[] = [];
  const add = (weight: number, words: string) => signals.push({ weight, reason: `${words} (research ${signed(weight)})` });
  let cartless = 0;
  for (let i = recent.length - 1; i >= 0 && recent[i]!.carts === 0 && recent[i]!.purchases === 0; i--) cartless++;
  if (cartless >= 2) add(R.cartlessSession * Math.min(cartless, R.cartlessSessionCap), `${cartless} sessions without a cart`);
  if (profile.contentArrivals > 0) {
    const n = profile.contentArrivals;
    add(R.contentArrival * Math.min(n, R.contentArrivalCap), `${plural(n, "arrival")} from reviews or articles`);
  }
  const views = recent.reduce((sum, session) => sum + session.productViews, 0);
  if (recent.length >= 2 && views > 3 && recent.every((session) => session.carts === 0 && session.purchases === 0)) {
    add(Math.min(R.productNoCart * (views - 3), R.productNoCartCap), `${views} product views over ${recent.length} sessions, none carted`);
  }
  if (s.carts > 0) add(R.reachedCart, "cart this session");
  if (s.checkouts > 0) add(R.reachedCheckout, "checkout this session");
  if (s.purchases > 0) add(R.bought, "ordered this session");
  return signals;
}

/**
 * Buyer and researcher scores (0..1, logistic of weighted signals) and the reasons behind them,
 * each with its contribution to the log-odds. The kind is `buyer` when the session reached the
 * cart or checkout, or the buyer score is ≥ 0.5 — and the buyer score is at least the researcher
 * score; else `researcher` if that score is ≥ 0.5; else `browser`.
 *
 * The buyer score ranks sessions by how likely they are to end in an order (calibrated on real
 * sessions, see `BUYER_MODEL`). The researcher score is evidence of comparing over time — coming
 * back without carting, arriving from reviews, many products across visits — not of low value:
 * researchers buy later, and a cart in the session in progress lowers it.
 * @example classifyIntent(profile, Date.now()) // { kind: "buyer", buyer: 0.62, researcher: 0.02, reasons: ["5 product or category pages, 4 min engaged this session (+0.93)", …] }
 */
export function classifyIntent(profile: Profile, now: number): Intent {
  if (profile.sessions === 0) return { kind: "browser", buyer: round2(logistic(M.intercept)), researcher: round2(logistic(R.base)), reasons: [] };
  const forBuying = buyerSignals(profile);
  const research = researcherSignals(profile, now);
  const buyer = round2(logistic(M.intercept + forBuying.reduce((sum, signal) => sum + signal.weight, 0)));
  const researcher = round2(logistic(R.base + research.reduce((sum, signal) => sum + signal.weight, 0)));
  // A cart is the defining act of buying, though most carts are left (about 70% of them in
  // published studies): it makes the kind `buyer` whatever the score, which still ranks them.
  const carted = profile.session.carts > 0 || profile.session.checkouts > 0 || buyer >= 0.5;
  const kind = carted && buyer >= researcher ? "buyer" : researcher >= 0.5 ? "researcher" : "browser";
  return { kind, buyer, researcher, reasons: [...forBuying, ...research].map((signal) => signal.reason) };
}
