import { describe, expect, it } from "vitest";
import { decide } from "@vitrine/shared";
import { SiteConfig, type Traits } from "@vitrine/shared/schema";
import demoConfig from "./vitrine.config.json" with { type: "json" };
import cases from "./test/decision-cases.json" with { type: "json" };

const config = SiteConfig.parse(demoConfig);

/** A first-visit, anonymous, direct visitor; each case overrides what it is about. */
const BASE: Traits = {
  lifecycle: { visit: "new", sessions: 1, firstSeen: 0, lastSeen: 0, stage: "visitor", identified: false },
  intent: { kind: "browser", buyer: 0, researcher: 0, reasons: [] },
  interests: [],
  value: {
    orders: 0,
    aov: 0,
    totalSpend: 0,
    bigSpender: false,
    vip: false,
    active: false,
    couponLover: false,
    cartAbandoner: false,
    thresholds: { aovP90: 250, spendP90: 1000, basis: "fallback" },
  },
  source: { channel: "direct" },
  firstSource: { channel: "direct" },
  geo: { localHour: 12 },
};

function traits(overrides: Record<string, unknown>): Traits {
  const merged: Record<string, unknown> = structuredClone(BASE);
  for (const [key, value] of Object.entries(overrides)) {
    merged[key] = Array.isArray(value) ? value : { ...(merged[key] as object), ...(value as object) };
  }
  return merged as Traits;
}

describe("the demo config's rules", () => {
  it.each(cases)("$name → hero $hero, sort $sort", (c) => {
    const decision = decide({ visitor: "v_demo_0001", traits: traits(c.traits), config });
    expect({ hero: decision.hero.variant, sort: decision.sort.strategy }).toEqual({ hero: c.hero, sort: c.sort });
  });
});
