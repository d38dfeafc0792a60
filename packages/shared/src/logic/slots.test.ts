import { describe, expect, it } from "vitest";
import { SiteConfig as SiteConfigSchema, type SiteConfig } from "../schema/config";
import { Decision as DecisionSchema } from "../schema/decision";
import { decide, defaultDecision } from "./decide";
import { unitHash } from "./bucket";
import { testConfig, traits } from "./__fixtures__/events";

const offerSlot = {
  variants: { "evening-coupon": { headline: "20% off tonight", text: "Code EVENING20", cta: { label: "Shop the sale", href: "/sale/" } }, generic: { text: "Free shipping over $75" } },
  rules: [{ id: "coupon-offer", segment: "big-spenders", variant: "evening-coupon" }],
  default: null,
};
const base = testConfig();
const withSlots = (extra: Record<string, unknown>): SiteConfig => SiteConfigSchema.parse({ ...base, ...extra }) as SiteConfig;
const bigSpender = traits({ value: { orders: 1, aov: 1200, totalSpend: 1200, bigSpender: true } });

/** A visitor id whose hash under `seed` falls below / above `share`, found by search (deterministic). */
function visitorWhere(seed: string, inside: boolean, share = 0.5): string {
  for (let i = 0; ; i++) {
    const id = `v_search_${i}`;
    if (unitHash(seed, id) < share === inside) return id;
  }
}

describe("content slots", () => {
  it("decides every declared slot by its own rules, null when its default is nothing", () => {
    const config = withSlots({ slots: { offer: offerSlot } });
    expect(decide({ visitor: "v", traits: bigSpender, config }).slots.offer).toMatchObject({ variant: "evening-coupon", rule: "coupon-offer", reason: { basis: "segment", segment: "big-spenders" }, text: "Code EVENING20" });
    expect(decide({ visitor: "v", traits: traits(), config }).slots.offer).toBeNull();
    const explain = decide({ visitor: "v", traits: traits(), config }).explain;
    expect(explain).toContain('Slot "offer" shows nothing by default: no slot rule matched.');
  });

  it("keeps the hero as the slot 'hero' for v1 pages", () => {
    const decision = decide({ visitor: "v", traits: bigSpender, config: withSlots({ slots: { offer: offerSlot } }) });
    expect(decision.slots.hero).toEqual(decision.hero);
    expect(DecisionSchema.safeParse(decision).success).toBe(true);
  });

  it("gives bots every slot's default", () => {
    const config = withSlots({ slots: { offer: { ...offerSlot, default: "generic" } } });
    const decision = defaultDecision({ visitor: "v", traits: bigSpender, config });
    expect(decision.slots.offer).toMatchObject({ variant: "generic", reason: { basis: "bot" } });
  });
});

describe("experiments in a decision", () => {
  const running = (arms: unknown[], extra: Record<string, unknown> = {}) => withSlots({ slots: { offer: offerSlot }, experiments: [{ id: "offer-test", name: "Offer", status: "running", targets: ["offer"], arms, ...extra }] });
  const config = running([{ id: "control", control: true }, { id: "generic", slots: { offer: "generic" } }]);

  it("serves the arm's variant, and the control what the rules would have served", () => {
    const inTreatment = visitorWhere("offer-test", false);
    const inControl = visitorWhere("offer-test", true);
    expect(decide({ visitor: inTreatment, traits: bigSpender, config }).slots.offer).toMatchObject({ variant: "generic", reason: { basis: "experiment", experiment: "offer-test", arm: "generic" } });
    expect(decide({ visitor: inControl, traits: bigSpender, config }).slots.offer).toMatchObject({ variant: "evening-coupon", reason: { basis: "segment", experiment: "offer-test", arm: "control" } });
    expect(decide({ visitor: inControl, traits: bigSpender, config }).experiments).toEqual([{ id: "offer-test", arm: "control" }]);
  });

  it("keeps a stored arm whatever the weights say now, and drops none that still exists", () => {
    const visitor = visitorWhere("offer-test", true);
    const skewed = running([{ id: "control", control: true, weight: 0 }, { id: "generic", slots: { offer: "generic" } }]);
    expect(decide({ visitor, traits: bigSpender, config: skewed }).experiments).toEqual([{ id: "offer-test", arm: "generic" }]);
    expect(decide({ visitor, traits: bigSpender, config: skewed, assignments: { "offer-test": "control" } }).experiments).toEqual([{ id: "offer-test", arm: "control" }]);
  });

  it.each([
    ["a draft", { status: "draft" }],
    ["one not started yet", { start: Date.now() + 86_400_000 }],
    ["one that has stopped enrolling", { stop: Date.now() - 1 }],
    ["one for another segment", { segment: "emailed" }],
  ])("enrolls nobody new in %s", (_name, extra) => {
    const config = running([{ id: "control", control: true }, { id: "generic", slots: { offer: "generic" } }], extra);
    expect(decide({ visitor: "v_new", traits: bigSpender, config }).experiments).toEqual([]);
  });
});

describe("holdouts", () => {
  it("keeps a rule's holdout share on the default and reports the rule's holdout", () => {
    const config = withSlots({ heroRules: base.heroRules.map((rule) => (rule.id === "big-hero" ? { ...rule, holdout: 0.5 } : rule)) });
    const held = visitorWhere("holdout-big-hero", true);
    const served = visitorWhere("holdout-big-hero", false);
    expect(decide({ visitor: held, traits: bigSpender, config }).hero).toMatchObject({ variant: "default", reason: { basis: "holdout", experiment: "holdout-big-hero" } });
    expect(decide({ visitor: held, traits: bigSpender, config }).experiments).toContainEqual({ id: "holdout-big-hero", arm: "holdout" });
    expect(decide({ visitor: served, traits: bigSpender, config }).hero.variant).toBe("big");
    expect(decide({ visitor: served, traits: bigSpender, config }).experiments).toContainEqual({ id: "holdout-big-hero", arm: "personalized" });
    expect(decide({ visitor: held, traits: traits(), config }).experiments).toEqual([]);
  });

  it("keeps the site holdout on every default, out of experiments", () => {
    const config = withSlots({ holdout: { share: 0.5 }, slots: { offer: offerSlot }, experiments: [{ id: "offer-test", name: "Offer", status: "running", targets: ["offer"], arms: [{ id: "control", control: true }, { id: "generic", slots: { offer: "generic" } }] }] });
    const held = visitorWhere("holdout", true);
    const decision = decide({ visitor: held, traits: bigSpender, config });
    expect(decision.experiments).toEqual([{ id: "holdout", arm: "holdout" }]);
    expect(decision.hero.variant).toBe("default");
    expect(decision.sort).toMatchObject({ strategy: "default", reason: { basis: "holdout" } });
    expect(decision.slots.offer).toBeNull();
  });
});
