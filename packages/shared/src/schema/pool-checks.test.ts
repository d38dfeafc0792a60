import { describe, expect, it } from "vitest";
import { SiteConfig } from "./config";
import { requiresTrusted } from "./pool-checks";
import { testConfig } from "../logic/__fixtures__/events";
import demoConfig from "../../../../examples/demo-store/vitrine.config.json";

const base = testConfig();
const slot = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
  ...base,
  segments: [
    ...base.segments,
    { id: "forgeable-vip", name: "VIP", when: { trait: "value.vip", op: "eq", value: true } },
    { id: "confirmed", name: "Confirmed", when: { all: [{ trait: "value.trustedSpend", op: "gt", value: 500 }, { trait: "value.couponLover", op: "eq", value: true }] } },
  ],
  slots: { offer: { variants: { code: { headline: "Yours", offer: { pool: "vip-codes" } }, shared: { headline: "All", offer: { code: "ALL10" } } }, rules, default: null } },
  ...extra,
});
const paths = (config: unknown) => SiteConfig.safeParse(config).error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("pooled offers are aimed at trusted segments only", () => {
  it("refuses a pool behind a segment of browser-reported traits (value.vip, tiers on totalSpend), naming the path", () => {
    // Before this check, three fresh ids each sending `purchase {total: 9999}` drew the whole pool.
    expect(paths(slot([{ id: "vip", segment: "forgeable-vip", variant: "code" }]))).toEqual(["slots.offer.rules.0.segment"]);
    expect(paths(slot([{ id: "lovers", interest: "shoes", variant: "code" }]))).toEqual(["slots.offer.rules.0.segment"]);
    const tiers = (trait: string) => [{ id: "spend", trait, levels: [{ segment: "gold", name: "Gold", above: 2000 }, { segment: "rest", name: "Rest" }] }];
    expect(paths(slot([{ id: "gold", segment: "gold", variant: "code" }], { tiers: tiers("value.totalSpend") }))).toEqual(["slots.offer.rules.0.segment"]);
    expect(paths(slot([{ id: "rest", segment: "rest", variant: "code" }], { tiers: tiers("value.trustedSpend") }))).toEqual(["slots.offer.rules.0.segment"]);
    const trigger = { id: "t", when: { trait: "value.vip", op: "eq", value: true }, slot: "offer", show: "code" };
    expect(paths(slot([], { triggers: [trigger] }))).toEqual(["triggers.0.when"]);
    const message = SiteConfig.safeParse(slot([{ id: "vip", segment: "forgeable-vip", variant: "code" }])).error?.issues[0]?.message;
    expect(message).toContain("value.trustedSpend");
  });

  it("accepts a pool behind trusted spend, a shared code behind anything, and the demo config", () => {
    expect(paths(slot([{ id: "ok", segment: "confirmed", variant: "code" }, { id: "vip", segment: "forgeable-vip", variant: "shared" }]))).toEqual([]);
    const tiers = [{ id: "spend", trait: "value.trustedSpend", levels: [{ segment: "gold", name: "Gold", above: 2000 }, { segment: "rest", name: "Rest" }] }];
    expect(paths(slot([{ id: "gold", segment: "gold", variant: "code" }], { tiers }))).toEqual([]);
    expect(paths(demoConfig)).toEqual([]);
  });

  it("reads a condition as requiring trust only when every way through it does", () => {
    const trusted = { trait: "value.trustedSpend", op: "gt", value: 0 } as const;
    expect(requiresTrusted(trusted)).toBe(true);
    expect(requiresTrusted({ trait: "value.trustedSpend", op: "gte", value: 0 })).toBe(false);
    expect(requiresTrusted({ any: [trusted, { trait: "value.vip", op: "eq", value: true }] })).toBe(false);
    expect(requiresTrusted({ any: [trusted, { all: [trusted] }] })).toBe(true);
    expect(requiresTrusted({ not: { trait: "value.trustedSpend", op: "lte", value: 0 } })).toBe(false);
  });
});
