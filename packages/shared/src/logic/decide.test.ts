import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decision as DecisionSchema } from "../schema/decision";
import { SiteConfig as SiteConfigSchema, type SiteConfig } from "../schema/config";
import { decide, defaultDecision } from "./decide";
import { classify } from "./classify";
import { foldEvents } from "./fold";
import { arbEvent, CTX, NOW, SETTINGS, testConfig, traits } from "./__fixtures__/events";

const config = testConfig();
const products = [
  { sku: "A", price: 20 },
  { sku: "B", price: 300 },
  { sku: "C", price: 150, categories: ["noise-canceling"] },
];
const ncFan = traits({ interests: [{ category: "headphones", score: 3 }, { category: "noise-canceling", score: 2.94 }] });
const bigSpender = traits({ value: { orders: 1, aov: 1200, totalSpend: 1200, bigSpender: true } });

describe("decide", () => {
  it.each([
    ["nobody special → defaults", traits(), "default", "default", "default", "default"],
    ["noise-canceling fan → nc hero, interest sort", ncFan, "nc", "nc-interest", "interest", "nc-sort"],
    ["big spender → big hero, price_desc", bigSpender, "big", "big-hero", "price_desc", "big-spender-sort"],
    [
      "returning researcher → research hero",
      traits({ lifecycle: { visit: "returning", sessions: 4 }, intent: { kind: "researcher", buyer: 0.3, researcher: 0.9 } }),
      "research",
      "research-hero",
      "default",
      "default",
    ],
  ])("%s", (_name, t, variant, heroRule, strategy, sortRule) => {
    const decision = decide({ visitor: "v_12345678", traits: t, config });
    expect(decision.hero).toMatchObject({ variant, rule: heroRule, ...config.heroes[variant] });
    expect(decision.hero.reason.rule).toBe(heroRule);
    expect(decision.sort).toMatchObject({ strategy, rule: sortRule, reason: { rule: sortRule } });
    expect(decision.slots.hero).toEqual(decision.hero);
  });

  it("orders the products when it is given them", () => {
    expect(decide({ visitor: "v", traits: bigSpender, config, products }).sort.skus).toEqual(["B", "C", "A"]);
    expect(decide({ visitor: "v", traits: ncFan, config, products }).sort.skus).toEqual(["C", "A", "B"]);
  });

  it("explains each part in words", () => {
    expect(decide({ visitor: "v", traits: ncFan, config }).explain[0]).toBe(
      'Hero "nc" chosen by rule "nc-interest": noise-canceling is the strongest interest (score 2.94 from recent views).',
    );
    const explain = decide({ visitor: "v", traits: bigSpender, config }).explain;
    expect(explain[0]).toBe('Hero "big" chosen by rule "big-hero": in segment "big-spenders" (average order $1,200.00 ≥ p90 $250.00, fallback threshold).');
    expect(explain[1]).toBe('Sort "price_desc" by rule "big-spender-sort": in segment "big-spenders" (average order $1,200.00 ≥ p90 $250.00, fallback threshold).');
    expect(explain[2]).toBe("Visitor: new (1 session), stage visitor, intent browser (buyer 0.20, researcher 0.10), source direct.");
    expect(explain.at(-1)).toBe("Segments: big-spenders.");
  });

  it("says when the defaults were used", () => {
    const explain = decide({ visitor: "v", traits: traits(), config }).explain;
    expect(explain.slice(0, 2)).toEqual(['Hero "default" is the default: no hero rule matched.', 'Sort "default" is the default: no sort rule matched.']);
  });

  it("names the researcher's signals", () => {
    const t = traits({ lifecycle: { visit: "returning", sessions: 4 }, intent: { kind: "researcher", buyer: 0.3, researcher: 0.9, reasons: ["4 sessions without a cart (research)"] } });
    const explain = decide({ visitor: "v", traits: t, config }).explain;
    expect(explain[0]).toBe(
      'Hero "research" chosen by rule "research-hero": in segment "researchers" (intent researcher at 0.90; returning visitor, 4 sessions).',
    );
    expect(explain).toContain("Intent signals: 4 sessions without a cart (research).");
  });

  it("uses the config's default sort and ttl", () => {
    const custom = testConfig({ defaultSort: "new_arrivals", settings: { ...SETTINGS, ttl: 60 } });
    const decision = decide({ visitor: "v", traits: traits(), config: custom });
    expect(decision.sort.strategy).toBe("new_arrivals");
    expect(decision.ttl).toBe(60);
    expect(decision.experiments).toEqual([]);
  });

  it("always produces a decision the schema accepts", () => {
    fc.assert(
      fc.property(fc.array(arbEvent(), { maxLength: 60 }), (events) => {
        const t = classify(foldEvents(null, events, CTX), { orders: 0, customers: 0, aovP90: null, spendP90: null }, NOW, SETTINGS);
        expect(DecisionSchema.safeParse(decide({ visitor: "v_12345678", traits: t, config, products })).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("defaultDecision", () => {
  it("gives bots the default hero and sort, no segments, and says why", () => {
    const decision = defaultDecision({ visitor: "v", traits: bigSpender, config, products });
    expect(decision).toMatchObject({ segments: [], hero: { variant: "default", rule: "default" }, sort: { strategy: "default", rule: "default", skus: ["A", "B", "C"] }, bot: true, experiments: [] });
    expect(decision.explain).toEqual(['Bot traffic: default hero "default" and sort "default", no personalization and nothing recorded.']);
    expect(DecisionSchema.safeParse(decision).success).toBe(true);
  });

  it.each([
    ["no reason (a bot)", undefined, true, 'Bot traffic: default hero "default" and sort "default", no personalization and nothing recorded.'],
    ["a bot", "bot", true, 'Bot traffic: default hero "default" and sort "default", no personalization and nothing recorded.'],
    ["Global Privacy Control", "gpc", false, 'Global Privacy Control: default hero "default" and sort "default", no personalization and nothing recorded.'],
  ] as const)("explains %s and flags only bots", (_name, reason, bot, line) => {
    const decision = defaultDecision({ visitor: "v", traits: bigSpender, config, products, ...(reason && { reason }) });
    expect(decision).toMatchObject({ segments: [], hero: { variant: "default", rule: "default" }, sort: { strategy: "default", rule: "default", skus: ["A", "B", "C"] }, bot });
    expect(decision.explain).toEqual([line]);
    expect(DecisionSchema.safeParse(decision).success).toBe(true);
  });
});

describe("hero ids that plain objects inherit", () => {
  const hero = (headline: string) => ({ image: `/img/${headline}.svg`, alt: headline, headline });
  const raw = { site: "test", segments: [], heroes: { default: hero("default") }, heroRules: [], defaultHero: "default", sortRules: [] };
  const INHERITED = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "isPrototypeOf"];

  it.each(INHERITED)("the config schema refuses %j as a default hero or a variant that is not among the heroes", (name) => {
    const asDefault = SiteConfigSchema.safeParse({ ...raw, defaultHero: name });
    expect(asDefault.success).toBe(false);
    expect(asDefault.error?.issues.map((issue) => issue.path.join("."))).toContain("defaultHero");
    const asVariant = SiteConfigSchema.safeParse({ ...raw, heroRules: [{ id: "r", interest: "kids", variant: name }] });
    expect(asVariant.success).toBe(false);
    expect(asVariant.error?.issues.map((issue) => issue.path.join("."))).toContain("heroRules.0.variant");
  });

  it.each(INHERITED)("decide never serves %j from the prototype", (name) => {
    const base = SiteConfigSchema.parse(raw) as SiteConfig;
    const withRule = { ...base, heroRules: [{ id: "r", interest: "kids", variant: name }] };
    const kidsFan = traits({ interests: [{ category: "kids", score: 3 }] });
    expect(decide({ visitor: "v", traits: kidsFan, config: withRule }).hero).toEqual({ variant: "default", rule: "default", reason: { rule: "default", basis: "default" }, ...base.heroes.default });
    expect(() => decide({ visitor: "v", traits: kidsFan, config: { ...base, defaultHero: name } })).toThrow(`hero "${name}" is missing`);
    expect(() => defaultDecision({ visitor: "v", traits: kidsFan, config: { ...base, defaultHero: name } })).toThrow(`hero "${name}" is missing`);
  });

  it("serves a hero that really is called constructor", () => {
    const own = SiteConfigSchema.parse({ ...raw, heroes: { constructor: hero("built") }, defaultHero: "constructor", heroRules: [{ id: "r", interest: "kids", variant: "constructor" }] }) as SiteConfig;
    expect(Object.hasOwn(own.heroes, "constructor")).toBe(true);
    const decision = decide({ visitor: "v", traits: traits({ interests: [{ category: "kids", score: 3 }] }), config: own });
    expect(decision.hero).toEqual({ variant: "constructor", rule: "r", reason: { rule: "r", basis: "interest", interest: "kids" }, image: "/img/built.svg", alt: "built", headline: "built" });
  });
});
