import type { Event } from "../schema/event";
import type { Profile } from "../schema/profile";
import { PROFILE_LIMITS, RECENT_CATEGORIES, MAX_DWELL_MS } from "./limits";
import { addInterest, eventBrand, eventCategories, INTEREST_WEIGHTS, MAX_BRANDS, type CategoryHit } from "./interests";
import { closeSession, newSession, pageKind } from "./session";
import { isContentReferrer, parseSource } from "./source";
import { emptyProfile } from "./profile";
import { round2 } from "./round";

/**
 * What folding needs besides the events: the site's settings and the request's geography.
 * @example const ctx: FoldContext = { sessionMinutes: 30, interestHalfLifeDays: 14, geo: { country: "DE", timezone: "Europe/Berlin" } };
 */
export interface FoldContext {
  sessionMinutes: number;
  interestHalfLifeDays: number;
  geo?: { country?: string; timezone?: string };
}

/**
 * Folds a batch of events into a visitor's profile. Pure: never mutates its inputs; sorts the
 * batch by `ts`; returns the new profile. De-duplicating event ids is the caller's job.
 * Events older than the current session's last event (late arrivals) count in the current
 * session and never move time backwards. Time on a product or category page runs from its view
 * to the next page the visitor opens (capped), so adding to the cart on it never shortens it.
 * @example
 * const profile = foldEvents(null, [{ id: "e1", type: "page_view", ts: Date.now(), url: "https://shop.test/" }], { sessionMinutes: 30, interestHalfLifeDays: 14 });
 * profile.sessions // 1
 */
export function foldEvents(profile: Profile | null, events: readonly Event[], ctx: FoldContext): Profile {
  return foldEventsInto(profile ? structuredClone(profile) : null, events, ctx);
}

/**
 * `foldEvents` without the copy: folds into `profile` itself and returns it (a new profile when
 * null). For an owner that holds the only copy and would throw the old one away anyway, such as
 * the visitor's Durable Object; a clone costs more than the fold.
 * @example const profile = foldEventsInto(JSON.parse(stored), events, ctx);
 */
export function foldEventsInto(profile: Profile | null, events: readonly Event[], ctx: FoldContext): Profile {
  const sorted = events.map((event, i) => ({ event, i })).sort((a, b) => a.event.ts - b.event.ts || a.i - b.i);
  const next: Profile = profile ?? emptyProfile(sorted[0]?.event.ts ?? 0);
  for (const { event } of sorted) foldOne(next, event, ctx);
  if (ctx.geo?.country) next.geo.country = ctx.geo.country;
  if (ctx.geo?.timezone) next.geo.timezone = ctx.geo.timezone;
  return next;
}

/** Events that leave the page: they end the time spent on an open product page (a cart add does not). */
const NAVIGATIONS: readonly Event["type"][] = ["page_view", "category_view", "product_view", "search", "checkout"];

function foldOne(p: Profile, event: Event, ctx: FoldContext): void {
  const ts = event.ts;
  const gap = Math.max(1, ctx.sessionMinutes) * 60_000;
  if (p.sessions === 0 || ts - p.session.last > gap) {
    if (p.sessions === 0) {
      p.firstSeen = ts;
      p.lastSeen = ts;
    } else {
      closeSession(p);
    }
    p.session = newSession(ts, parseSource(event.url, event.referrer));
    p.sessions += 1;
    if (p.sessions === 1) p.firstSource = p.session.source;
    // Only a session's landing counts: a single-page shop keeps the first referrer on every page.
    if (isContentReferrer(event.url, event.referrer)) p.contentArrivals += 1;
  }
  const s = p.session;
  const late = ts < s.last;

  if (!late && NAVIGATIONS.includes(event.type)) {
    if (s.openProductTs !== undefined) s.productDwellMs += Math.min(ts - s.openProductTs, MAX_DWELL_MS);
    if (s.openCategoryTs !== undefined) s.categoryDwellMs += Math.min(ts - s.openCategoryTs, MAX_DWELL_MS);
    delete s.openProductTs;
    delete s.openCategoryTs;
  }
  s.last = Math.max(s.last, ts);
  p.lastSeen = Math.max(p.lastSeen, ts);
  p.firstSeen = Math.min(p.firstSeen, ts);
  countEvent(p, event, late);
  const hits = eventCategories(event);
  const weight = INTEREST_WEIGHTS[event.type] ?? 0;
  const price = event.product?.price;
  addInterest(p.interests, hits, weight, ts, ctx.interestHalfLifeDays, { price });
  const brand = eventBrand(event);
  if (brand && weight > 0) addInterest((p.brands ??= {}), [{ category: brand, depth: 0 }], weight, ts, ctx.interestHalfLifeDays, { price, limit: MAX_BRANDS });
  remember(p, event, hits);
}

