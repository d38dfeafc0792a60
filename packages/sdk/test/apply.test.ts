import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import golden from "@vitrine/shared/sort-cases.json";
import type { Decision, ProductCard } from "../src/types";
import { launch, pageWith } from "./chromium";

// A real browser on a shared machine: starting it and a first page can take seconds.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const reason = { rule: "r", basis: "segment", segment: "s" } as const;

/** A decision with only what `apply` reads besides the part under test (an older worker's: no slots). */
const decision = (patch: object): Decision =>
  ({
    visitor: "v-12345678",
    segments: [],
    hero: { variant: "default", rule: "default", reason, image: "/img/default.svg", alt: "default", headline: "Default" },
    sort: { strategy: "default", rule: "default", reason },
    experiments: [],
    ttl: 60,
    ...patch,
  }) as unknown as Decision;

/** A product card as a shop would mark it up. */
const card = (c: ProductCard) =>
  `<li data-vt-sku="${c.sku}"${c.price === undefined ? "" : ` data-vt-price="${c.price}"`}${c.addedAt === undefined ? "" : ` data-vt-added="${new Date(c.addedAt).toISOString()}"`}${c.inStock === false ? ' data-vt-stock="out"' : ""}>${c.sku}</li>`;

const grid = (page: Page) => page.$$eval("[data-vt-sort] > li", (items) => items.map((li) => li.textContent));
const apply = (page: Page, dec: Decision, cached: boolean) => page.evaluate(([d, c]) => (window as any).vt.apply(d, c), [dec, cached] as const);

/** A content slot as a shop would mark it up, with every part. */
const slot = (id: string, extra = "") =>
  `<section data-vt-slot="${id}" ${extra}><img data-vt-image src="/img/${id}.svg" alt="${id}"><h2 data-vt-headline>${id} headline</h2><p data-vt-subhead>${id} subhead</p><p data-vt-text>${id} text</p><a data-vt-cta href="/${id}">${id} cta</a></section>`;

/** What each slot on the page shows, by id (the last of several with one id). */
const shown = (page: Page) =>
  page.$$eval("[data-vt-slot]", (slots) =>
    Object.fromEntries(
      slots.map((el) => [
        el.getAttribute("data-vt-slot"),
        {
          variant: el.getAttribute("data-vt-variant"),
          hidden: el.hasAttribute("hidden"),
          image: el.querySelector("[data-vt-image]")?.getAttribute("src"),
          alt: el.querySelector("[data-vt-image]")?.getAttribute("alt"),
          headline: el.querySelector("[data-vt-headline]")?.textContent,
          subhead: el.querySelector("[data-vt-subhead]")?.textContent,
          text: el.querySelector("[data-vt-text]")?.textContent,
          cta: el.querySelector("[data-vt-cta]")?.textContent,
          href: el.querySelector("[data-vt-cta]")?.getAttribute("href"),
        },
      ]),
    ),
  );

