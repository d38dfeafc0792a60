import { describe, expect, it } from "vitest";
import { SiteConfig as SiteConfigSchema, type SiteConfig } from "../schema/config";
import { decide } from "./decide";
import { segmentsFor } from "./condition";
import { testConfig, traits } from "./__fixtures__/events";

const base = testConfig();
const parse = (extra: Record<string, unknown>) => SiteConfigSchema.safeParse({ ...base, ...extra });
const tiers = [
  {
    id: "spend",
    trait: "value.totalSpend",
    levels: [
      { segment: "platinum", name: "Platinum", above: 5000 },
      { segment: "gold", name: "Gold", above: 2000 },
      { segment: "silver", name: "Silver" },
    ],
  },
];
const reminder = { variants: { "your-cart": { text: "{count} in your cart", cart: true } }, rules: [], default: null };
const triggers = [{ id: "remind", when: { all: [{ trait: "value.cartAbandoner", op: "eq", value: true }, { trait: "lifecycle.visit", op: "eq", value: "returning" }] }, slot: "reminder", show: "your-cart" }];

describe("spend tiers and triggers", () => {
  const config = parse({ tiers, triggers, slots: { reminder } }).data as SiteConfig;
  const spending = (totalSpend: number) => traits({ value: { orders: 1, totalSpend } });

  it("puts each visitor in exactly one tier, from the top down", () => {
    const tierOf = (spend: number) => segmentsFor(spending(spend), config).filter((id) => ["platinum", "gold", "silver"].includes(id));
    expect(tierOf(6000)).toEqual(["platinum"]);
    expect(tierOf(5000)).toEqual(["gold"]);
    expect(tierOf(2001)).toEqual(["gold"]);
    expect(tierOf(2000)).toEqual(["silver"]);
    expect(tierOf(0)).toEqual(["silver"]);
  });

  it("lets rules name a tier like any segment", () => {
    expect(parse({ tiers, heroRules: [{ id: "platinum-hero", segment: "platinum", variant: base.defaultHero }] }).success).toBe(true);
  });

  it("fires a trigger's action when its condition holds, as the first rule of its slot", () => {
    const cart = [{ sku: "A", name: "Alpha", price: 10, qty: 2, ts: 0 }];
    const back = traits({ lifecycle: { visit: "returning" }, value: { cartAbandoner: true } });
    expect(decide({ visitor: "v", traits: back, config, cart }).slots.reminder).toMatchObject({ variant: "your-cart", rule: "remind", text: "2 in your cart", reason: { segment: "trigger-remind" } });
    expect(decide({ visitor: "v", traits: traits({ value: { cartAbandoner: true } }), config, cart }).slots.reminder).toBeNull();
  });

  it("refuses levels out of order, a missing `above` before the last level, and triggers on unknown slots or variants, naming the path", () => {
    const paths = (extra: Record<string, unknown>) => parse(extra).error?.issues.map((issue) => issue.path.join("."));
    expect(paths({ tiers: [{ ...tiers[0], levels: [{ segment: "a", name: "A", above: 10 }, { segment: "b", name: "B", above: 20 }] }] })).toEqual(["tiers.0.levels.1.above"]);
    expect(paths({ tiers: [{ ...tiers[0], levels: [{ segment: "a", name: "A" }, { segment: "b", name: "B" }] }] })).toEqual(["tiers.0.levels.0.above"]);
    // Before, a tier on a yes/no or text trait was accepted and compared as a number.
    expect(paths({ tiers: [{ ...tiers[0], trait: "value.vip" }] })).toEqual(["tiers.0.trait"]);
    expect(paths({ tiers: [{ ...tiers[0], trait: "source.channel" }] })).toEqual(["tiers.0.trait"]);
    expect(paths({ triggers: [{ ...triggers[0], slot: "nowhere" }] })).toEqual(["triggers.0.slot"]);
    expect(paths({ triggers, slots: { reminder: { ...reminder, variants: { other: { text: "x" } } } } })).toEqual(["triggers.0.show"]);
    expect(paths({ tiers: [{ ...tiers[0], levels: [{ segment: base.segments[0]!.id, name: "Clash" }] }] })).toEqual(["tiers.0.levels.0.segment"]);
  });
});
