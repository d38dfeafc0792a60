import { describe, expect, it } from "vitest";
import { MAX_URL_LENGTH } from "@vitrine/shared/limits";
import { redact, scrub } from "./scrub";

describe("scrub", () => {
  it.each([
    ["https://shop.example/thanks?email=ann@example.com", "https://shop.example/thanks?email=redacted"],
    ["https://shop.example/thanks?email=ann.lee%2Bshop%40mail.example.co.uk&x=1", "https://shop.example/thanks?email=redacted&x=1"],
    ["https://shop.example/u/ann@example.com/orders", "https://shop.example/u/redacted/orders"],
    ["https://shop.example/?tel=%2B1%20(555)%20010-9999", "https://shop.example/?tel=redacted"],
    ["https://shop.example/?phone=+15550109999#top", "https://shop.example/?phone=redacted#top"],
    ["https://shop.example/#contact=555-010-9999", "https://shop.example/#contact=redacted"],
  ])("redacts %s", (url, clean) => {
    expect(scrub(url)).toBe(clean);
  });

  it.each([
    "https://shop.example/headphones?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale",
    "https://shop.example/?gclid=EAIaIQobChMI8a2b3c4d5e6f&fbclid=IwAR2x9y8z7&msclkid=4f1e2d3c4b5a69788796a5b4c3d2e1f0",
    "https://shop.example/p/NC-100?page=2&size=42",
    "https://shop.example/search?q=sony+wh-1000xm5",
    // Shopify's variant ids name the product on show (the worker reads them from the URL and the JSON-LD).
    "https://shop.example/products/qcu?variant=44099887766552#variant",
    "https://shop.example/products/qcu?ref=home&variant=44099887766552",
    "",
  ])("keeps %s", (url) => {
    expect(scrub(url)).toBe(url);
  });
});

describe("scrub's length", () => {
  it("cuts URLs to the contract's length", () => {
    expect(scrub("https://shop.example/?q=" + "x".repeat(MAX_URL_LENGTH * 2))).toHaveLength(MAX_URL_LENGTH);
  });
});

describe("redact, on an event's JSON", () => {
  const json = (event: object) => JSON.parse(redact(JSON.stringify(event)));

  it("redacts emails in every value, and a search query that could be a phone number", () => {
    expect(json({ query: "ann@example.com", categories: ["Mail ann.lee@mail.example.co.uk"], order: { id: "A-1", coupon: "bob%40example.com" } })).toEqual({
      query: "redacted",
      categories: ["Mail redacted"],
      order: { id: "A-1", coupon: "redacted" },
    });
    expect(json({ query: "+1 (555) 010-9999" })).toEqual({ query: "redacted" });
  });

  it("keeps skus, order ids and prices that are all digits, and queries that are more than a number", () => {
    const event = { query: "sony 1000xm5", product: { sku: "0123456789012", price: 5550109999 }, order: { id: "1000234567", total: 20 } };
    expect(json(event)).toEqual(event);
    expect(json({ query: "call 555 010 9999" })).toEqual({ query: "call 555 010 9999" });
  });

  it("redacts UTM values like any query value", () => {
    expect(redact("https://shop.example/?utm_source=news&utm_content=ann@example.com&utm_term=%2B15550109999")).toBe(
      "https://shop.example/?utm_source=news&utm_content=redacted&utm_term=redacted",
    );
  });
});