describe("apply, on slots", () => {
  const offer = { variant: "evening-coupon", rule: "coupon-lovers-offer", reason, headline: "Tonight only", text: "10% off with EVENING", cta: { label: "Use it", href: "/c/evening" }, image: "/img/coupon.svg", alt: "A coupon" };
  const hero = { variant: "mens", rule: "interest-mens", reason, image: "/img/mens.svg", alt: "A parka", headline: "Outerwear", subhead: "For the long winter" };

  it("fills each slot the decision names, marks and shows it; hides a null slot; leaves the others alone", async () => {
    const page = await pageWith(browser, slot("hero") + slot("offer", "hidden") + slot("popup") + slot("banner"), ["apply"]);
    await apply(page, decision({ hero, slots: { hero, offer, popup: null, unknown: offer } }), false);
    const now = await shown(page);
    // Parts the variant leaves out keep the markup's.
    expect(now.hero).toEqual({ variant: "mens", hidden: false, image: "/img/mens.svg", alt: "A parka", headline: "Outerwear", subhead: "For the long winter", text: "hero text", cta: "hero cta", href: "/hero" });
    expect(now.offer).toEqual({ variant: "evening-coupon", hidden: false, image: "/img/coupon.svg", alt: "A coupon", headline: "Tonight only", subhead: "offer subhead", text: "10% off with EVENING", cta: "Use it", href: "/c/evening" });
    expect(now.popup).toMatchObject({ variant: null, hidden: true, headline: "popup headline" });
    expect(now.banner).toEqual({ variant: null, hidden: false, image: "/img/banner.svg", alt: "banner", headline: "banner headline", subhead: "banner subhead", text: "banner text", cta: "banner cta", href: "/banner" });
    await page.close();
  });

  it("fills every element of a slot id, and text only as text", async () => {
    const page = await pageWith(browser, `<p data-vt-slot="badge"><b data-vt-text>new</b></p><p data-vt-slot="badge"><b data-vt-text>new</b></p>`, ["apply"]);
    await apply(page, decision({ slots: { badge: { variant: "v", rule: "r", reason, text: "<img src=x onerror=alert(1)>" } } }), false);
    expect(await page.$$eval("[data-vt-slot=badge]", (els) => els.map((el) => [el.getAttribute("data-vt-variant"), el.querySelector("b")!.textContent, el.querySelector("img")]))).toEqual([
      ["v", "<img src=x onerror=alert(1)>", null],
      ["v", "<img src=x onerror=alert(1)>", null],
    ]);
    await page.close();
  });

  it("sets image and link URLs only to paths on the shop and https URLs, as the worker's config allows", async () => {
    const page = await pageWith(browser, slot("a") + slot("b") + slot("c"), ["apply"]);
    const content = (variant: string, image: string, href: string) => ({ variant, rule: "r", reason, image, alt: variant, cta: { label: variant, href } });
    // A cached decision comes from localStorage, which any script on the page can write.
    await apply(
      page,
      decision({
        slots: {
          a: content("a2", "/img/a2.svg", "/"),
          b: content("b2", "https://cdn.example/b2.svg", "https://shop.example/b2"),
          c: content("c2", "javascript:alert(1)//.svg", "//evil.example/"),
        },
      }),
      true,
    );
    const now = await shown(page);
    expect([now.a, now.b].map(({ image, href }) => [image, href])).toEqual([
      ["/img/a2.svg", "/"],
      ["https://cdn.example/b2.svg", "https://shop.example/b2"],
    ]);
    // The rest of the variant applies; the bad URLs leave the markup's.
    expect(now.c).toMatchObject({ variant: "c2", alt: "c2", cta: "c2", image: "/img/c.svg", href: "/c" });
    for (const href of ["/\\evil.example/", "data:text/html,x", "http://shop.example/", " javascript:x"]) {
      await apply(page, decision({ slots: { c: content("c3", href, href) } }), true);
      expect(await shown(page).then(({ c }) => [c.image, c.href])).toEqual(["/img/c.svg", "/c"]);
    }
    await page.close();
  });

  it("fills the hero from an older worker's decision, which has no slots", async () => {
    const page = await pageWith(browser, slot("hero") + slot("offer"), ["apply"]);
    await apply(page, decision({ hero }), true);
    const now = await shown(page);
    expect(now.hero).toMatchObject({ variant: "mens", image: "/img/mens.svg", headline: "Outerwear" });
    expect(now.offer).toMatchObject({ variant: null, headline: "offer headline" });
    await page.close();
  });

  it("writes the explanation when the decision has one (the lazy part does), and changes nothing when applied again", async () => {
    const page = await pageWith(browser, slot("hero") + `<pre data-vt-explain>why</pre>`, ["apply", "extra"]);
    const both = (dec: Decision) => page.evaluate((d) => ((window as any).vt.apply(d, false), (window as any).vt.o(d)), dec);
    await both(decision({ hero }));
    expect(await page.textContent("[data-vt-explain]")).toBe("why");
    const dec = decision({ hero, slots: { hero }, explain: ["Hero: interest men's.", "Sort: default."] });
    await both(dec);
    const once = await page.content();
    await both(dec);
    expect(await page.content()).toBe(once);
    expect(await page.textContent("[data-vt-explain]")).toBe("Hero: interest men's.\nSort: default.");
    await page.close();
  });
});

