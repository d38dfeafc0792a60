import { describe, expect, it } from "vitest";
import type { Condition, TraitPath } from "../schema/config";
import { TRAIT_PATHS, Condition as ConditionSchema, Settings as SettingsSchema } from "../schema/config";
import { matchesCondition, segmentsFor, traitValue } from "./condition";
import { classify } from "./classify";
import { foldEvents } from "./fold";
import { CTX, NOW, SETTINGS, testConfig, traits, view } from "./__fixtures__/events";

const visitor = traits({
  lifecycle: { visit: "returning", sessions: 3, stage: "repeat", identified: true, subscribed: true, daysSinceOrder: 12 },
  intent: { kind: "researcher", buyer: 0.3, researcher: 0.8 },
  interests: [
    { category: "headphones", score: 4 },
    { category: "noise-canceling", score: 2.5 },
    { category: "men's", score: 1.2 },
    { category: "kids", score: 0.5 },
  ],
  value: { orders: 2, aov: 120, totalSpend: 240, trustedSpend: 120, bigSpender: false, vip: true, active: false, couponLover: true, cartAbandoner: true },
  source: { channel: "email", source: "newsletter", medium: "email", campaign: "spring", term: "anc headphones", clickId: "mc_cid" },
  product: { brand: "sony", brands: [{ brand: "sony", score: 3 }], price: 329, priceBand: "250-500" },
  firstSource: { channel: "search" },
  geo: { country: "DE", localHour: 13 },
});

/** For every trait path: a value it holds, one it does not. */
const SAMPLES: Record<TraitPath, [unknown, unknown]> = {
  "lifecycle.visit": ["returning", "new"],
  "lifecycle.sessions": [3, 1],
  "lifecycle.stage": ["repeat", "lead"],
  "lifecycle.identified": [true, false],
  "lifecycle.subscribed": [true, false],
  "lifecycle.daysSinceOrder": [12, 400],
  "intent.kind": ["researcher", "buyer"],
  "intent.buyer": [0.3, 0.9],
  "intent.researcher": [0.8, 0.1],
  "value.orders": [2, 0],
  "value.aov": [120, 5],
  "value.totalSpend": [240, 0],
  "value.trustedSpend": [120, 0],
  "value.bigSpender": [false, true],
  "value.vip": [true, false],
  "value.active": [false, true],
  "value.couponLover": [true, false],
  "value.cartAbandoner": [true, false],
  "source.channel": ["email", "direct"],
  "source.source": ["newsletter", "google"],
  "source.medium": ["email", "cpc"],
  "source.campaign": ["spring", "fall"],
  "source.term": ["anc headphones", "earbuds"],
  "source.clickId": ["mc_cid", "gclid"],
  "product.brand": ["sony", "bose"],
  "product.price": [329, 20],
  "product.priceBand": ["250-500", "<25"],
  "firstSource.channel": ["search", "email"],
  "geo.country": ["DE", "FR"],
  "geo.localHour": [13, 2],
};

const held = (cond: Condition) => matchesCondition(cond, visitor, SETTINGS);

describe("matchesCondition: every trait path", () => {
  it("covers every trait path a condition may name", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...TRAIT_PATHS].sort());
  });

  it.each(TRAIT_PATHS.map((path) => [path, ...SAMPLES[path]] as const))("%s: eq, neq, in, exists", (trait, yes, no) => {
    const y = yes as string | number | boolean;
    const n = no as string | number | boolean;
    expect(traitValue(visitor, trait)).toBe(yes);
    expect(held({ trait, op: "eq", value: y })).toBe(true);
    expect(held({ trait, op: "eq", value: n })).toBe(false);
    expect(held({ trait, op: "neq", value: n })).toBe(true);
    expect(held({ trait, op: "neq", value: y })).toBe(false);
    expect(held({ trait, op: "in", value: [n, y] })).toBe(true);
    expect(held({ trait, op: "in", value: [n] })).toBe(false);
    expect(held({ trait, op: "in", value: y })).toBe(false);
    expect(held({ trait, op: "exists" })).toBe(true);
    expect(held({ trait, op: "exists", value: false })).toBe(false);
  });

  it.each(TRAIT_PATHS.filter((path) => typeof SAMPLES[path][0] === "number").map((path) => [path, SAMPLES[path][0] as number]))("%s: gt, gte, lt, lte", (trait, value) => {
    expect(held({ trait, op: "gt", value: value - 0.5 })).toBe(true);
    expect(held({ trait, op: "gt", value })).toBe(false);
    expect(held({ trait, op: "gte", value })).toBe(true);
    expect(held({ trait, op: "gte", value: value + 0.5 })).toBe(false);
    expect(held({ trait, op: "lt", value: value + 0.5 })).toBe(true);
    expect(held({ trait, op: "lt", value })).toBe(false);
    expect(held({ trait, op: "lte", value })).toBe(true);
    expect(held({ trait, op: "lte", value: value - 0.5 })).toBe(false);
  });

  it.each(TRAIT_PATHS.filter((path) => typeof SAMPLES[path][0] !== "number"))("%s: comparisons of non-numbers are false", (trait) => {
    for (const op of ["gt", "gte", "lt", "lte"] as const) expect(held({ trait, op, value: 1 })).toBe(false);
  });

  it("treats a missing optional trait as not existing", () => {
    const bare = traits();
    expect(matchesCondition({ trait: "source.campaign", op: "exists" }, bare, SETTINGS)).toBe(false);
    expect(matchesCondition({ trait: "source.campaign", op: "exists", value: false }, bare, SETTINGS)).toBe(true);
    expect(matchesCondition({ trait: "geo.country", op: "eq", value: "DE" }, bare, SETTINGS)).toBe(false);
  });
});

