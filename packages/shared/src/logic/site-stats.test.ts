import { describe, expect, it } from "vitest";
import { emptySiteStatsState, recordOrder, siteStats } from "./site-stats";

const within1 = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(expected * 0.01);
};

describe("site statistics", () => {
  it("starts empty", () => {
    expect(siteStats(emptySiteStatsState())).toEqual({ orders: 0, customers: 0, aovP90: null, spendP90: null, gaps: 0, gapP80Days: null, gapP95Days: null });
  });

  it("counts every order and one spend per customer", () => {
    let state = emptySiteStatsState();
    state = recordOrder(state, { total: 100, spendBefore: 0, spendAfter: 100 });
    state = recordOrder(state, { total: 50, spendBefore: 100, spendAfter: 150 });
    state = recordOrder(state, { total: 10, spendBefore: 0, spendAfter: 10 });
    const stats = siteStats(state);
    expect(stats).toMatchObject({ orders: 3, customers: 2 });
    within1(stats.aovP90, 50);
    within1(stats.spendP90, 10);
  });

  it("gives the 90th percentiles of order totals and customer spend", () => {
    let state = emptySiteStatsState();
    for (let i = 1; i <= 100; i++) state = recordOrder(state, { total: i, spendBefore: 0, spendAfter: i * 10 });
    const stats = siteStats(state);
    expect(stats).toMatchObject({ orders: 100, customers: 100 });
    within1(stats.aovP90, 90);
    within1(stats.spendP90, 900);
  });

  it("never mutates the state it is given", () => {
    const state = emptySiteStatsState();
    const copy = structuredClone(state);
    recordOrder(state, { total: 5, spendBefore: 0, spendAfter: 5 });
    expect(state).toEqual(copy);
  });
});
