import { describe, expect, it } from "vitest";
import type { Event } from "@vitrine/shared/schema";
import { pageFacts } from "../src/routes/record";

describe("pageFacts", () => {
  it("drops a page title (older snippets sent one; it may name a person) and reads the JSON-LD", () => {
    const ts = Date.now();
    const [view, search] = pageFacts([
      { id: "e1", type: "page_view", ts, url: "https://shop.test/p/a", title: "Order for Jane Doe", ld: [{ "@type": "Product", sku: "A", offers: { price: 5 } }] },
      { id: "e2", type: "search", ts, query: "anc", title: "Search" },
    ] as Event[]);
    expect(view).toMatchObject({ id: "e1", type: "product_view", product: { sku: "A", price: 5 } });
    expect(view).not.toHaveProperty("title");
    expect(view).not.toHaveProperty("ld");
    expect(search).toEqual({ id: "e2", type: "search", ts, query: "anc" });
  });
});
