/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { LD_KEYS, readLd, splitCategory, withLdFacts } from "./ld";
import { MAX_CATEGORY_LENGTH, MAX_EVENT_CATEGORIES, MAX_LD_CHARS } from "./limits";
import { Event, LdDocs } from "../schema/event";

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

/** What the snippet sends: each document's text through `JSON.parse` with the `LD_KEYS` reviver. */
const pruned = (docs: unknown[]) => docs.map((doc) => JSON.parse(JSON.stringify(doc), (key, value) => (LD_KEYS.test(key) ? value : undefined)));

type Fixture = { about: string; href: string; ld: unknown[]; expected: { categories: string[]; product: { sku: string; price: number; brand?: string } } };
const fixtures = import.meta.glob<Fixture>("../golden/ld/*.json", { import: "default", eager: true });

describe("readLd on real theme markup (golden/ld)", () => {
  it.each(Object.entries(fixtures))("%s", (_file, fixture) => {
    const facts = readLd(fixture.ld, fixture.href);
    expect(facts.categories).toEqual(fixture.expected.categories);
    expect(facts.product).toMatchObject(fixture.expected.product);
    expect(facts.product?.brand).toBe(fixture.expected.product.brand);
    // The snippet's pruning keeps everything the reader needs, and fits what the worker accepts.
    expect(readLd(pruned(fixture.ld), fixture.href)).toEqual(facts);
    expect(LdDocs.safeParse(pruned(fixture.ld)).success).toBe(true);
  });

  it("prunes what is not read: descriptions, images, reviews, sellers", () => {
    const text = JSON.stringify(pruned(Object.values(fixtures).flatMap((f) => f.ld)));
    for (const key of ["description", "image", "logo", "seller", "sameAs", "potentialAction", "availability"]) expect(text).not.toContain(`"${key}"`);
  });
});

