import type { Profile } from "../schema/profile";
import type { Traits } from "../schema/traits";
import type { SiteStats } from "../schema/decision";
import type { Settings } from "../schema/config";
import { spendWithin } from "./profile";
import { round2 } from "./round";

type Value = Traits["value"];

/** The site's p90 when its sample is big enough, else the configured fallback. */
type ThresholdSettings = Pick<Settings, "minOrdersForPercentiles" | "fallbackAovP90" | "fallbackSpendP90">;

function judged(p90: number | null, sample: number, fallback: number, settings: ThresholdSettings): [number, "site" | "fallback"] {
  return sample >= settings.minOrdersForPercentiles && p90 !== null ? [round2(p90), "site"] : [fallback, "fallback"];
}

/**
 * The p90 thresholds value traits are judged against, each from its own sample: the order-value
 * p90 once the site has `minOrdersForPercentiles` orders, the spend p90 once it has that many
 * customers (a p90 of two customers' spend is the smaller one), the configured fallbacks before.
 * `basis` says where `aovP90` came from, `spendBasis` where `spendP90` did.
 * @example thresholds({ orders: 30, customers: 2, aovP90: 90, spendP90: 90 }, DEFAULT_SETTINGS)
 * // { aovP90: 90, spendP90: 1000, basis: "site", spendBasis: "fallback" }
 */
export function thresholds(stats: SiteStats, settings: ThresholdSettings): Value["thresholds"] {
  const [aovP90, basis] = judged(stats.aovP90, stats.orders, settings.fallbackAovP90, settings);
  const [spendP90, spendBasis] = judged(stats.spendP90, stats.customers, settings.fallbackSpendP90, settings);
  return { aovP90, spendP90, basis, spendBasis };
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
  const trustedSpend = spendWithin(profile, now, 365, true);
  const limits = thresholds(stats, settings);
  const orders = profile.totals.orders;
  const couponShare = orders > 0 ? profile.totals.couponOrders / orders : 0;
  return {
    orders,
    aov,
    totalSpend,
    trustedSpend,
    bigSpender: orders >= 1 && aov >= limits.aovP90,
    vip: totalSpend > 0 && totalSpend >= limits.spendP90,
    active: orders >= settings.activeMinOrders,
    couponLover: orders >= settings.couponLoverMinOrders && couponShare >= settings.couponLoverShare,
    cartAbandoner: isCartAbandoner(profile),
    thresholds: limits,
  };
}
