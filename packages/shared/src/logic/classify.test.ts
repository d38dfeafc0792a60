import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Traits as TraitsSchema } from "../schema/traits";
import type { SiteStats } from "../schema/decision";
import { classify } from "./classify";
import { foldEvents } from "./fold";
import { emptyProfile } from "./profile";
import { arbEvent, CTX, DAY, ev, NOW, page, SETTINGS, view } from "./__fixtures__/events";

const STATS: SiteStats = { orders: 0, customers: 0, aovP90: null, spendP90: null };

describe("classify", () => {
  it("lists the top ten interests by decayed score, rounded, ties by name", () => {
    const events = [
      ...["k", "j", "i", "h", "g", "e", "d", "c", "b", "a", "f"].map((category, i) => view(-20 + i, `S${i}`, [category])),
      view(-3, "X", ["f"]),
      view(-2, "Y", ["f"]),
    ];
    const traits = classify(foldEvents(null, events, CTX), STATS, NOW, SETTINGS);
    expect(traits.interests.map((i) => i.category)).toEqual(["f", "a", "b", "c", "d", "e", "g", "h", "i", "j"]);
    expect(traits.interests[0]?.score).toBe(3);
  });

  it("ranks a deeper category above its ancestors on a tie, so a long trail keeps its leaf", () => {
    const trail = ["Home", "Electronics", "Audio", "Headphones", "Noise-Canceling", "Gifts", "Sale"];
    const profile = foldEvents(null, [view(-10, "A", trail), view(-7, "B", trail), view(-4, "C", trail)], CTX);
    const traits = classify(profile, STATS, NOW, SETTINGS);
    expect(traits.interests.map((i) => i.category)).toEqual(["sale", "gifts", "noise-canceling", "headphones", "audio", "electronics", "home"]);
    expect(traits.interests.every((i) => i.score === 3)).toBe(true);
  });

  it("carries at most ten interests however many the profile holds", () => {
    const events = Array.from({ length: 30 }, (_, i) => view(-40 + i, `S${i}`, [`cat-${i}`]));
    expect(classify(foldEvents(null, events, CTX), STATS, NOW, SETTINGS).interests).toHaveLength(10);
  });

  it("decays interests to now", () => {
    const profile = foldEvents(null, [view(0, "A", ["kids"]), view(0, "B", ["kids"]), view(0, "C", ["kids"])], CTX);
    expect(classify(profile, STATS, NOW + 14 * DAY, SETTINGS).interests).toEqual([{ category: "kids", score: 1.5, price: 50 }]);
    expect(classify(profile, STATS, NOW + 1 * DAY, SETTINGS).interests).toEqual([{ category: "kids", score: 2.86, price: 50 }]);
  });

  it("uses the site's half-life", () => {
    const profile = foldEvents(null, [view(0, "A", ["kids"])], CTX);
    expect(classify(profile, STATS, NOW + 7 * DAY, { ...SETTINGS, interestHalfLifeDays: 7 }).interests[0]?.score).toBe(0.5);
  });

  it.each([
    ["Europe/Berlin", "DE", 13],
    ["America/New_York", "US", 7],
    [undefined, undefined, 12],
    ["Mars/Olympus", "XX", 12],
  ])("local hour in %s", (timezone, country, hour) => {
    const geo = { ...(country && { country }), ...(timezone && { timezone }) };
    const traits = classify(foldEvents(null, [page(0)], { ...CTX, geo }), STATS, NOW, SETTINGS);
    expect(traits.geo).toEqual({ ...geo, localHour: hour });
  });

  it("reports the current and the first session's source", () => {
    const profile = foldEvents(null, [page(-300, "https://shop.test/?utm_medium=email"), page(0, "https://shop.test/", "https://www.bing.com/")], CTX);
    const traits = classify(profile, STATS, NOW, SETTINGS);
    expect(traits.source.channel).toBe("search");
    expect(traits.firstSource.channel).toBe("email");
  });

  it("classifies a visitor nobody has seen", () => {
    const traits = classify(emptyProfile(NOW), STATS, NOW, SETTINGS);
    expect(TraitsSchema.safeParse(traits).success).toBe(true);
    expect(traits).toMatchObject({ lifecycle: { visit: "new", sessions: 0, stage: "visitor" }, intent: { kind: "browser" }, interests: [] });
  });

  it("fills in settings a caller left out", () => {
    const profile = foldEvents(null, [ev("identify", 0, { user: "hashed-user-1" })], CTX);
    expect(classify(profile, STATS, NOW, {} as typeof SETTINGS).lifecycle.stage).toBe("lead");
  });

  it("always produces traits the schema accepts", () => {
    fc.assert(
      fc.property(
        fc.array(arbEvent(), { maxLength: 80 }),
        fc.record(
          {
            orders: fc.nat(100),
            customers: fc.nat(100),
            aovP90: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })),
            spendP90: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })),
            gaps: fc.nat(100),
            gapP80Days: fc.option(fc.double({ min: 0, max: 1e3, noNaN: true })),
            gapP95Days: fc.option(fc.double({ min: 0, max: 1e3, noNaN: true })),
          },
          { requiredKeys: ["orders", "customers", "aovP90", "spendP90"] },
        ),
        (events, stats) => {
          const traits = classify(foldEvents(null, events, CTX), stats, NOW, SETTINGS);
          expect(TraitsSchema.safeParse(traits).success).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