describe("readLd", () => {
  it("reads a product page's product and breadcrumb, without Home and without the product itself", () => {
    const facts = readLd(
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
    expect(facts).toEqual({ product: { sku: "NC-100", price: 349, currency: "USD" }, categories: ["Headphones", "Noise-Canceling"] });
  });

  it("recognises the root and the product's own crumb by URL too", () => {
    const facts = readLd([crumbs(["Acme Audio", "https://shop.example/"], ["Headphones", "/c/headphones"], ["NC-100 (black)", "https://shop.example/p/nc-100"]), nc100], HREF);
    expect(facts.categories).toEqual(["Headphones"]);
  });

  it("keeps the last crumb of a category page (no product)", () => {
    const facts = readLd([[{ "@type": "WebSite", name: "Acme" }], crumbs(["Home", "/"], ["Men's", "/c/men"], ["Shoes", "/c/men/shoes"])], "https://shop.example/c/men/shoes");
    expect(facts).toEqual({ categories: ["Men's", "Shoes"] });
  });

  it("reads item names nested in ListItem.item", () => {
    expect(readLd([{ "@type": "BreadcrumbList", itemListElement: [{ position: 1, item: { "@id": "/c/women", name: "Women's" } }] }], HREF).categories).toEqual(["Women's"]);
  });

  it.each([
    ["an offers array", { offers: [{ price: 199.5, priceCurrency: "EUR" }, { price: 10 }] }, { price: 199.5, currency: "EUR" }],
    ["an AggregateOffer", { offers: { "@type": "AggregateOffer", lowPrice: "89", highPrice: "120", priceCurrency: "USD" } }, { price: 89, currency: "USD" }],
    ["a priceSpecification", { offers: { priceSpecification: { price: "12.50", priceCurrency: "GBP" } } }, { price: 12.5, currency: "GBP" }],
    ["a sale before its ListPrice", { offers: { priceSpecification: [{ price: 20, priceType: "https://schema.org/ListPrice" }, { price: 15 }] } }, { price: 15 }],
    ["a first offer without a price", { offers: [{ url: "/x" }, { price: "7" }] }, { price: 7 }],
    ["a currency that is not ISO 4217", { offers: { price: 5, priceCurrency: "usd" } }, { price: 5 }],
    ["a @type list", { "@type": ["Product", "IndividualProduct"], offers: { price: 0 } }, { price: 0 }],
  ])("reads the price from %s", (_, patch, expected) => {
    expect(readLd([{ ...nc100, ...patch }], HREF).product).toEqual({ sku: "NC-100", ...expected });
  });

  it.each([
    ["mpn", { mpn: "M-1" }, "M-1"],
    ["a GTIN", { gtin13: "4006381333931" }, "4006381333931"],
    ["productID", { productID: 77 }, "77"],
    ["the offer's variant id", { offers: { price: 1, url: "https://shop.example/p/x?variant=42" } }, "42"],
    ["the product's @id path", { "@id": "https://shop.example/p/x#product" }, "/p/x"],
  ])("falls back to %s when there is no sku", (_, patch, sku) => {
    expect(readLd([{ "@type": "Product", offers: { price: 1 }, ...patch }], HREF).product?.sku).toBe(sku);
  });

  it.each([
    ["a string", "Sony", "Sony"],
    ["a Brand", { "@type": "Brand", name: " Bose " }, "Bose"],
    ["a list", [{ name: "Sennheiser" }, { name: "Other" }], "Sennheiser"],
    ["an empty name", { name: "  " }, undefined],
  ])("reads the brand from %s", (_, brand, expected) => {
    expect(readLd([{ ...nc100, brand }], HREF).product?.brand).toBe(expected);
  });

  describe("ProductGroup", () => {
    const group = (href: string) =>
      readLd(
        [
          {
            "@type": "ProductGroup",
            name: "Cable",
            brand: "Acme",
            category: "Accessories › Cables",
            hasVariant: [
              { "@type": "Product", sku: "C-1", offers: { price: "19", url: "https://shop.example/p/cable?variant=1" } },
              { "@type": "Product", "@id": "/p/cable?variant=2#variant", sku: "C-2", offers: { price: "12" } },
            ],
          },
        ],
        href,
      );

    it("takes the variant the URL names, by its offer's URL or its @id, with the group's brand and category", () => {
      expect(group("https://shop.example/p/cable?variant=2")).toEqual({ product: { sku: "C-2", price: 12, brand: "Acme" }, categories: ["Accessories", "Cables"] });
      expect(group("https://shop.example/p/cable?colour=red&variant=1").product?.sku).toBe("C-1");
    });

    it("takes the first variant when the URL names none, or one it does not list", () => {
      expect(group("https://shop.example/p/cable").product?.sku).toBe("C-1");
      expect(group("https://shop.example/p/cable?variant=9").product?.sku).toBe("C-1");
    });
  });

  it("uses the product's category when there is no breadcrumb", () => {
    expect(readLd([nc100], HREF).categories).toEqual(["Headphones", "Noise-Canceling"]);
  });

  it.each([
    ["no price", { offers: undefined }],
    ["a price that is not a number", { offers: { price: "1,299.00" } }],
    ["a negative price", { offers: { price: -1 } }],
    ["no id at all", { sku: undefined }],
  ])("finds no product with %s", (_, patch) => {
    expect(readLd([{ ...nc100, ...patch }], HREF).product).toBeUndefined();
  });

  it.each([[[]], [[null, 3, "text", { "@graph": null }]], [[{ "@type": "BreadcrumbList" }]], [[{ "@type": "BreadcrumbList", itemListElement: [null, 5] }]], [[{ "@type": "Product", offers: "x", hasVariant: [null] }]]])(
    "finds nothing in %j",
    (docs) => {
      expect(readLd(docs, HREF)).toEqual({ categories: [] });
    },
  );

  it("never throws, whatever the href", () => {
    expect(readLd([crumbs(["A", "http://[bad"]), nc100], "not a url")).toEqual({ product: { sku: "NC-100", price: 349, currency: "USD" }, categories: ["A"] });
  });
});

describe("splitCategory", () => {
  it("splits paths at > and ›, trims, drops empties", () => {
    expect(splitCategory(" Headphones › Noise-Canceling >  > In-ear ")).toEqual(["Headphones", "Noise-Canceling", "In-ear"]);
  });

  it("keeps what the contract accepts: its count and length of names", () => {
    const long = splitCategory(Array.from({ length: MAX_EVENT_CATEGORIES + 10 }, (_, i) => `${i}`.padEnd(MAX_CATEGORY_LENGTH + 20, "x")).join(">"));
    expect(long).toHaveLength(MAX_EVENT_CATEGORIES);
    expect(long[0]).toHaveLength(MAX_CATEGORY_LENGTH);
  });
});

describe("withLdFacts", () => {
  it("never throws on a malformed URL escape: the page's facts are still read", () => {
    const group = { "@type": "ProductGroup", name: "Q", hasVariant: [{ "@type": "Product", sku: "Q-1", url: "/products/q?variant=%E0%A4", offers: { price: "10.00", priceCurrency: "USD" } }] };
    for (const url of ["https://shop.example/products/q?variant=%E0%A4", "https://shop.example/products/q?variant=%"]) {
      const event = withLdFacts({ id: "bad", type: "page_view", ts: 1, url, ld: [group] });
      expect(event.type).toBe("product_view");
      expect(event.product).toMatchObject({ sku: "Q-1", price: 10 });
    }
  });

  const view = (patch: Partial<Event>): Event => ({ id: "e1", type: "page_view", ts: 1, url: HREF, ...patch });

  it("makes a page view with a JSON-LD product a product view, its categories the page's, and drops ld", () => {
    const event = withLdFacts(view({ ld: [{ ...nc100, brand: "Acme" }] }));
    const categories = ["Headphones", "Noise-Canceling"];
    expect(event).toEqual(view({ type: "product_view", categories, product: { sku: "NC-100", price: 349, currency: "USD", brand: "Acme", categories } }));
    expect(Event.safeParse(event).success).toBe(true);
  });

  it("makes a page view with a breadcrumb only a category view", () => {
    expect(withLdFacts(view({ ld: [crumbs(["Home", "/"], ["Men's", "/c/men"])] }))).toEqual(view({ type: "category_view", categories: ["Men's"] }));
  });

  it("lets the page's own data-vt-category win over the JSON-LD's", () => {
    const event = withLdFacts(view({ type: "category_view", categories: ["Sale"], ld: [nc100] }));
    expect(event.type).toBe("product_view");
    expect(event.categories).toEqual(["Sale"]);
    expect(event.product).toEqual({ sku: "NC-100", price: 349, currency: "USD", categories: ["Sale"] });
  });

  it("lets a product the page passed win", () => {
    const product = { sku: "X", price: 1 };
    expect(withLdFacts(view({ type: "product_view", product, ld: [nc100] })).product).toBe(product);
  });

  it("leaves a page view without readable JSON-LD a page view, and other events as they are", () => {
    expect(withLdFacts(view({ ld: [{ "@type": "WebSite" }] }))).toEqual(view({}));
    const cart = view({ type: "add_to_cart", product: { sku: "A", price: 2 } });
    expect(withLdFacts({ ...cart, ld: [nc100] })).toEqual(cart);
    expect(withLdFacts(cart)).toBe(cart);
  });
});

describe("LdDocs (the event's ld field)", () => {
  it("refuses more JSON than MAX_LD_CHARS, naming the field", () => {
    const result = Event.safeParse(view2({ ld: [{ name: "x".repeat(MAX_LD_CHARS) }] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["ld"]);
    expect(result.error?.issues[0]?.message).toMatch(/ld must be at most/);
  });

  it("refuses ld that is not a list of documents", () => {
    expect(Event.safeParse(view2({ ld: { "@type": "Product" } as never })).success).toBe(false);
    expect(Event.safeParse(view2({ ld: Array.from({ length: 11 }, () => ({})) })).success).toBe(false);
  });
});

function view2(patch: Partial<Event>): Event {
  return { id: "e2", type: "page_view", ts: 1, ...patch };
}
