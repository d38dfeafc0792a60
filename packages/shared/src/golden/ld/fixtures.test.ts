/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { EventProduct } from "../../schema/event";

/**
 * Real theme markup (Shopify Dawn, WooCommerce) and what the worker's JSON-LD reader must make
 * of it; the reader's own tests (`logic/ld.test.ts`) run these. Here: each fixture is whole, and its expectation is
 * something the worker accepts.
 */
const fixtures = import.meta.glob<{ about: string; href: string; ld: unknown[]; expected: { categories: string[]; product: { sku: string; price: number; brand?: string } } }>("./*.json", {
  import: "default",
  eager: true,
});

describe("JSON-LD theme fixtures", () => {
  it("cover Dawn and WooCommerce", () => {
    const names = Object.keys(fixtures);
    expect(names.some((n) => n.includes("dawn"))).toBe(true);
    expect(names.some((n) => n.includes("woocommerce"))).toBe(true);
  });

  it.each(Object.entries(fixtures))("%s is whole and expects a product the worker accepts", (_file, fixture) => {
    expect(fixture.about.length).toBeGreaterThan(20);
    expect(() => new URL(fixture.href)).not.toThrow();
    expect(fixture.ld.length).toBeGreaterThan(0);
    const { brand, ...product } = fixture.expected.product;
    expect(EventProduct.safeParse({ ...product, categories: fixture.expected.categories.length ? fixture.expected.categories : undefined }).success).toBe(true);
    if (brand !== undefined) expect(brand.trim()).toBe(brand);
  });
});
