import { describe, expect, it } from "vitest";
import type { Event } from "../schema/event";
import { foldEvents } from "./fold";
import type { SiteStats } from "../schema/decision";
import { classifyLifecycle, lifecycleThresholds, type OrderGapStats } from "./lifecycle";
import { CTX, DAY, ev, MIN, NOW, page, purchase, SETTINGS } from "./__fixtures__/events";

const days = (n: number) => (n * DAY) / MIN;
const identify = (at: number, granted?: boolean) => ev("identify", at, granted === undefined ? { user: "hashed-user-1" } : { user: "hashed-user-1", granted });
const NO_STATS: SiteStats = { orders: 0, customers: 0, aovP90: null, spendP90: null };
const lifecycleOf = (events: Event[], now = NOW, stats: SiteStats & Partial<OrderGapStats> = NO_STATS) => classifyLifecycle(foldEvents(null, events, CTX), now, SETTINGS, stats);
/** Orders `daysAgo` each, with a visit just before each. */
const orders = (...daysAgo: number[]) => daysAgo.flatMap((d, i) => [page(-days(d) - 5), purchase(-days(d), `o${i}`, 50)]);

describe("classifyLifecycle: stage", () => {
  it.each([
    ["anonymous, no order → visitor", [page(0)], "visitor"],
    ["identified, no order → lead", [page(-1), identify(0)], "lead"],
    ["opted in to mail, no order → subscriber", [page(-1), identify(0, true)], "subscriber"],
    ["opted in, then out → lead", [identify(-5, true), identify(0, false)], "lead"],
    ["one order → first_order", [purchase(0, "o1", 10)], "first_order"],
    ["a subscriber who orders → first_order", [identify(-10, true), purchase(0, "o1", 10)], "first_order"],
    ["two orders 20 days apart → repeat", [...orders(20, 0)], "repeat"],
    ["three orders a month apart → repeat", [...orders(60, 30, 2)], "repeat"],
    ["two orders 100 days apart, the last recent → casual", [...orders(110, 10)], "casual"],
    ["two orders, 12-month spend at the fallback spend p90 → top_customer", [purchase(-days(30), "o1", 600), purchase(0, "o2", 500)], "top_customer"],
    ["one big order → first_order, not top", [purchase(0, "o1", 5000)], "first_order"],
    ["last order 61 days ago → at_risk", [...orders(61), page(0)], "at_risk"],
    ["last order 59 days ago → not yet at risk", [...orders(59), page(0)], "first_order"],
    ["a repeat customer past the gap → at_risk", [...orders(100, 80), page(0)], "at_risk"],
    ["orders, back after 200 days → lost", [purchase(-days(200), "o1", 10), page(0)], "lost"],
    ["orders, back after 100 days → at risk, not lost", [purchase(-days(100), "o1", 10), page(0)], "at_risk"],
    ["orders, visited 200 days after the order but only 10 days ago → at risk, not lost", [purchase(-days(210), "o1", 10), page(-days(10)), page(0)], "at_risk"],
    ["no orders, back after 200 days → visitor, never lost", [page(-days(200)), page(0)], "visitor"],
    ["lost, then ordering again → repeat stage again", [purchase(-days(200), "o1", 10), page(-5), purchase(0, "o2", 10)], "casual"],
  ])("%s", (_name, events, stage) => {
    expect(lifecycleOf(events).stage).toBe(stage);
  });

  it("is lost when nothing happened for lostAfterDays, judged at now", () => {
    expect(lifecycleOf([purchase(0, "o1", 10)], NOW + 121 * DAY).stage).toBe("lost");
    expect(lifecycleOf([purchase(0, "o1", 10)], NOW + 119 * DAY).stage).toBe("at_risk");
    expect(lifecycleOf([purchase(0, "o1", 10)], NOW + 59 * DAY).stage).toBe("first_order");
  });

  it("takes its thresholds from the settings", () => {
    const profile = foldEvents(null, [...orders(40), page(0)], CTX);
    expect(classifyLifecycle(profile, NOW, { ...SETTINGS, atRiskAfterDays: 30 }).stage).toBe("at_risk");
    expect(classifyLifecycle(profile, NOW, { ...SETTINGS, atRiskAfterDays: 30, lostAfterDays: 35 }).stage).toBe("lost");
    expect(classifyLifecycle(foldEvents(null, orders(40), CTX), NOW, { ...SETTINGS, lostAfterDays: 35 }).stage).toBe("lost");
    const three = foldEvents(null, orders(20, 10, 0), CTX);
    expect(classifyLifecycle(three, NOW, { ...SETTINGS, repeatMinOrders: 4 }).stage).toBe("first_order");
  });

  it("reports the days since the last order and the thresholds it was judged by", () => {
    expect(lifecycleOf([...orders(61), page(0)])).toMatchObject({ daysSinceOrder: 61, thresholds: { atRiskDays: 60, lostDays: 120, basis: "fallback" } });
    expect(lifecycleOf([page(0)]).daysSinceOrder).toBeUndefined();
  });
});