describe("matchesCondition: combinators, interests and bad input", () => {
  const yes: Condition = { trait: "source.channel", op: "eq", value: "email" };
  const no: Condition = { trait: "source.channel", op: "eq", value: "direct" };

  it.each([
    ["all of true, true", { all: [yes, yes] }, true],
    ["all of true, false", { all: [yes, no] }, false],
    ["any of false, true", { any: [no, yes] }, true],
    ["any of false, false", { any: [no, no] }, false],
    ["not false", { not: no }, true],
    ["not true", { not: yes }, false],
    ["nested", { all: [yes, { any: [no, { not: no }] }] }, true],
    ["interest in the top 3 (default)", { interest: "noise-canceling" }, true],
    ["interest spelled differently", { interest: " Noise-Canceling" }, true],
    ["interest outside the top 1", { interest: "noise-canceling", top: 1 }, false],
    ["interest in the top 1", { interest: "headphones", top: 1 }, true],
    ["interest below the default minimum score", { interest: "kids", top: 5 }, false],
    ["interest with a lower minimum score", { interest: "kids", top: 5, minScore: 0.5 }, true],
    ["interest with a higher minimum score", { interest: "men's", minScore: 2 }, false],
    ["interest the visitor never showed", { interest: "women's", top: 10, minScore: 0 }, false],
  ] as [string, Condition, boolean][])("%s → %s", (_name, cond, expected) => {
    expect(held(cond)).toBe(expected);
  });

  it.each([
    ["unknown operator", { trait: "source.channel", op: "like", value: "e" }],
    ["unknown trait", { trait: "value.secret", op: "exists" }],
    ["prototype path", { trait: "source.constructor", op: "exists" }],
    ["empty all", { all: [] }],
    ["empty object", {}],
    ["null", null],
    ["a string", "email"],
    ["interest that is not a string", { interest: 5 }],
  ])("%s → false, never throws", (_name, cond) => {
    expect(held(cond as unknown as Condition)).toBe(false);
  });

  it.each([
    ["the tenth interest holds for top 10", "cat-9", 10, true],
    ["the tenth interest is outside the top 9", "cat-9", 9, false],
    ["the eighth interest holds for top 8", "cat-7", 8, true],
  ])("%s (interests as classify ranks them)", (_name, interest, top, expected) => {
    // Ten categories, each scored one higher than the next, so cat-0 is first and cat-9 tenth.
    const events = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 - i }, (_, k) => view(-60 + k, `S${i}-${k}`, [`cat-${i}`]))).flat();
    const ranked = classify(foldEvents(null, events, CTX), { orders: 0, customers: 0, aovP90: null, spendP90: null }, NOW, SETTINGS);
    expect(ranked.interests[9]?.category).toBe("cat-9");
    expect(matchesCondition({ interest, top }, ranked, SETTINGS)).toBe(expected);
  });

  it.each([
    ["top 10", { interest: "kids", top: 10 }, true],
    ["top 11: more than the traits carry", { interest: "kids", top: 11 }, false],
    ["top 40", { interest: "kids", top: 40 }, false],
    ["top 0", { interest: "kids", top: 0 }, false],
  ])("the config schema accepts %s: %s", (_name, cond, valid) => {
    expect(ConditionSchema.safeParse(cond).success).toBe(valid);
  });

  it.each([
    [10, true],
    [11, false],
  ])("the settings schema accepts topInterests %i: %s", (topInterests, valid) => {
    expect(SettingsSchema.safeParse({ topInterests }).success).toBe(valid);
  });

  it("uses the site's topInterests and minInterestScore as defaults", () => {
    expect(matchesCondition({ interest: "men's" }, visitor, { ...SETTINGS, topInterests: 2 })).toBe(false);
    expect(matchesCondition({ interest: "men's" }, visitor, { ...SETTINGS, minInterestScore: 1.5 })).toBe(false);
  });
});

describe("segmentsFor", () => {
  it("lists the matching segments in config order", () => {
    const config = testConfig();
    expect(segmentsFor(visitor, config)).toEqual(["researchers", "emailed"]);
    expect(segmentsFor(traits({ value: { bigSpender: true } }), config)).toEqual(["big-spenders"]);
    expect(segmentsFor(traits(), config)).toEqual([]);
  });
});
