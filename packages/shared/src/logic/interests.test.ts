import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Profile as ProfileSchema } from "../schema/profile";
import type { Profile } from "../schema/profile";
import type { Event } from "../schema/event";
import { SiteConfig } from "../schema/config";
import { addInterest, DEFAULT_PRICE_BANDS, eventBrand, eventCategories, priceBand, productInterest, rankInterests } from "./interests";
import { checkExpectations, runGoldenCase, type GoldenCase } from "../golden/run";
import configJson from "../golden/config.json";
import brandCases from "../golden/cases.brand.json";
import { normalizeCategory } from "./category";
import { foldEvents } from "./fold";
import { classify } from "./classify";
import { cart, CTX, DAY, ev, NOW, SETTINGS, view } from "./__fixtures__/events";

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

/** A product view of a branded product (the event schema has no `brand` yet; the fold reads it when present). */
const branded = (at: number, sku: string, brand: string, price: number, categories: string[] = ["Headphones"]): Event =>
  ev("product_view", at, { product: { sku, price, categories, brand } as Event["product"] });

describe("product-level interests: brand", () => {
  it.each([
    [{ sku: "a", price: 1, brand: " Sony " }, "sony"],
    [{ sku: "a", price: 1, brand: "Bang & Olufsen" }, "bang & olufsen"],
    [{ sku: "a", price: 1, brand: "   " }, undefined],
    [{ sku: "a", price: 1 }, undefined],
    [undefined, undefined],
  ])("eventBrand(%j) → %s", (product, brand) => {
    expect(eventBrand({ product: product as Event["product"] })).toBe(brand);
  });

  it.each([
    ["one brand viewed three times", [branded(-9, "A", "Sony", 399), branded(-6, "B", "Sony", 329), branded(-3, "C", "Sony", 349)], "sony", [{ brand: "sony", score: 3 }]],
    ["the brand seen most leads", [branded(-9, "A", "Bose", 429), branded(-6, "B", "Sony", 329), branded(-3, "C", "Sony", 349)], "sony", [{ brand: "sony", score: 2 }, { brand: "bose", score: 1 }]],
    ["a cart weighs twice", [branded(-9, "A", "Bose", 429), branded(-6, "B", "Bose", 279), ev("add_to_cart", -3, { product: { sku: "C", price: 349, brand: "Sony" } as Event["product"] }), branded(-2, "C", "Sony", 349)], "sony", [{ brand: "sony", score: 3 }, { brand: "bose", score: 2 }]],
    ["no brand on any product", [view(-3, "A", ["Headphones"], 99)], undefined, []],
  ] as const)("%s", (_name, events, brand, brands) => {
    const traits = classify(foldEvents(null, [...events], CTX), STATS, NOW, SETTINGS);
    expect(traits.product?.brand).toBe(brand);
    expect(traits.product?.brands).toEqual(brands);
  });

  it("decays brands like categories and keeps at most 20", () => {
    const events = Array.from({ length: 30 }, (_, i) => branded(-60 + i, `S${i}`, `brand-${i}`, 10));
    const p = foldEvents(null, events, CTX);
    expect(Object.keys(p.brands ?? {})).toHaveLength(20);
    const later = classify(foldEvents(null, [branded(0, "A", "Sony", 10)], CTX), STATS, NOW + 14 * DAY, SETTINGS);
    expect(later.product?.brands).toEqual([{ brand: "sony", score: 0.5 }]);
  });
});

describe("product-level interests: typical price and band", () => {
  it.each([
    [0, "<25"],
    [24.99, "<25"],
    [25, "25-50"],
    [99, "50-100"],
    [349, "250-500"],
    [1000, "1000+"],
    [25_000, "1000+"],
  ])("priceBand(%d) with the default edges → %s", (price, band) => {
    expect(priceBand(price, DEFAULT_PRICE_BANDS)).toBe(band);
  });

  it.each([
    [[300], 299, "<300"],
    [[300], 300, "300+"],
    [[100, 300], 150, "100-300"],
  ])("priceBand with edges %j: %d → %s", (edges, price, band) => {
    expect(priceBand(price, edges)).toBe(band);
  });

  it.each([
    ["three headphones around 350", [view(-9, "A", ["Headphones"], 349), view(-6, "B", ["Headphones"], 379), view(-3, "C", ["Headphones"], 329)], 351.74, "250-500"],
    ["a cable does not drag the headphones down: the strongest interest's price", [view(-9, "A", ["Headphones"], 349), view(-6, "B", ["Headphones"], 379), view(-3, "C", ["Cables"], 12)], 363.69, "250-500"],
    ["a cart weighs twice", [view(-9, "A", ["Shoes"], 60), cart(-6, "B", 120)], 60, "50-100"],
    ["no priced product", [ev("category_view", -3, { categories: ["Shoes"] })], undefined, undefined],
  ] as const)("%s", (_name, events, price, band) => {
    const traits = classify(foldEvents(null, [...events], CTX), STATS, NOW, SETTINGS);
    expect(traits.product?.price).toBe(price);
    expect(traits.product?.priceBand).toBe(band);
  });

  it("names the band by the site's edges", () => {
    const traits = classify(foldEvents(null, [view(-3, "A", ["Headphones"], 349)], CTX), STATS, NOW, { ...SETTINGS, priceBands: [100, 300] });
    expect(traits.product).toMatchObject({ price: 349, priceBand: "300+" });
  });

  it("takes the price of the strongest interest that has one", () => {
    const ranked = [
      { category: "headphones", score: 3, depth: 0 },
      { category: "noise-canceling", score: 2, depth: 1, price: 329 },
    ];
    expect(productInterest({}, ranked, NOW, 14)).toEqual({ brands: [], price: 329, priceBand: "250-500" });
  });

  it("keeps a category's price through decay and rounds it to cents", () => {
    const interests: Profile["interests"] = {};
    addInterest(interests, [{ category: "a", depth: 0 }], 1, NOW - 14 * DAY, 14, { price: 100 });
    addInterest(interests, [{ category: "a", depth: 0 }], 1, NOW, 14, { price: 400 });
    // The older view has half the weight of the newer one: exp((ln 101 + 2 ln 401) / 3) - 1.
    expect(interests.a?.price).toBe(252.24);
    addInterest(interests, [{ category: "a", depth: 0 }], 1, NOW, 14);
    expect(interests.a?.price).toBe(252.24);
  });
});

describe("golden cases with brands", () => {
  const config = SiteConfig.parse(configJson);
  const cases = (brandCases as { cases: GoldenCase[] }).cases;
  it.each(cases.map((c, i) => [c.name, c, i] as const))("%s", (_name, c, i) => {
    for (const now of [NOW, Date.UTC(2026, 6, 1, 3, 17)]) expect(checkExpectations(c.expect, runGoldenCase(c, config, now, i))).toEqual([]);
  });
});