function countEvent(p: Profile, event: Event, late: boolean): void {
  const s = p.session;
  switch (event.type) {
    case "page_view": {
      s.pageViews += 1;
      const kind = pageKind(event.url);
      if (kind === "account") s.accountViews += 1;
      if (kind === "info") s.infoViews += 1;
      break;
    }
    case "category_view":
      s.pageViews += 1;
      s.categoryViews += 1;
      if (!late) s.openCategoryTs = event.ts;
      break;
    case "product_view":
      s.pageViews += 1;
      s.productViews += 1;
      if (s.searches > 0) s.searchToProduct = true;
      if (event.product) addDistinct(s.distinctProducts, event.product.sku);
      if (!late) s.openProductTs = event.ts;
      break;
    case "search":
      s.searches += 1;
      break;
    case "add_to_cart":
      s.carts += 1;
      if (event.product) addToCart(p, event.product, event.ts);
      break;
    case "checkout":
      s.checkouts += 1;
      break;
    case "purchase":
      if (event.order) addOrder(p, event.order, event.ts);
      break;
    case "identify":
      p.identified = true;
      // `granted` on an identify event is the person's answer to the shop's mail opt-in.
      if (event.granted !== undefined) p.subscribed = event.granted;
      break;
    default:
      break;
  }
}

function addDistinct(skus: string[], sku: string): void {
  const at = skus.indexOf(sku);
  if (at >= 0) skus.splice(at, 1);
  skus.push(sku);
  if (skus.length > PROFILE_LIMITS.distinctProducts) skus.shift();
}

/** One order per order id: a client hint and the trusted server copy of one order count once. */
function addOrder(p: Profile, order: NonNullable<Event["order"]>, ts: number): void {
  if (p.orders.some((kept) => kept.id === order.id)) return;
  p.session.purchases += 1;
  const coupon = order.coupon !== undefined && order.coupon.trim() !== "";
  p.totals.orders += 1;
  p.totals.revenue = round2(p.totals.revenue + order.total);
  if (coupon) p.totals.couponOrders += 1;
  const at = p.orders.findIndex((kept) => kept.ts > ts);
  p.orders.splice(at < 0 ? p.orders.length : at, 0, { id: order.id, total: order.total, coupon, ts });
  if (p.orders.length > PROFILE_LIMITS.orders) p.orders.shift();
  // An order takes what was in the cart before it.
  if (p.cart) p.cart = p.cart.filter((line) => line.ts > ts);
}

/** One cart line per sku (a second add raises its quantity); an add from before the last order was bought with it. */
function addToCart(p: Profile, product: NonNullable<Event["product"]>, ts: number): void {
  if (p.orders.some((order) => order.ts >= ts)) return;
  const cart = (p.cart ??= []);
  const line = cart.find((kept) => kept.sku === product.sku);
  if (line) {
    line.qty += 1;
    line.ts = Math.max(line.ts, ts);
    if (product.name !== undefined) line.name = product.name;
    return;
  }
  cart.push({ sku: product.sku, ...(product.name !== undefined && { name: product.name }), price: product.price, ...(product.currency !== undefined && { currency: product.currency }), qty: 1, ts });
  if (cart.length > PROFILE_LIMITS.cart) cart.shift();
}

function remember(p: Profile, event: Event, hits: readonly CategoryHit[]): void {
  const categories = hits.slice(0, RECENT_CATEGORIES).map((hit) => hit.category);
  const entry: Profile["recent"][number] = { type: event.type, ts: event.ts };
  if (event.product) entry.sku = event.product.sku;
  if (categories.length > 0) entry.categories = categories;
  const at = p.recent.findIndex((kept) => kept.ts > event.ts);
  p.recent.splice(at < 0 ? p.recent.length : at, 0, entry);
  if (p.recent.length > PROFILE_LIMITS.recent) p.recent.shift();
}
