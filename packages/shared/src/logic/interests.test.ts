import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Profile as ProfileSchema } from "../schema/profile";
import type { Profile } from "../schema/profile";
import { addInterest, eventCategories, rankInterests } from "./interests";
import { normalizeCategory } from "./category";
import { foldEvents } from "./fold";
import { classify } from "./classify";
import { CTX, NOW, SETTINGS, view } from "./__fixtures__/events";

/** Names every plain object already answers to, through its prototype. */
const INHERITED = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__lookupSetter__"];
const STATS = { orders: 0, customers: 0, aovP90: null, spendP90: null };
const category = fc.oneof(fc.constantFrom(...INHERITED), fc.string({ minLength: 1, maxLength: 24 }));
/** Up to 6 events of up to 6 categories: at most 36 names, under the cap of 40, so every one is kept. */
const trails = fc.array(fc.array(category, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 });

describe("interests under any category name", () => {
  it("keeps every category with a finite score, round-trips through JSON and the Profile schema", () => {
    fc.assert(
      fc.property(trails, (paths) => {
        const half = Math.ceil(paths.length / 2);
        const events = paths.map((categories, i) => view(-60 + i, `S${i}`, categories));
        // Two batches: the second folds into a copy of the first, as the worker does.
        const p = foldEvents(foldEvents(null, events.slice(0, half), CTX), events.slice(half), CTX);
        const names = new Set(paths.flat().map(normalizeCategory).filter((name) => name.length > 0));

        const ranked = rankInterests(p.interests, NOW, 14);
        expect(new Set(ranked.map((interest) => interest.category))).toEqual(names);
        for (const { score } of ranked) expect(Number.isFinite(score) && score > 0).toBe(true);
        for (const { score, at } of Object.values(p.interests)) expect(Number.isFinite(score) && Number.isFinite(at)).toBe(true);
        for (const { score } of classify(p, STATS, NOW, SETTINGS).interests) expect(Number.isFinite(score)).toBe(true);

        const copy = JSON.parse(JSON.stringify(p)) as Profile;
        expect(copy).toEqual(p);
        expect(rankInterests(copy.interests, NOW, 14)).toEqual(ranked);
        const parsed = ProfileSchema.safeParse(copy);
        expect(parsed.error).toBeUndefined();
        expect(parsed.data).toEqual(p);
      }),
      { numRuns: 200 },
    );
  });

  it.each(INHERITED)("adds to %j as to any other name, never through the prototype", (name) => {
    const interests: Profile["interests"] = {};
    addInterest(interests, [{ category: name, depth: 0 }], 1, NOW, 14);
    addInterest(interests, [{ category: name, depth: 2 }, { category: "kids", depth: 0 }], 2, NOW, 14);
    expect(Object.getPrototypeOf(interests)).toBe(Object.prototype);
    expect(rankInterests(interests, NOW, 14)).toEqual([
      { category: name, score: 3, depth: 2 },
      { category: "kids", score: 2, depth: 0 },
    ]);
    expect(JSON.parse(JSON.stringify(interests))).toEqual(interests);
  });

  it("reads a score stored as null (a NaN through JSON) as nothing rather than NaN", () => {
    const interests = { kids: { score: null as unknown as number, at: NOW, depth: 0 } };
    addInterest(interests, [{ category: "kids", depth: 0 }], 1, NOW, 14);
    expect(rankInterests(interests, NOW, 14)).toEqual([{ category: "kids", score: 1, depth: 0 }]);
  });
});

describe("depth of a category", () => {
  it.each([
    ["its position on the trail, root first", { categories: ["Audio", "Headphones"] }, [["audio", 0], ["headphones", 1]]],
    ["the deeper of the page's and the product's trails", { categories: ["Headphones"], product: { sku: "A", price: 1, categories: ["Audio", "Headphones"] } }, [["headphones", 1], ["audio", 0]]],
    ["names that normalize to nothing take no place", { categories: [" ", "Audio", "Headphones"] }, [["audio", 0], ["headphones", 1]]],
    ["a name twice on one trail: its deeper place", { categories: ["Sale", "Audio", "Sale"] }, [["sale", 2], ["audio", 1]]],
    ["capped however long the trail", { categories: Array.from({ length: 30 }, (_, i) => `c${i}`) }, Array.from({ length: 30 }, (_, i) => [`c${i}`, Math.min(i, 19)])],
  ] as [string, Parameters<typeof eventCategories>[0], [string, number][]][])("%s", (_name, event, expected) => {
    expect(eventCategories(event).map(({ category, depth }) => [category, depth])).toEqual(expected);
  });

  it.each([
    ["a deeper category outranks its ancestor on a tie", [["Audio", "Headphones"]], ["headphones", "audio"]],
    ["whatever the alphabet says", [["Headphones", "Audio"]], ["audio", "headphones"]],
    ["the same depth falls back to the name", [["Audio", "Headphones"], ["Headphones", "Audio"]], ["audio", "headphones"]],
    ["a higher score still comes first", [["Audio", "Headphones"], ["Audio"]], ["audio", "headphones"]],
  ])("%s", (_name, paths, order) => {
    const p = foldEvents(null, paths.map((categories, i) => view(-10 + i, `S${i}`, categories)), CTX);
    expect(rankInterests(p.interests, NOW, 14).map((interest) => interest.category)).toEqual(order);
  });

  it("keeps the deepest place a category was ever seen at", () => {
    const p = foldEvents(null, [view(-3, "A", ["Headphones", "Sale"]), view(-2, "B", ["Sale"])], CTX);
    expect(p.interests.sale?.depth).toBe(1);
  });

  it("loads a profile stored before depths were recorded: depth 0, ties by name", () => {
    const p = foldEvents(null, [view(-3, "A", ["Audio", "Headphones"])], CTX);
    const stored = JSON.parse(JSON.stringify(p, (key, value) => (key === "depth" ? undefined : value))) as Profile;
    expect(Object.values(stored.interests).every((interest) => !("depth" in interest))).toBe(true);
    expect(rankInterests(stored.interests, NOW, 14).map((interest) => interest.category)).toEqual(["audio", "headphones"]);
    expect(ProfileSchema.parse(stored).interests).toEqual({ audio: { ...p.interests.audio, depth: 0 }, headphones: { ...p.interests.headphones, depth: 0 } });
    const next = foldEvents(stored, [view(-1, "B", ["Audio", "Headphones"])], CTX);
    expect(next.interests.headphones?.depth).toBe(1);
  });
});
