import type { SiteStats } from "../schema/decision";
import { createSketch, sketchAdd, sketchCount, sketchQuantile, sketchRemove, type QuantileSketch } from "./sketch";
import { round2 } from "./round";

/**
 * A site's order statistics as JSON, kept by the worker: every order's total, and one 12-month spend per customer.
 * @example await storage.put("stats", recordOrder(state, order)); // plain JSON, safe to store
 */
export interface SiteStatsState {
  orders: QuantileSketch;
  spend: QuantileSketch;
  /** Days between each customer's consecutive trusted orders (absent in records from before it was kept). */
  gaps?: QuantileSketch;
}

/**
 * Statistics of a site without orders.
 * @example siteStats(emptySiteStatsState()) // { orders: 0, customers: 0, aovP90: null, spendP90: null }
 */
export function emptySiteStatsState(): SiteStatsState {
  return { orders: createSketch(), spend: createSketch(), gaps: createSketch() };
}

/**
 * Records one order. `spendBefore`/`spendAfter` are that customer's 12-month spend before and
 * after it (`spendBefore` 0 for a new customer), so the spend sketch keeps one value per customer.
 * @example recordOrder(state, { total: 80, spendBefore: 0, spendAfter: 80 })
 */
export function recordOrder(state: SiteStatsState, order: { total: number; spendBefore: number; spendAfter: number }): SiteStatsState {
  const withoutOld = order.spendBefore > 0 ? sketchRemove(state.spend, order.spendBefore) : state.spend;
  // A customer with no 12-month spend (a free order, an order older than a year) is no spend figure:
  // adding a zero would count a customer that no erasure could ever take out again.
  return { ...state, orders: sketchAdd(state.orders, order.total), spend: order.spendAfter > 0 ? sketchAdd(withoutOld, order.spendAfter) : withoutOld };
}

/**
 * Replaces one customer's gaps between orders: `before` (what the figures held for them) leaves,
 * `after` (their gaps now) enters, so an order placed between two others, or an erasure (`after`
 * empty), leaves the sketch exact.
 * @example replaceGaps(state, [], [30]) // the customer's second order, 30 days after the first
 */
export function replaceGaps(state: SiteStatsState, before: readonly number[], after: readonly number[]): SiteStatsState {
  let gaps = state.gaps ?? createSketch();
  for (const days of before) gaps = sketchRemove(gaps, days);
  for (const days of after) gaps = sketchAdd(gaps, days);
  return { ...state, gaps };
}

const cents = (x: number | null) => (x === null ? null : round2(x));

/**
 * The figures value traits are judged against: counts and the p90s (null while empty).
 * @example siteStats(state).aovP90 // ≈ the 90th percentile of order totals
 */
export function siteStats(state: SiteStatsState): SiteStats {
  return {
    orders: sketchCount(state.orders),
    customers: sketchCount(state.spend),
    aovP90: cents(sketchQuantile(state.orders, 0.9)),
    spendP90: cents(sketchQuantile(state.spend, 0.9)),
    gaps: state.gaps ? sketchCount(state.gaps) : 0,
    gapP80Days: state.gaps ? cents(sketchQuantile(state.gaps, 0.8)) : null,
    gapP95Days: state.gaps ? cents(sketchQuantile(state.gaps, 0.95)) : null,
  };
}
