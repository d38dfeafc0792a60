import type { SessionState, SessionSummary, Profile } from "../schema/profile";
import type { Source } from "../schema/traits";
import { PROFILE_LIMITS } from "./limits";

/** The kinds of plain pages the buyer score tells apart, beside product and category pages. */
export type PageKind = "account" | "info";

/**
 * Account pages: sign-in, registration, the account itself, order status. The paths the common
 * shop systems use (Shopify `/account`, WooCommerce `/my-account`, Magento `/customer/account`,
 * BigCommerce `/login.php`, `/account.php`).
 */
const ACCOUNT_PATH = /^(account|my-?account|customer|customers|login|log-?in|signin|sign-?in|register|sign-?up|orders?|order-?status|order-?tracking|track-?order|account\.php|login\.php)(\.[a-z]+)?$/;
/** Pages about the shop: contact, about, shipping, returns, help and policies. */
const INFO_PATH =
  /^(contact(-?us)?|about(-?us)?|faqs?|help|support|shipping(-[a-z-]+)?|delivery(-[a-z-]+)?|returns?(-[a-z-]+)?|refund(-[a-z-]+)?|exchanges?|privacy(-[a-z-]+)?|terms(-[a-z-]+)?|policies|legal|imprint|impressum|store-?locator|stores|our-story|warranty|size-?guide)(\.[a-z]+)?$/;

/**
 * What kind of page a `page_view` URL is, from its path: `account` (sign-in, account, order
 * status), `info` (contact, about, shipping, returns, policies) or undefined for anything else.
 * Only the first two path segments are read, so `/pages/contact` and `/en/contact` count, and a
 * product called "returns" deep in a catalog path does not.
 * @example pageKind("https://shop.test/account/login") // "account"
 * @example pageKind("https://shop.test/pages/shipping-policy") // "info"
 */
export function pageKind(url: string | undefined): PageKind | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname.toLowerCase();
  } catch {
    return undefined;
  }
  const segments = path.split("/").filter(Boolean).slice(0, 2);
  if (segments.some((s) => ACCOUNT_PATH.test(s))) return "account";
  if (segments.some((s) => INFO_PATH.test(s))) return "info";
  return undefined;
}

/**
 * A fresh session starting at `ts`, arrived from `source`.
 * @example newSession(Date.now(), { channel: "direct" }).pageViews // 0
 */
export function newSession(ts: number, source: Source): SessionState {
  return {
    start: ts,
    last: ts,
    pageViews: 0,
    productViews: 0,
    productDwellMs: 0,
    distinctProducts: [],
    categoryViews: 0,
    categoryDwellMs: 0,
    accountViews: 0,
    infoViews: 0,
    searches: 0,
    searchToProduct: false,
    carts: 0,
    checkouts: 0,
    purchases: 0,
    source,
  };
}

/**
 * What is kept of a finished session.
 * @example summarize(newSession(0, { channel: "email" })).channel // "email"
 */
export function summarize(session: SessionState): SessionSummary {
  return {
    start: session.start,
    end: session.last,
    pageViews: session.pageViews,
    productViews: session.productViews,
    carts: session.carts,
    purchases: session.purchases,
    channel: session.source.channel,
  };
}

/**
 * Closes the current session into the bounded window of past sessions (working copy, in place).
 * @example closeSession(draft); draft.session = newSession(event.ts, source);
 */
export function closeSession(profile: Profile): void {
  profile.pastSessions.push(summarize(profile.session));
  const excess = profile.pastSessions.length - PROFILE_LIMITS.pastSessions;
  if (excess > 0) profile.pastSessions.splice(0, excess);
}

/**
 * Every kept session, oldest first, the current one last, in the same shape.
 * @example allSessions(profile).at(-1)?.start === profile.session.start // true
 */
export function allSessions(profile: Profile): SessionSummary[] {
  return profile.sessions > 0 ? [...profile.pastSessions, summarize(profile.session)] : [...profile.pastSessions];
}
