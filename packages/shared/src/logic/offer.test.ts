import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { msIntoDay, offerWindow } from "./offer";
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

describe("msIntoDay", () => {
  /** The local clock read afresh, with no cache in between. */
  const reference = (now: number, timeZone: string) => {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" }).formatToParts(new Date(now));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return ((part("hour") % 24) * 3600 + part("minute") * 60 + part("second")) * 1000 + (now % 1000);
  };
  // Daylight-saving changes (Berlin, New York, Lord Howe's half hour, Chatham's +12:45/+13:45) and a quarter-hour zone (Kathmandu's midnight is 18:15 UTC).
  const zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu"];
  const changes = [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 3, 4, 14), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 9, 3, 15, 30)];

  it("matches the clock read afresh, across daylight-saving changes and midnight, asked again within a minute or not", () => {
    const minute = 60_000;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            zone: fc.constantFrom(...zones),
            base: fc.constantFrom(...changes, Date.UTC(2026, 0, 15, 23, 59), Date.UTC(2026, 5, 1, 18, 15)),
            // Whole minutes around the change, then moments inside one: the second ask of a minute is answered from memory.
            minutes: fc.integer({ min: -180, max: 180 }),
            within: fc.array(fc.integer({ min: 0, max: minute - 1 }), { minLength: 1, maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (asks) => {
          for (const { zone, base, minutes, within } of asks) {
            for (const ms of within) {
              const now = Math.floor(base / minute) * minute + minutes * minute + ms;
              expect(msIntoDay(now, zone)).toBe(reference(now, zone));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads the zone's clock once per minute", () => {
    const reads = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    const start = Date.UTC(2026, 6, 1, 9, 30);
    for (let ms = 0; ms < 60_000; ms += 997) msIntoDay(start + ms, "America/New_York");
    msIntoDay(start + 60_000, "America/New_York");
    expect(reads).toHaveBeenCalledTimes(2);
    reads.mockRestore();
  });

  it("moves with the milliseconds inside one minute and turns over at local midnight", () => {
    const justBefore = Date.UTC(2026, 0, 15, 22, 59, 59, 999); // 23:59:59.999 in Berlin (UTC+1)
    expect(msIntoDay(justBefore - 59_999, "Europe/Berlin")).toBe(86_340_000);
    expect(msIntoDay(justBefore, "Europe/Berlin")).toBe(86_399_999);
    expect(msIntoDay(justBefore + 1, "Europe/Berlin")).toBe(0);
  });
});
