import { describe, expect, it } from "vitest";
import type { Event } from "../schema/event";
import type { SiteStats } from "../schema/decision";
import { foldEvents } from "./fold";
import { classifyValue, isCartAbandoner, thresholds } from "./value";
import { spendWithin } from "./profile";
import { cart, CTX, DAY, MIN, NOW, page, purchase, SETTINGS } from "./__fixtures__/events";

const days = (n: number) => (n * DAY) / MIN;
const NO_STATS: SiteStats = { orders: 0, customers: 0, aovP90: null, spendP90: null };
const SITE: SiteStats = { orders: 40, customers: 30, aovP90: 150, spendP90: 400 };
const valueOf = (events: Event[], stats = NO_STATS) => classifyValue(foldEvents(null, events, CTX), stats, NOW, SETTINGS);

describe("thresholds", () => {
  it.each([
    ["no orders yet → fallback", NO_STATS, { aovP90: 250, spendP90: 1000, basis: "fallback", spendBasis: "fallback" }],
    ["19 orders → fallback", { orders: 19, customers: 19, aovP90: 90, spendP90: 90 }, { aovP90: 250, spendP90: 1000, basis: "fallback", spendBasis: "fallback" }],
    ["20 orders → site", { orders: 20, customers: 20, aovP90: 90.123, spendP90: 120 }, { aovP90: 90.12, spendP90: 120, basis: "site", spendBasis: "site" }],
    ["site p90 of spend missing → fallback spend", { orders: 20, customers: 0, aovP90: 90, spendP90: null }, { aovP90: 90, spendP90: 1000, basis: "site", spendBasis: "fallback" }],
    ["40 orders from 2 customers → site aov, fallback spend", { orders: 40, customers: 2, aovP90: 90, spendP90: 300 }, { aovP90: 90, spendP90: 1000, basis: "site", spendBasis: "fallback" }],
    ["40 orders from 19 customers → fallback spend", { orders: 40, customers: 19, aovP90: 90, spendP90: 300 }, { aovP90: 90, spendP90: 1000, basis: "site", spendBasis: "fallback" }],
    ["40 orders from 20 customers → site spend", { orders: 40, customers: 20, aovP90: 90, spendP90: 300 }, { aovP90: 90, spendP90: 300, basis: "site", spendBasis: "site" }],
    ["aov p90 missing → fallback aov", { orders: 20, customers: 20, aovP90: null, spendP90: 300 }, { aovP90: 250, spendP90: 300, basis: "fallback", spendBasis: "site" }],
  ])("%s", (_name, stats, expected) => {
    expect(thresholds(stats, SETTINGS)).toEqual(expected);
  });
});

describe("classifyValue", () => {
  it.each([
    ["no orders", [page(0)], NO_STATS, { orders: 0, aov: 0, totalSpend: 0, bigSpender: false, vip: false, active: false, couponLover: false }],
    ["one order above the fallback aov p90", [purchase(0, "o1", 300)], NO_STATS, { orders: 1, aov: 300, bigSpender: true, vip: false }],
    ["one order exactly at the p90 counts", [purchase(0, "o1", 250)], NO_STATS, { bigSpender: true }],
    ["one order below the site p90", [purchase(0, "o1", 120)], SITE, { bigSpender: false }],
    ["one order above the site p90", [purchase(0, "o1", 160)], SITE, { bigSpender: true }],
    ["12-month spend at the site p90 → vip", [purchase(-days(100), "o1", 200), purchase(0, "o2", 200)], SITE, { totalSpend: 400, vip: true, aov: 200, bigSpender: true }],
    ["browser-reported purchases are not trusted spend", [purchase(0, "o1", 9999)], NO_STATS, { totalSpend: 9999, trustedSpend: 0, vip: true }],
    ["spend older than 12 months does not count", [purchase(-days(400), "o1", 900), purchase(0, "o2", 100)], NO_STATS, { totalSpend: 100, vip: false, aov: 500 }],
    ["three orders → active", [purchase(-3, "o1", 1), purchase(-2, "o2", 1), purchase(-1, "o3", 1)], NO_STATS, { orders: 3, active: true }],
    ["two orders, both with coupons → coupon lover", [purchase(-2, "o1", 10, "A"), purchase(-1, "o2", 10, "B")], NO_STATS, { couponLover: true }],
    ["two orders, one with a coupon → coupon lover at share 0.5", [purchase(-2, "o1", 10, "A"), purchase(-1, "o2", 10)], NO_STATS, { couponLover: true }],
    ["three orders, one with a coupon → not a coupon lover", [purchase(-3, "o1", 10, "A"), purchase(-2, "o2", 10), purchase(-1, "o3", 10)], NO_STATS, { couponLover: false }],
    ["one order with a coupon → too few orders", [purchase(-1, "o1", 10, "A")], NO_STATS, { couponLover: false }],
  ])("%s", (_name, events, stats, expected) => {
    expect(valueOf(events, stats)).toMatchObject(expected);
  });

  it("names the thresholds it used", () => {
    expect(valueOf([page(0)], SITE).thresholds).toEqual({ aovP90: 150, spendP90: 400, basis: "site", spendBasis: "site" });
  });

  it.each([
    ["2 customers with many orders: not a VIP at the smaller customer's spend", { orders: 25, customers: 2, aovP90: 80, spendP90: 300 }, { vip: false, bigSpender: true }],
    ["20 customers: the site's spend p90 stands", { orders: 25, customers: 20, aovP90: 80, spendP90: 300 }, { vip: true, bigSpender: true }],
  ] as [string, SiteStats, object][])("%s", (_name, stats, expected) => {
    expect(valueOf([purchase(-2, "o1", 150), purchase(-1, "o2", 150)], stats)).toMatchObject(expected);
  });
});

describe("isCartAbandoner", () => {
  it.each([
    ["cart this session, no order", [page(-2), cart(-1)], true],
    ["cart and order this session", [cart(-2), purchase(-1, "o1", 10)], false],
    ["no cart", [page(0)], false],
    ["cart last session, nothing since", [cart(-100), page(0)], true],
    ["cart last session, ordered then", [cart(-101), purchase(-100, "o1", 10), page(0)], false],
    ["cart last session, ordered in the session before that only", [purchase(-300, "o0", 10), cart(-100), page(0)], true],
    ["cart two sessions ago, a cartless session since", [cart(-300), page(-100), page(0)], false],
    ["cart last session, new cart and order now", [cart(-100), cart(-2), purchase(-1, "o1", 10)], false],
  ])("%s → %s", (_name, events, expected) => {
    expect(isCartAbandoner(foldEvents(null, events, CTX))).toBe(expected);
  });
});

describe("spendWithin", () => {
  it.each([
    [365, 150],
    [30, 100],
    [1000, 1150],
  ])("over %i days → %i", (window, expected) => {
    const p = foldEvents(null, [purchase(-days(500), "o0", 1000), purchase(-days(200), "o1", 50), purchase(0, "o2", 100)], CTX);
    expect(spendWithin(p, NOW, window)).toBe(expected);
  });

  it("defaults to 365 days", () => {
    const p = foldEvents(null, [purchase(-days(366), "o0", 1000), purchase(0, "o2", 100)], CTX);
    expect(spendWithin(p, NOW)).toBe(100);
  });
});
