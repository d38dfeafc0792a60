import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Traits } from "../schema/traits";
import { firstMatch, type RuleLike } from "./rules";
import { SETTINGS, traits } from "./__fixtures__/events";

const interests = (scores: Record<string, number>): Traits =>
  traits({ interests: Object.entries(scores).map(([category, score]) => ({ category, score })).sort((a, b) => b.score - a.score) });

const rules: RuleLike[] = [
  { id: "vip-nc", segment: "vips", interest: "noise-canceling" },
  { id: "big", segment: "big-spenders" },
  { id: "nc", interest: "noise-canceling" },
  { id: "bt", interest: "Bluetooth" },
  { id: "mens", interest: "men's" },
  { id: "research", segment: "researchers" },
];

describe("firstMatch", () => {
  it.each([
    ["no segment, no interest → nothing", [], {}, null],
    ["segment rule", ["big-spenders"], {}, "big"],
    ["segment rule before interest rules (config order)", ["big-spenders"], { "noise-canceling": 3 }, "big"],
    ["segment and interest both needed: both hold", ["vips"], { "noise-canceling": 3 }, "vip-nc"],
    ["segment and interest both needed: interest missing", ["vips"], { bluetooth: 3 }, "bt"],
    ["segment and interest both needed: segment missing", [], { "noise-canceling": 3 }, "nc"],
    ["the strongest named interest wins whatever the rule order", [], { bluetooth: 5, "noise-canceling": 1 }, "bt"],
    ["an unnamed stronger category does not block", [], { headphones: 9, "noise-canceling": 3 }, "nc"],
    ["ties go to config order", [], { bluetooth: 2, "noise-canceling": 2 }, "nc"],
    ["below the minimum score → no interest rule", ["researchers"], { "noise-canceling": 0.9 }, "research"],
    ["rule interests are normalized", [], { bluetooth: 2 }, "bt"],
    ["a segment the visitor is not in", ["someone-else"], {}, null],
  ] as [string, string[], Record<string, number>, string | null][])("%s", (_name, segments, scores, expected) => {
    expect(firstMatch(rules, segments, interests(scores), SETTINGS)?.rule.id ?? null).toBe(expected);
  });

  it("says which segment and interest made the rule match", () => {
    expect(firstMatch(rules, ["vips"], interests({ "noise-canceling": 2.94 }), SETTINGS)).toEqual({
      rule: rules[0],
      segment: "vips",
      interest: { category: "noise-canceling", score: 2.94 },
    });
    expect(firstMatch(rules, ["big-spenders"], interests({}), SETTINGS)).toEqual({ rule: rules[1], segment: "big-spenders" });
  });

  it("uses the site's minimum interest score", () => {
    expect(firstMatch(rules, [], interests({ "men's": 1.5 }), { ...SETTINGS, minInterestScore: 2 })).toBeNull();
    expect(firstMatch(rules, [], interests({ "men's": 0.5 }), { ...SETTINGS, minInterestScore: 0 })?.rule.id).toBe("mens");
  });

  it("matches nothing in an empty list", () => {
    expect(firstMatch([], ["big-spenders"], interests({ kids: 4 }), SETTINGS)).toBeNull();
  });
});

describe("firstMatch: interest rules limited to a segment", () => {
  const vipFirst: RuleLike[] = [
    { id: "vip-bt", segment: "vips", interest: "bluetooth" },
    { id: "nc", interest: "noise-canceling" },
  ];

  it.each([
    ["a non-VIP's stronger bluetooth does not block noise-canceling", [], { bluetooth: 5, "noise-canceling": 2 }, "nc"],
    ["a VIP's stronger bluetooth wins", ["vips"], { bluetooth: 5, "noise-canceling": 2 }, "vip-bt"],
    ["a VIP's stronger noise-canceling wins", ["vips"], { bluetooth: 2, "noise-canceling": 5 }, "nc"],
    ["a non-VIP with bluetooth only", [], { bluetooth: 5 }, null],
  ] as [string, string[], Record<string, number>, string | null][])("%s", (_name, segments, scores, expected) => {
    expect(firstMatch(vipFirst, segments, interests(scores), SETTINGS)?.rule.id ?? null).toBe(expected);
  });

  it("answers the same as if the rules of segments the visitor is not in were not there", () => {
    const names = ["a", "b", "c"];
    const rule = fc.record({ segment: fc.option(fc.constantFrom(...names), { nil: undefined }), interest: fc.option(fc.constantFrom(...names), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), fc.subarray(names), fc.dictionary(fc.constantFrom(...names), fc.integer({ min: 0, max: 5 })), (drafts, segments, scores) => {
        const list: RuleLike[] = drafts.map((draft, i) => ({ id: `r${i}`, ...(draft.segment && { segment: draft.segment }), ...(draft.interest && { interest: draft.interest }) }));
        const reachable = list.filter((r) => r.segment === undefined || segments.includes(r.segment));
        const t = interests(scores);
        expect(firstMatch(list, segments, t, SETTINGS)?.rule.id ?? null).toBe(firstMatch(reachable, segments, t, SETTINGS)?.rule.id ?? null);
      }),
      { numRuns: 300 },
    );
  });
});
