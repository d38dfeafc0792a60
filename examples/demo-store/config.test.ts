import { existsSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SiteConfig } from "@vitrine/shared/schema";
import { normalizeCategory } from "@vitrine/shared";
import config from "./vitrine.config.json" with { type: "json" };
import catalog from "./catalog.json" with { type: "json" };
import { validateCatalog } from "./lib/catalog.mjs";
import { buildSite } from "./test/build-once";

let site: ReturnType<typeof buildSite>;
beforeAll(() => {
  site = buildSite();
});
afterAll(() => rmSync(site.out, { recursive: true, force: true }));

describe("vitrine.config.json", () => {
  it("is a valid SiteConfig", () => {
    const result = SiteConfig.safeParse(config);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("has every hero variant the shop promises", () => {
    expect(Object.keys(config.heroes).sort()).toEqual(
      ["default", "noise-canceling", "bluetooth", "mens", "womens", "kids", "big-spender", "returning-researcher", "campaign-welcome"].sort(),
    );
  });

  it.each(Object.entries(config.heroes))("hero %s points at a built image and a built page", (_, hero) => {
    expect(existsSync(site.file(hero.image)), hero.image).toBe(true);
    expect(existsSync(site.file(hero.cta.href)), hero.cta.href).toBe(true);
  });

  it("uses every hero variant in a rule or as the default", () => {
    const used = new Set([config.defaultHero, ...config.heroRules.map((rule) => rule.variant)]);
    expect(Object.keys(config.heroes).filter((variant) => !used.has(variant))).toEqual([]);
  });

  it("names only interests the catalog's categories produce, already normalized", () => {
    const categories = new Set(catalog.products.flatMap((product) => product.category.map(normalizeCategory)));
    const interests = [...config.heroRules, ...config.sortRules].flatMap((rule) => ("interest" in rule && rule.interest ? [rule.interest] : []));
    expect(interests.length).toBeGreaterThan(0);
    for (const interest of interests) {
      expect(interest).toBe(normalizeCategory(interest));
      expect(categories, interest).toContain(interest);
    }
  });

  it("ships the home page with the default hero's content", () => {
    const home = site.read("/");
    const hero = config.heroes[config.defaultHero as keyof typeof config.heroes];
    expect(home).toContain(`<img data-vt-image src="${hero.image}"`);
    expect(home).toContain(`<h1 data-vt-headline>${hero.headline}</h1>`);
    expect(home).toContain(`<a data-vt-cta class="btn btn-light" href="${hero.cta.href}">${hero.cta.label}</a>`);
  });
});

describe("catalog.json", () => {
  const products = catalog.products;

  it("passes the build's own checks", () => {
    expect(validateCatalog(catalog)).toEqual([]);
  });

  it("has about 30 products priced from $15 to $3,000, big-ticket items included", () => {
    expect(products.length).toBeGreaterThanOrEqual(25);
    expect(products.length).toBeLessThanOrEqual(35);
    const prices = products.map((product) => product.price);
    expect(Math.min(...prices)).toBe(15);
    expect(Math.max(...prices)).toBeLessThanOrEqual(3000);
    expect(prices.filter((price) => price >= 1000).length).toBeGreaterThanOrEqual(2);
  });

  it("covers every category the config and the README talk about", () => {
    const paths = new Set(products.map((product) => product.category.join(" > ")));
    for (const path of ["Headphones > Noise-Canceling", "Headphones > Bluetooth", "Men's > Jackets", "Men's > Shoes", "Women's > Dresses", "Women's > Shoes", "Kids > Toys", "Kids > Clothing"]) {
      expect(paths, path).toContain(path);
    }
  });

  it("has a few products out of stock, not many", () => {
    const out = products.filter((product) => !product.inStock).length;
    expect(out).toBeGreaterThanOrEqual(1);
    expect(out).toBeLessThanOrEqual(4);
  });

  it("is rejected with the product and field named when it is wrong", () => {
    const broken = { products: [{ ...products[0], price: "cheap" }, { ...products[1], sku: products[0]!.sku }] };
    const problems: string[] = validateCatalog(broken);
    expect(problems).toContain(`products[0] (NC-100): "price" must be a positive amount with at most two decimals, got "cheap"`);
    expect(problems).toContain(`products[1] (NC-100): "sku" NC-100 is also used by products[0]`);
  });
});