describe("lifecycleThresholds: the site's own gaps between orders", () => {
  const stats = (gaps: number, p80: number | null, p95: number | null) => ({ ...NO_STATS, gaps, gapP80Days: p80, gapP95Days: p95 });

  it.each([
    ["no gap figures → the settings", NO_STATS, { atRiskDays: 60, lostDays: 120, basis: "fallback" }],
    ["too few gaps → the settings", stats(19, 30, 70), { atRiskDays: 60, lostDays: 120, basis: "fallback" }],
    ["enough gaps → p80 at risk, p95 lost", stats(20, 30.4, 70.6), { atRiskDays: 30, lostDays: 71, basis: "site" }],
    ["lost never before at risk", stats(50, 40, 40), { atRiskDays: 40, lostDays: 41, basis: "site" }],
    ["a gap under a day counts as a day", stats(50, 0.2, 0.4), { atRiskDays: 1, lostDays: 2, basis: "site" }],
    ["null percentiles → the settings", stats(50, null, null), { atRiskDays: 60, lostDays: 120, basis: "fallback" }],
  ] as const)("%s", (_name, site, expected) => {
    expect(lifecycleThresholds(site, SETTINGS)).toEqual(expected);
  });

  it("honours minOrderGaps", () => {
    expect(lifecycleThresholds(stats(5, 30, 70), { ...SETTINGS, minOrderGaps: 5 }).basis).toBe("site");
  });

  it("judges a grocery shop's customer at risk sooner than the fallback would", () => {
    const grocery = stats(500, 14, 45);
    expect(lifecycleOf([...orders(20), page(0)], NOW, grocery).stage).toBe("at_risk");
    expect(lifecycleOf([...orders(50)], NOW, grocery).stage).toBe("lost");
    expect(lifecycleOf([...orders(20), page(0)]).stage).toBe("first_order");
  });

  it("splits repeat from casual customers by the site's gap", () => {
    const events = [...orders(40, 20, 5)];
    expect(lifecycleOf(events, NOW, stats(500, 30, 90)).stage).toBe("repeat");
    expect(lifecycleOf(events, NOW, stats(500, 10, 90)).stage).toBe("casual");
  });
});

describe("classifyLifecycle: visit", () => {
  it.each([
    ["first event", [page(0)], "new", 1],
    ["two events 29 minutes apart", [page(-29), page(0)], "new", 1],
    ["an event 31 minutes after the last", [page(-31), page(0)], "returning", 2],
    ["three sessions", [page(-200), page(-100), page(0)], "returning", 3],
  ])("%s → %s", (_name, events, visit, sessions) => {
    expect(lifecycleOf(events)).toMatchObject({ visit, sessions });
  });

  it("reports first and last seen", () => {
    expect(lifecycleOf([page(-100), page(0)])).toMatchObject({ firstSeen: NOW - 100 * MIN, lastSeen: NOW, identified: false });
  });

  it("treats a visitor with no events as new", () => {
    expect(lifecycleOf([])).toMatchObject({ visit: "new", sessions: 0, stage: "visitor", subscribed: false });
  });
});
