import { describe, expect, it } from "vitest";
import { MAX_CATEGORY_LENGTH, MAX_EVENT_CATEGORIES } from "@vitrine/shared/limits";
import { fromLd, product, split } from "./ld";

const HREF = "https://shop.example/p/nc-100";

const crumbs = (...items: [string, string?][]) => ({
  "@type": "BreadcrumbList",
  itemListElement: items.map(([name, item], i) => ({ "@type": "ListItem", position: i + 1, name, ...(item ? { item } : {}) })),
});

const nc100 = {
  "@type": "Product",
  name: "Quiet Comfort NC-100",
  sku: "NC-100",
  category: "Headphones > Noise-Canceling",
  offers: { "@type": "Offer", price: "349.00", priceCurrency: "USD" },
};

describe("fromLd", () => {
  it("reads a product page's product and breadcrumb, without Home and without the product itself", () => {
    const ld = fromLd(
      [
        {
          "@context": "https://schema.org",
          "@graph": [
            crumbs(["Home", "https://shop.example/"], ["Headphones", "https://shop.example/c/headphones"], ["Noise-Canceling", "https://shop.example/c/nc"], ["Quiet Comfort NC-100"]),
            nc100,
          ],
        },
      ],
      HREF,
    );
    expect(ld).toEqual({
      product: { sku: "NC-100", price: 349, currency: "USD", categories: undefined },
      crumbs: ["Headphones", "Noise-Canceling"],
    });
  });

  it("recognises the root and the product's own crumb by URL too", () => {
    const ld = fromLd(
      [crumbs(["Acme Audio", "https://shop.example/"], ["Headphones", "/c/headphones"], ["NC-100 (black)", "https://shop.example/p/nc-100"]), nc100],
      HREF,
    );
    expect(ld.crumbs).toEqual(["Headphones"]);
  });

  it("takes crumbs in document order from several scripts and arrays", () => {
    const ld = fromLd([[{ "@type": "WebSite", name: "Acme" }], crumbs(["Home", "/"], ["Men's", "/c/men"], ["Shoes", "/c/men/shoes"])], "https://shop.example/c/men/shoes");
    expect(ld).toEqual({ product: undefined, crumbs: ["Men's", "Shoes"] });
  });

  it("reads item names nested in ListItem.item", () => {
    const ld = fromLd([{ "@type": "BreadcrumbList", itemListElement: [{ position: 1, item: { "@id": "/c/women", name: "Women's" } }] }], HREF);
    expect(ld.crumbs).toEqual(["Women's"]);
  });

  it.each([
    ["an offers array", { offers: [{ price: 199.5, priceCurrency: "EUR" }, { price: 10 }] }, { price: 199.5, currency: "EUR" }],
    ["an AggregateOffer", { offers: { "@type": "AggregateOffer", lowPrice: "89", highPrice: "120", priceCurrency: "USD" } }, { price: 89, currency: "USD" }],
    ["a currency that is not ISO 4217", { offers: { price: 5, priceCurrency: "usd" } }, { price: 5, currency: undefined }],
    ["a @type list", { "@type": ["Product", "IndividualProduct"], offers: { price: 0 } }, { price: 0, currency: undefined }],
  ])("reads the price from %s", (_, patch, expected) => {
    const ld = fromLd([{ ...nc100, ...patch }], HREF);
    expect(ld.product).toEqual({ sku: "NC-100", categories: undefined, ...expected });
  });

  it("uses the product's category when there is no breadcrumb", () => {
    expect(fromLd([nc100], HREF).crumbs).toEqual(["Headphones", "Noise-Canceling"]);
  });

  it.each([
    ["no price", { offers: undefined }],
    ["a price that is not a number", { offers: { price: "1,299.00" } }],
    ["no sku", { sku: undefined }],
  ])("finds no product with %s", (_, patch) => {
    expect(fromLd([{ ...nc100, ...patch }], HREF).product).toBeUndefined();
  });

  it.each([[[]], [[null, 3, "text", { "@graph": null }]], [[{ "@type": "BreadcrumbList" }]], [[{ "@type": "BreadcrumbList", itemListElement: [null] }]]])(
    "finds nothing in %j",
    (docs) => {
      expect(fromLd(docs, HREF)).toEqual({ product: undefined, crumbs: [] });
    },
  );
});

describe("split", () => {
  it("splits paths at > and ›, trims, drops empties", () => {
    expect(split(" Headphones › Noise-Canceling >  > In-ear ")).toEqual(["Headphones", "Noise-Canceling", "In-ear"]);
  });

  it("keeps what the worker accepts: the contract's count and length of names", () => {
    const long = split(Array.from({ length: MAX_EVENT_CATEGORIES + 10 }, (_, i) => `${i}`.padEnd(MAX_CATEGORY_LENGTH + 20, "x")).join(">"));
    expect(long).toHaveLength(MAX_EVENT_CATEGORIES);
    expect(long[0]).toHaveLength(MAX_CATEGORY_LENGTH);
  });
});

describe("product", () => {
  it("needs a sku and a price of at least zero", () => {
    expect(product("A", "12.5", "GBP", ["x"])).toEqual({ sku: "A", price: 12.5, currency: "GBP", categories: ["x"] });
    expect(product("A", -1)).toBeUndefined();
    expect(product("", 1)).toBeUndefined();
    expect(product(undefined, 1)).toBeUndefined();
  });
});
