// The types themselves are compared in contract.test-d.ts (type-checked by vitest).
import { describe, expect, it } from "vitest";
import * as schema from "@vitrine/shared/schema";
import type * as sdk from "./types";
import { toEvent } from "./event";
import { readLd, withLdFacts } from "@vitrine/shared/ld";

const at = (body: Omit<sdk.VitrineEvent, "id" | "ts">): sdk.VitrineEvent => ({ ...body, id: "e1", ts: 1_790_000_000_000, url: "https://shop.example/" });

describe("events the SDK builds", () => {
  it.each([
    ["purchase", { orderId: "A-1", total: 349, coupon: "SPRING" }],
    ["add_to_cart", { sku: "NC-100", price: "349.00", currency: "USD", category: "Headphones › Noise-Canceling" }],
    ["search", { query: "noise canceling" }],
    ["checkout", {}],
    ["category_view", { category: "Men's > Shoes" }],
  ] as const)("pass the worker's schema: %s", (type, props) => {
    const result = schema.Event.safeParse(at(toEvent(type, props)));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it("pass the worker's schema with JSON-LD, and once the worker has read it", () => {
    const ld = [{ "@type": "Product", sku: "NC-100", brand: { name: "Acme" }, offers: { price: "349.00", priceCurrency: "USD" }, category: "Headphones > Noise-Canceling" }];
    const event = at({ type: "page_view", ld });
    expect(schema.Event.safeParse(event).success).toBe(true);
    const read = withLdFacts(event as schema.Event);
    expect(read.product).toEqual({ ...readLd(ld, "https://shop.example/").product, categories: ["Headphones", "Noise-Canceling"] });
    expect(schema.Event.safeParse(read).success).toBe(true);
  });
});
