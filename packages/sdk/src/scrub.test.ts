import { describe, expect, it } from "vitest";
import { MAX_URL_LENGTH } from "@vitrine/shared/limits";
import { scrub } from "./scrub";

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
