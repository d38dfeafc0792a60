import { describe, expect, it } from "vitest";
import type { Event } from "../schema/event";
import { foldEvents } from "./fold";
import { classifyLifecycle } from "./lifecycle";
import { CTX, DAY, ev, MIN, NOW, page, purchase, SETTINGS } from "./__fixtures__/events";

const days = (n: number) => (n * DAY) / MIN;
const identify = (at: number) => ev("identify", at, { user: "hashed-user-1" });
const lifecycleOf = (events: Event[], now = NOW) => classifyLifecycle(foldEvents(null, events, CTX), now, SETTINGS);

describe("classifyLifecycle: stage", () => {
  it.each([
    ["anonymous, no order → visitor", [page(0)], "visitor"],
    ["identified, no order → lead", [page(-1), identify(0)], "lead"],
    ["one order → first_order", [purchase(0, "o1", 10)], "first_order"],
    ["two orders → customer", [purchase(-days(20), "o1", 10), purchase(0, "o2", 10)], "customer"],
    ["three orders → repeat", [purchase(-days(40), "o1", 10), purchase(-days(20), "o2", 10), purchase(0, "o3", 10)], "repeat"],
    ["identified with orders → their order stage", [identify(-1), purchase(0, "o1", 10)], "first_order"],
    ["orders, back after 200 days → lost", [purchase(-days(200), "o1", 10), page(0)], "lost"],
    ["orders, back after 100 days → not lost", [purchase(-days(100), "o1", 10), page(0)], "first_order"],
    ["orders, visited 200 days after the order but only 10 days ago → not lost", [purchase(-days(210), "o1", 10), page(-days(10)), page(0)], "first_order"],
    ["no orders, back after 200 days → visitor, never lost", [page(-days(200)), page(0)], "visitor"],
    ["lost, then ordering again → first order stage again", [purchase(-days(200), "o1", 10), page(-5), purchase(0, "o2", 10)], "customer"],
  ])("%s", (_name, events, stage) => {
    expect(lifecycleOf(events).stage).toBe(stage);
  });

  it("is lost when nothing happened for lostAfterDays, judged at now", () => {
    expect(lifecycleOf([purchase(0, "o1", 10)], NOW + 121 * DAY).stage).toBe("lost");
    expect(lifecycleOf([purchase(0, "o1", 10)], NOW + 119 * DAY).stage).toBe("first_order");
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
    expect(lifecycleOf([])).toMatchObject({ visit: "new", sessions: 0, stage: "visitor" });
  });
});
