import { describe, expect, it } from "vitest";
import { decide } from "@vitrine/shared";
import { SiteConfig } from "@vitrine/shared/schema";
// An unremarkable new visitor's traits, each case overriding what it is about.
import { traits } from "@vitrine/shared/testing";
import demoConfig from "./vitrine.config.json" with { type: "json" };
import cases from "./test/decision-cases.json" with { type: "json" };

const config = SiteConfig.parse(demoConfig);

describe("the demo config's rules", () => {
  it.each(cases)("$name → hero $hero, sort $sort", (c) => {
    const decision = decide({ visitor: "v_demo_0001", traits: traits(c.traits as Parameters<typeof traits>[0]), config });
    expect({ hero: decision.hero.variant, sort: decision.sort.strategy }).toEqual({ hero: c.hero, sort: c.sort });
  });
});
