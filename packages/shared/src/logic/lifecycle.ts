import type { Profile } from "../schema/profile";
import type { Traits } from "../schema/traits";
import type { Settings } from "../schema/config";
import type { SiteStats } from "../schema/decision";
import { spendWithin } from "./profile";
import { thresholds } from "./value";
import { DAY_MS } from "./time";

type Lifecycle = Traits["lifecycle"];

/**
 * The site's figures on the time between a customer's consecutive orders: how many such gaps
 * stand behind them, and their 80th and 95th percentiles in days (null while there are none).
 * Optional beside `SiteStats`: a site without them is judged by the settings' fallbacks.
 */
export interface OrderGapStats {
  gaps: number;
  gapP80Days: number | null;
  gapP95Days: number | null;
}

/**
 * Defaults of the lifecycle settings (the config schema fills them in from here).
 * - `atRiskAfterDays`: days without an order after which a customer is at risk, until the site
 *   has `minOrderGaps` repeat orders to take its own 80th-percentile gap instead.
 * - `minOrderGaps`: repeat orders (gaps between a customer's orders) the site needs before its
 *   own gaps replace `atRiskAfterDays` and `lostAfterDays` (its 95th-percentile gap).
 * - `repeatMinOrders`: orders that make a repeat, casual or top customer.
 */
export const LIFECYCLE_DEFAULTS = {
  atRiskAfterDays: 60,
  minOrderGaps: 20,
  repeatMinOrders: 2,
} as const;

/** Lifecycle settings with defaults, for callers that hand over partial settings. */
type LifecycleSettings = Pick<Settings, "sessionMinutes" | "lostAfterDays" | "minOrdersForPercentiles" | "fallbackAovP90" | "fallbackSpendP90"> & {
  atRiskAfterDays?: number;
  minOrderGaps?: number;
  repeatMinOrders?: number;
};

/**
 * When the visitor was last active before the visit in progress: the end of the previous
 * session while the current one is still going, otherwise the last event.
 */
function previousActivity(profile: Profile, now: number, settings: LifecycleSettings): number {
  const ongoing = now - profile.session.last <= settings.sessionMinutes * 60_000;
  if (!ongoing) return profile.lastSeen;
  return profile.pastSessions.at(-1)?.end ?? profile.session.start;
}

/**
 * The days without an order after which a customer is at risk, and lost: the site's own 80th and
 * 95th percentile gap between orders once `minOrderGaps` gaps stand behind them (never shorter
 * than a day, lost never before at risk), the settings before that.
 * @example lifecycleThresholds({ orders: 0, customers: 0, aovP90: null, spendP90: null }, DEFAULT_SETTINGS)
 * // { atRiskDays: 60, lostDays: 120, basis: "fallback" }
 */
export function lifecycleThresholds(stats: SiteStats & Partial<OrderGapStats>, settings: LifecycleSettings): NonNullable<Lifecycle["thresholds"]> {
  const minGaps = settings.minOrderGaps ?? LIFECYCLE_DEFAULTS.minOrderGaps;
  const p80 = stats.gapP80Days;
  const p95 = stats.gapP95Days;
  if ((stats.gaps ?? 0) >= minGaps && typeof p80 === "number" && typeof p95 === "number" && p80 > 0) {
    const atRiskDays = Math.max(1, Math.round(p80));
    return { atRiskDays, lostDays: Math.max(atRiskDays + 1, Math.round(p95)), basis: "site" };
  }
  return { atRiskDays: settings.atRiskAfterDays ?? LIFECYCLE_DEFAULTS.atRiskAfterDays, lostDays: settings.lostAfterDays, basis: "fallback" };
}

/** The median of a customer's own gaps between orders, in days; undefined below two orders. */
function ownGapDays(profile: Profile): number | undefined {
  const ts = profile.orders.map((order) => order.ts).sort((a, b) => a - b);
  const gaps = ts.slice(1).map((t, i) => (t - ts[i]!) / DAY_MS).sort((a, b) => a - b);
  if (gaps.length === 0) return undefined;
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

/**
 * Visit (new/returning), identity, mail opt-in and the customer stage, judged at `now`:
 *
 * | stage | when |
 * | --- | --- |
 * | `visitor` | anonymous, no order |
 * | `lead` | identified (an `identify` event), no order |
 * | `subscriber` | opted in to the shop's mail (`identify` with `granted: true`), no order |
 * | `first_order` | one order |
 * | `repeat` | `repeatMinOrders`+ orders, ordering again within the at-risk gap (their own median gap) |
 * | `casual` | `repeatMinOrders`+ orders, but more slowly than that |
 * | `top_customer` | `repeatMinOrders`+ orders and a 12-month spend at the site's spend p90 (the VIP line) |
 * | `at_risk` | a customer with no order for the at-risk gap |
 * | `lost` | a customer with no order and no visit for the lost gap |
 *
 * The gaps are the site's own (see `lifecycleThresholds`). A lost customer stays `lost` for the
 * visit that brings them back (so a win-back message can greet them); the next visit shows
 * `at_risk` until they order again.
 * @example classifyLifecycle(profile, Date.now(), DEFAULT_SETTINGS, siteStats(state)).stage // "first_order"
 */
export function classifyLifecycle(profile: Profile, now: number, settings: LifecycleSettings, stats?: SiteStats & Partial<OrderGapStats>): Lifecycle {
  const site = stats ?? { orders: 0, customers: 0, aovP90: null, spendP90: null };
  const limits = lifecycleThresholds(site, settings);
  const orders = profile.totals.orders;
  const lastOrder = profile.orders.at(-1)?.ts;
  const sinceOrder = lastOrder === undefined ? undefined : Math.max(0, now - lastOrder);
  const repeatMin = settings.repeatMinOrders ?? LIFECYCLE_DEFAULTS.repeatMinOrders;
  let stage: Lifecycle["stage"];
  if (orders === 0 || sinceOrder === undefined) {
    stage = profile.subscribed ? "subscriber" : profile.identified ? "lead" : "visitor";
  } else if (sinceOrder > limits.lostDays * DAY_MS && now - previousActivity(profile, now, settings) > limits.lostDays * DAY_MS) {
    stage = "lost";
  } else if (sinceOrder > limits.atRiskDays * DAY_MS) {
    stage = "at_risk";
  } else if (orders < repeatMin) {
    stage = "first_order";
  } else if (spendWithin(profile, now, 365) >= thresholds(site, settings).spendP90) {
    stage = "top_customer";
  } else {
    const gap = ownGapDays(profile);
    stage = gap !== undefined && gap > limits.atRiskDays ? "casual" : "repeat";
  }
  const lifecycle: Lifecycle = {
    visit: profile.sessions >= 2 ? "returning" : "new",
    sessions: profile.sessions,
    firstSeen: profile.firstSeen,
    lastSeen: profile.lastSeen,
    stage,
    identified: profile.identified,
    subscribed: profile.subscribed === true,
    thresholds: limits,
  };
  if (sinceOrder !== undefined) lifecycle.daysSinceOrder = Math.floor(sinceOrder / DAY_MS);
  return lifecycle;
}
