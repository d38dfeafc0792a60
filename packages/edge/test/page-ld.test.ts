import { describe, expect, it } from "vitest";
import dawnGroup from "@vitrine/shared/golden/ld/dawn-product-group.json";
import wooSale from "@vitrine/shared/golden/ld/woocommerce-simple-on-sale.json";
import { MAX_LD_CHARS } from "@vitrine/shared/limits";
import { call, collect, decide, ev, newVisitor, storedProfile } from "./helpers";

/** A page view as the snippet sends it: no product or categories of its own, the page's JSON-LD in `ld`. */
const pageView = (fixture: { href: string; ld: unknown[] }, minutesAgo = 0) => ev("page_view", { url: fixture.href, ld: fixture.ld }, minutesAgo);

describe("page views' JSON-LD, read by the worker", () => {
  it("decide records a Dawn variant's product view: its brand and category become interests", async () => {
    const visitor = newVisitor("ld");
    const decision = await decide({ visitor, events: [pageView(dawnGroup, 2), pageView(dawnGroup, 1)] });
    expect(decision.traits.product?.brand).toBe("bose");
    expect(decision.traits.interests[0]?.category).toBe("headphones");
    const profile = (await storedProfile("demo", visitor))!;
    expect(Object.keys(profile.brands ?? {})).toEqual(["bose"]);
    expect(profile.recent.at(-1)).toMatchObject({ type: "product_view" });
    // The raw JSON-LD is not kept.
    expect(JSON.stringify(profile)).not.toContain("hasVariant");
  });

  it("collect reads it the same way (WooCommerce breadcrumb and sale price)", async () => {
    const visitor = newVisitor("ldc");
    expect(await collect({ visitor, events: [pageView(wooSale)] })).toMatchObject({ accepted: 1 });
    const profile = (await storedProfile("demo", visitor))!;
    expect(Object.keys(profile.interests).sort()).toEqual(["headphones", "noise-canceling"]);
    expect(Object.keys(profile.brands ?? {})).toEqual(["sony"]);
  });

  it("the page's own data-vt-category wins over the JSON-LD's breadcrumb", async () => {
    const visitor = newVisitor("ldo");
    await collect({ visitor, events: [ev("category_view", { url: wooSale.href, categories: ["Gifts"], ld: wooSale.ld })] });
    const profile = (await storedProfile("demo", visitor))!;
    expect(Object.keys(profile.interests)).toEqual(["gifts"]);
  });

  it("refuses JSON-LD over its size bound with a 400 naming the field", async () => {
    const res = await call("POST", "/v1/collect", { site: "demo", visitor: newVisitor("ldb"), events: [ev("page_view", { ld: [{ name: "x".repeat(MAX_LD_CHARS) }] })] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("events.0.ld");
  });
});
