import { describe, expect, it } from "vitest";
import { offerWindow } from "./offer";
import { Offer } from "../schema/offer";

const at = (h: number, m = 0, s = 0) => Date.UTC(2026, 0, 15, h, m, s);

describe("offerWindow", () => {
  const evening = { timezone: "UTC", hours: { from: "18:00", to: "22:00" } };

  it("is open inside today's hours and ends at the window's end", () => {
    expect(offerWindow(evening, at(21, 30))).toEqual({ open: true, endsAt: at(22) });
    expect(offerWindow(evening, at(18))).toEqual({ open: true, endsAt: at(22) });
  });

  it("is closed before and at the window's end", () => {
    expect(offerWindow(evening, at(17, 59, 59))).toEqual({ open: false });
    expect(offerWindow(evening, at(22))).toEqual({ open: false });
  });

  it("reads the hours in the offer's time zone", () => {
    // 18:30 in Berlin (UTC+1 in January) is 17:30 UTC.
    const berlin = { ...evening, timezone: "Europe/Berlin" };
    expect(offerWindow(berlin, at(17, 30))).toEqual({ open: true, endsAt: at(21) });
    expect(offerWindow(berlin, at(21, 30))).toEqual({ open: false });
  });

  it("passes midnight for a window such as 22:00-02:00", () => {
    const night = { timezone: "UTC", hours: { from: "22:00", to: "02:00" } };
    expect(offerWindow(night, at(23))).toEqual({ open: true, endsAt: at(23) + 3 * 3_600_000 });
    expect(offerWindow(night, at(1))).toEqual({ open: true, endsAt: at(2) });
    expect(offerWindow(night, at(12))).toEqual({ open: false });
  });

  it("takes the earlier of the absolute end and the day's window", () => {
    expect(offerWindow({ ...evening, end: at(20) }, at(19))).toEqual({ open: true, endsAt: at(20) });
    expect(offerWindow({ end: at(20) }, at(19))).toEqual({ open: true, endsAt: at(20) });
    expect(offerWindow({ start: at(20) }, at(19))).toEqual({ open: false });
    expect(offerWindow({}, at(19))).toEqual({ open: true });
  });
});

describe("Offer schema", () => {
  it("refuses a shared code with a pool, an empty window, an end before its start and unknown zones, naming the path", () => {
    const paths = (input: unknown) => Offer.safeParse(input).error?.issues.map((issue) => issue.path.join("."));
    expect(paths({ code: "A", pool: "p" })).toEqual(["pool"]);
    expect(paths({ hours: { from: "18:00", to: "18:00" } })).toEqual(["hours"]);
    expect(paths({ start: 1_767_225_600_010, end: 1_767_225_600_005 })).toEqual(["end"]);
    expect(paths({ timezone: "Mars/Olympus", hours: { from: "18:00", to: "22:00" } })).toEqual(["timezone"]);
    expect(paths({ hours: { from: "24:00", to: "01:00" } })).toEqual(["hours.from"]);
    expect(Offer.safeParse({ code: "EVENING20", hours: { from: "18:00", to: "22:00" } }).success).toBe(true);
  });

  it("refuses times in seconds and a timezone without hours, saying why", () => {
    const issues = (input: unknown) => Offer.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    // Before, an end in seconds (1798761600) was taken as 1970 and the offer never showed.
    expect(issues({ code: "A", end: 1_798_761_600 })).toEqual([["end", expect.stringContaining("ms since the epoch")]]);
    expect(issues({ code: "A", start: 1_767_225_600, end: 1_798_761_600_000 })).toEqual([["start", expect.stringContaining("not seconds")]]);
    expect(issues({ code: "A", end: 1_798_761_600_000 })).toBeUndefined();
    expect(issues({ code: "A", timezone: "Europe/Berlin" })).toEqual([["timezone", expect.stringContaining("add hours or remove timezone")]]);
  });
});