describe("apply, on a picture still on its way", () => {
  const svg = (fill: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="${fill}"/></svg>`;
  /** The image's opacity as painted (the snippet holds it with an animation, never in its style). */
  const opacity = (page: Page) => page.$eval("[data-vt-image]", (img) => getComputedStyle(img).opacity);
  const complete = (page: Page) => page.waitForFunction(() => document.querySelector<HTMLImageElement>("[data-vt-image]")!.complete);
  const heroWith = (image: string, alt = "nc") => decision({ slots: { hero: { variant: "nc", rule: "r", reason, image, alt } } });

  /**
   * A slot whose markup picture (`https://shop.test/default.svg`) has loaded, unless `loadDefault`
   * is false; pictures named in `held` answer (or fail) only when `release` says.
   */
  async function page(markup = `<img data-vt-image src="https://shop.test/default.svg" alt="default">`, held = ["/new.svg"], loadDefault = true) {
    const page = await pageWith(browser, "", ["apply"]);
    let release!: (ok: boolean) => void;
    const released = new Promise<boolean>((resolve) => (release = resolve));
    await page.route("https://shop.test/**", async (route) => {
      const url = route.request().url();
      if (held.some((path) => url.endsWith(path)) && !(await released)) return route.abort();
      await route.fulfill({ contentType: "image/svg+xml", body: svg(url.endsWith("/new.svg") ? "navy" : "gray") });
    });
    await page.evaluate((html) => (document.body.innerHTML = `<section data-vt-slot="hero">${html}</section>`), markup);
    if (loadDefault) await complete(page);
    return { page, release };
  }

  it("hides the image until the new picture has arrived, instead of showing the old one meanwhile", async () => {
    const { page: p, release } = await page();
    await apply(p, heroWith("https://shop.test/new.svg"), true);
    expect(await opacity(p)).toBe("0");
    release(true);
    await complete(p);
    await expect.poll(() => opacity(p)).toBe("1");
    // Applying it again (decide's answer after the cached decision) hides nothing: the picture is there.
    await apply(p, heroWith("https://shop.test/new.svg"), false);
    expect(await opacity(p)).toBe("1");
    await p.close();
  });

  it("never hides a picture it does not change, even one still loading (the same src again, or only its alt)", async () => {
    // The markup's own picture is the one held back: it is still loading when the decision comes.
    const { page: p, release } = await page(undefined, ["/default.svg"], false);
    await apply(p, heroWith("https://shop.test/default.svg"), false);
    expect(await opacity(p)).toBe("1");
    await apply(p, decision({ slots: { hero: { variant: "nc", rule: "r", reason, alt: "only the text changes" } } }), false);
    expect(await opacity(p)).toBe("1");
    release(true);
    await complete(p);
    expect(await opacity(p)).toBe("1");
    await p.close();
  });

  it("leaves the shop's own load handler and inline opacity alone", async () => {
    const { page: p, release } = await page(`<img data-vt-image src="https://shop.test/default.svg" alt="default" style="opacity: 0.5" onload="window.loads = (window.loads || 0) + 1">`);
    await apply(p, heroWith("https://shop.test/new.svg"), true);
    expect(await opacity(p)).toBe("0");
    release(true);
    await complete(p);
    await expect.poll(() => opacity(p)).toBe("0.5");
    expect(await p.evaluate(() => (window as any).loads)).toBe(2);
    await p.close();
  });

  it("shows the image again when the new picture fails, as the browser would without the snippet, and leaves no error on the page", async () => {
    const { page: p, release } = await page();
    const errors: string[] = [];
    p.on("pageerror", (error) => errors.push(error.message));
    await apply(p, heroWith("https://shop.test/new.svg"), true);
    expect(await opacity(p)).toBe("0");
    release(false);
    await expect.poll(() => opacity(p)).toBe("1");
    await p.waitForTimeout(200);
    expect(errors).toEqual([]);
    await p.close();
  });

  it("holds a picture changed twice until the last one has arrived", async () => {
    const { page: p, release } = await page(undefined, ["/new.svg", "/newer.svg"]);
    await apply(p, heroWith("https://shop.test/new.svg"), true);
    await apply(p, heroWith("https://shop.test/newer.svg"), false);
    expect(await opacity(p)).toBe("0");
    release(true);
    await complete(p);
    await expect.poll(() => opacity(p)).toBe("1");
    expect(await p.$eval("[data-vt-image]", (img) => (img as HTMLImageElement).src)).toBe("https://shop.test/newer.svg");
    await p.close();
  });

  it("ends the hold when a newer decision goes back to the picture already on screen", async () => {
    const { page: p } = await page();
    await apply(p, heroWith("https://shop.test/new.svg"), true);
    expect(await opacity(p)).toBe("0");
    // decide answers the default after a cached decision for another picture, which never came.
    await apply(p, heroWith("https://shop.test/default.svg"), false);
    await expect.poll(() => opacity(p)).toBe("1");
    await p.close();
  });

  it("leaves an element that is no image alone, and fills the rest of the slot", async () => {
    const p = await pageWith(browser, `<section data-vt-slot="hero"><div data-vt-image></div><h1 data-vt-headline>old</h1></section>`, ["apply"]);
    await apply(p, decision({ slots: { hero: { variant: "nc", rule: "r", reason, image: "https://shop.test/new.svg", headline: "new" } } }), false);
    expect(await p.$eval("[data-vt-image]", (el) => getComputedStyle(el).opacity)).toBe("1");
    expect(await p.textContent("[data-vt-headline]")).toBe("new");
    await p.close();
  });
});

describe("readSlots", () => {
  it("names each slot once, and sort for a grid; checking the ids is the worker's", async () => {
    const page = await pageWith(browser, slot("hero") + slot("offer") + slot("offer") + slot("Top Banner") + `<ul data-vt-sort></ul><ul data-vt-sort></ul>`, ["page"]);
    // The worker drops "Top Banner" (no slug) and counts the first MAX_SLOTS_PER_REQUEST.
    expect(await page.evaluate(() => (window as any).vt.readSlots())).toEqual(["hero", "offer", "Top Banner", "sort"]);
    await page.close();
  });

  it("names a slot repeated on every product card once", async () => {
    const page = await pageWith(browser, Array.from({ length: 300 }, () => slot("badge")).join(""), ["page"]);
    expect(await page.evaluate(() => (window as any).vt.readSlots())).toEqual(["badge"]);
    await page.close();
  });
});

describe("apply, on grids", () => {
  // The worker's sortProducts runs the same cases (packages/shared/src/logic/sort.test.ts).
  it.each(golden.cases)("sorts a cached decision by the worker's rule: $name", async ({ strategy, cards, expected }) => {
    const page = await pageWith(browser, `<ul data-vt-sort>${cards.map(card).join("")}<li>promo</li></ul>`, ["apply"]);
    await apply(page, decision({ sort: { strategy, rule: "r", skus: ["Z"] } }), true);
    // The tile without a sku is no product: it goes after them.
    expect(await grid(page)).toEqual([...expected, "promo"]);
    expect(await page.getAttribute("[data-vt-sort]", "data-vt-variant")).toBe(strategy);
    await page.close();
  });

  const shelf = [
    { sku: "A", price: 10, addedAt: Date.parse("2026-01-01") },
    { sku: "B", price: 30, inStock: false },
    { sku: "C", price: 20 },
  ];

  it("takes the worker's order; cards it did not see and tiles go after, in markup order", async () => {
    const page = await pageWith(browser, `<ul data-vt-sort>${[...shelf, { sku: "D" }].map(card).join("")}<li>promo</li></ul>`, ["apply"]);
    await apply(page, decision({ sort: { strategy: "interest", rule: "r", skus: ["C", "A", "B"] } }), false);
    expect(await grid(page)).toEqual(["C", "A", "B", "D", "promo"]);
    expect(await page.getAttribute("[data-vt-sort]", "data-vt-variant")).toBe("interest");
    await page.close();
  });

  it("sends the markup's order with decide, also once sorted, and restores it for default", async () => {
    const page = await pageWith(browser, `<ul data-vt-sort>${shelf.map(card).join("")}</ul>`, ["apply", "page"]);
    await apply(page, decision({ sort: { strategy: "price_desc", rule: "r" } }), true);
    expect(await grid(page)).toEqual(["C", "A", "B"]);
    expect((await page.evaluate(() => (window as any).vt.readCards())).map((c: ProductCard) => c.sku)).toEqual(["A", "B", "C"]);
    await apply(page, decision({ sort: { strategy: "default", rule: "r" } }), true);
    expect(await grid(page)).toEqual(["A", "C", "B"]);
    await page.close();
  });

  it("moves nothing that is already in place", async () => {
    const page = await pageWith(browser, `<ul data-vt-sort>${[shelf[0]!, shelf[2]!, shelf[1]!].map(card).join("")}</ul>`, ["apply"]);
    await page.evaluate(() => {
      (window as any).moved = 0;
      new MutationObserver((records) => ((window as any).moved += records.length)).observe(document.querySelector("[data-vt-sort]")!, { childList: true });
    });
    await apply(page, decision({ sort: { strategy: "interest", rule: "r", skus: ["A", "C", "B"] } }), false);
    await apply(page, decision({ sort: { strategy: "default", rule: "r" } }), true);
    expect(await page.evaluate(() => (window as any).moved)).toBe(0);
    await apply(page, decision({ sort: { strategy: "price_desc", rule: "r" } }), true);
    expect(await grid(page)).toEqual(["C", "A", "B"]);
    expect(await page.evaluate(() => (window as any).moved)).toBeGreaterThan(0);
    await page.close();
  });
});
