import { describe, expect, it } from "vitest";
import { SiteConfig } from "@vitrine/shared/schema";
import config from "./vitrine.config.json" with { type: "json" };

describe("vitrine.config.json", () => {
  it("is a valid SiteConfig", () => {
    const result = SiteConfig.safeParse(config);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});
