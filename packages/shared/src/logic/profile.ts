import type { Profile } from "../schema/profile";
import { newSession } from "./session";
import { round2 } from "./round";
import { DAY_MS } from "./time";

/**
 * A visitor nobody has seen yet: no sessions, no orders, direct source.
 * @example emptyProfile(Date.now()).sessions // 0
 */
export function emptyProfile(ts: number): Profile {
  return {
    v: 1,
    firstSeen: ts,
    lastSeen: ts,
    sessions: 0,
    session: newSession(ts, { channel: "direct" }),
    pastSessions: [],
    interests: {},
    orders: [],
    totals: { orders: 0, revenue: 0, couponOrders: 0 },
    recent: [],
    firstSource: { channel: "direct" },
    identified: false,
    contentArrivals: 0,
    geo: {},
  };
}

/**
 * The visitor's spend over the `days` before `now` (orders in the kept window); with `trustedOnly`,
 * of the orders the shop's backend confirmed only.
 * @example spendWithin(profile, Date.now()) // 12-month spend
 */
export function spendWithin(profile: Profile, now: number, days = 365, trustedOnly = false): number {
  const since = now - days * DAY_MS;
  const total = profile.orders.reduce((sum, order) => (order.ts >= since && (!trustedOnly || order.trusted) ? sum + order.total : sum), 0);
  return round2(total);
}
