import type { Profile } from "../schema/profile";
import type { Traits } from "../schema/traits";
import type { SiteStats } from "../schema/decision";
import type { Settings } from "../schema/config";
import { spendWithin } from "./profile";

type Value = Traits["value"];
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The p90 thresholds value traits are judged against: the site's own once it has
 * `minOrdersForPercentiles` orders, the configured fallbacks before that.
 * @example thresholds({ orders: 3, customers: 3, aovP90: 90, spendP90: 90 }, DEFAULT_SETTINGS) // { aovP90: 250, spendP90: 1000, basis: "fallback" }
 */
export function thresholds(stats: SiteStats, settings: Settings): Value["thresholds"] {
  if (stats.orders >= settings.minOrdersForPercentiles && stats.aovP90 !== null) {
    return { aovP90: round2(stats.aovP90), spendP90: round2(stats.spendP90 ?? settings.fallbackSpendP90), basis: "site" };
  }
  return { aovP90: settings.fallbackAovP90, spendP90: settings.fallbackSpendP90, basis: "fallback" };
}

/**
 * True when the visitor left a cart without ordering: in the session in progress, or in the
 * latest finished session with no order since.
 * @example isCartAbandoner(profile) // false
 */
export function isCartAbandoner(profile: Profile): boolean {
  const s = profile.session;
  if (s.carts > 0 && s.purchases === 0) return true;
  if (s.carts > 0 || s.purchases > 0) return false;
  const previous = profile.pastSessions.at(-1);
  if (!previous || previous.carts === 0 || previous.purchases > 0) return false;
  return !profile.orders.some((order) => order.ts >= previous.start);
}

/**
 * Value traits: order count, average order, 12-month spend and the flags judged against the
 * site's p90s.
 * @example classifyValue(profile, stats, Date.now(), DEFAULT_SETTINGS).bigSpender // true when aov ≥ aovP90
 */
export function classifyValue(profile: Profile, stats: SiteStats, now: number, settings: Settings): Value {
  const kept = profile.orders;
  const aov = kept.length > 0 ? round2(kept.reduce((sum, order) => sum + order.total, 0) / kept.length) : 0;
  const totalSpend = spendWithin(profile, now, 365);
  const limits = thresholds(stats, settings);
  const orders = profile.totals.orders;
  const couponShare = orders > 0 ? profile.totals.couponOrders / orders : 0;
  return {
    orders,
    aov,
    totalSpend,
    bigSpender: orders >= 1 && aov >= limits.aovP90,
    vip: totalSpend > 0 && totalSpend >= limits.spendP90,
    active: orders >= settings.activeMinOrders,
    couponLover: orders >= settings.couponLoverMinOrders && couponShare >= settings.couponLoverShare,
    cartAbandoner: isCartAbandoner(profile),
    thresholds: limits,
  };
}
