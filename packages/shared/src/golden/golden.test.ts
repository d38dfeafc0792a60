import { describe, expect, it } from "vitest";
import { SiteConfig } from "../schema/config";
import { Decision } from "../schema/decision";
import { Event } from "../schema/event";
import configJson from "./config.json";
import casesJson from "./cases.json";
import { checkExpectations, materializeEvents, partialMismatches, runGoldenCase, type GoldenCase } from "./run";

const config = SiteConfig.parse(configJson);
const cases = (casesJson as { cases: GoldenCase[] }).cases;
/** Thursday 15 January 2026, 12:00 UTC; the cases are relative, so any time works. */
const NOW = Date.UTC(2026, 0, 15, 12);

describe("golden cases", () => {
  it("have a valid config, unique names, and schema-valid events", () => {
    expect(SiteConfig.safeParse(configJson).success).toBe(true);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    cases.forEach((c, i) => {
      for (const event of materializeEvents(c, NOW, i)) expect(Event.safeParse(event).error).toBeUndefined();
    });
  });

  it.each(cases.map((c, i) => [c.name, c, i] as const))("%s", (_name, c, i) => {
    for (const includeOwnOrders of [false, true]) {
      for (const now of [NOW, Date.UTC(2026, 6, 1, 3, 17)]) {
        const decision = runGoldenCase(c, config, now, i, { includeOwnOrders });
        expect(Decision.safeParse(decision).error).toBeUndefined();
        expect(checkExpectations(c.expect, decision)).toEqual([]);
      }
    }
  });
});

describe("golden runner", () => {
  it("turns minutes into timestamps and numbers the events", () => {
    const c: GoldenCase = { name: "x", events: [{ at: -1.5, type: "page_view" }, { at: 0, type: "page_view", id: "mine" }], expect: {} };
    expect(materializeEvents(c, 1_000_000, 7)).toEqual([
      { id: "7-0", type: "page_view", ts: 910_000 },
      { id: "mine", type: "page_view", ts: 1_000_000 },
    ]);
  });

  it.each([
    [{ a: 1, b: { c: 2 } }, { b: { c: 2 } }, []],
    [{ a: [{ x: 1, y: 2 }] }, { a: [{ x: 1 }] }, []],
    [{ a: [1, 2] }, { a: [1] }, ["$.a: expected [1], got [1,2]"]],
    [{ a: 1 }, { a: 2 }, ["$.a: expected 2, got 1"]],
    [{ a: null }, { a: { b: 1 } }, ['$.a: expected {"b":1}, got null']],
  ])("compares %j with %j like toMatchObject", (actual, expected, mismatches) => {
    expect(partialMismatches(actual, expected, "$")).toEqual(mismatches);
  });

  it("reports every kind of mismatch in words", () => {
    const decision = runGoldenCase(cases[0]!, config, NOW, 0);
    const lines = checkExpectations(
      { hero: "kids", sort: "price_desc", skus: [], segmentsInclude: ["vips"], segmentsExclude: ["headphone-fans"], explainIncludes: ["nothing like this"], traits: { lifecycle: { visit: "returning" } } },
      decision,
    );
    expect(lines.map((line) => line.split(":")[0])).toEqual(["traits.lifecycle.visit", "segments", "segments", "hero", "sort", "skus", "explain"]);
  });
});
