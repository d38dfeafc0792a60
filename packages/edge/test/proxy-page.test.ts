import { afterEach, describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, collect, ev, newVisitor } from "./helpers";
import { html, navigate, origin, proxiedShop, shopPage, visitorCookie } from "./proxy-origin";

let restore = () => {};
afterEach(() => restore());

const NC = ["Headphones", "Noise-Canceling"];
const heroes = demoConfig.heroes as Record<string, { image: string; alt: string; headline: string; subhead?: string; cta?: { label: string; href: string } }>;

/** The handoff the page carries for the snippet: data-visitor and the decision in data-decision. */
function handoff(page: string): { visitor?: string; decision?: any; tag: string } {
  const tag = /<script src="\/_vt\/v1\/sdk\.js"[^>]*><\/script>/.exec(page)?.[0] ?? "";
  const attr = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const decision = attr("data-decision");
  return { tag, visitor: attr("data-visitor"), decision: decision ? JSON.parse(decision) : undefined };
}

const skus = (page: string) => [...page.matchAll(/data-vt-sku="([^"]+)"/g)].map((m) => m[1]);

/** A visitor whose profile says noise-canceling, as the snippet would have recorded it. */
async function ncFan(site: string) {
  const visitor = newVisitor("ncfan");
  await collect({
    site,
    visitor,
    events: [
      ev("category_view", { url: "https://shop.test/c/headphones/noise-canceling/", categories: NC }, 5),
      ev("product_view", { url: "https://shop.test/p/NC-100/", categories: NC, product: { sku: "NC-100", price: 349, categories: NC } }, 3),
      ev("product_view", { url: "https://shop.test/p/NC-200/", categories: NC, product: { sku: "NC-200", price: 449, categories: NC } }, 1),
    ],
  });
  return visitor;
}

describe("proxy mode personalizes the page on its way", () => {
  it("puts the visitor's hero, its alt, headline, subhead and call to action, and the grid order into the HTML", async () => {
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const shop = await proxiedShop();
    const visitor = await ncFan(shop.site);
    const res = await navigate(shop.url("/"), { cookie: `vt_id=${visitor}; session=abc` });
    const page = await res.text();
    const nc = heroes["noise-canceling"]!;
    expect(page).toContain(`<section class="hero" data-vt-slot="hero" data-vt-variant="noise-canceling">`);
    expect(page).toContain(`<img data-vt-image src="${nc.image}" alt="${nc.alt}" width="1200" height="480">`);
    expect(page).toContain(`<h1 data-vt-headline>${nc.headline}</h1>`);
    expect(page).toContain(`<p data-vt-subhead>${nc.subhead}</p>`);
    expect(page).toContain(`<a data-vt-cta class="btn" href="${nc.cta!.href}">${nc.cta!.label}</a>`);
    expect(page).not.toContain("New season, made to last");
    expect(page).toContain(`<ul class="grid" data-vt-sort aria-label="Featured" data-vt-variant="interest">`);
    expect(skus(page)).toEqual(["B", "A", "C"]);
    expect(page).not.toContain("<!--vt:");
    const { visitor: handed, decision } = handoff(page);
    expect(handed).toBe(visitor);
    expect(decision).toMatchObject({ visitor, hero: { variant: "noise-canceling" }, sort: { strategy: "interest", skus: ["B", "A", "C"] } });
    expect(decision.traits).toBeUndefined(); // no explain box on this page
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(visitorCookie(res)).toBe(visitor);
  });

  it("fills general slots as the snippet does: text, CTA, image, variant mark; null hides; unknown slots stay", async () => {
    const slots = {
      offer: { variants: { coupon: { headline: "10% off tonight", text: "Use <WELCOME10> & save", cta: { label: "Claim", href: "/cart/" } } }, rules: [], default: "coupon" },
      banner: { variants: { spring: { text: "Spring" } }, rules: [], default: null },
    };
    const body = `<aside data-vt-slot="offer" hidden><h2 data-vt-headline>x</h2><p data-vt-text>old</p><a data-vt-cta href="/">old</a></aside>
<div data-vt-slot="banner"><p data-vt-text>Banner</p></div>
<div data-vt-slot="legacy"><p data-vt-text>Stays</p></div>`;
    restore = origin({ "/": () => html(shopPage(body)) }).restore;
    // Without the demo's trigger, whose slot these slots replace.
    const shop = await proxiedShop({}, { slots, triggers: [] });
    const page = await (await navigate(shop.url("/"))).text();
    expect(page).toContain(`<aside data-vt-slot="offer" data-vt-variant="coupon"><h2 data-vt-headline>10% off tonight</h2><p data-vt-text>Use &lt;WELCOME10&gt; &amp; save</p><a data-vt-cta href="/cart/">Claim</a></aside>`);
    expect(page).toContain(`<div data-vt-slot="banner" hidden=""><p data-vt-text>Banner</p></div>`);
    expect(page).toContain(`<div data-vt-slot="legacy"><p data-vt-text>Stays</p></div>`);
    expect(handoff(page).decision.slots).toMatchObject({ offer: { variant: "coupon" }, banner: null });
  });

  it("fills the explanation box, and only then hands the page traits and explain lines", async () => {
    restore = origin({ "/": () => html(shopPage(`<div data-vt-explain><p>default words</p></div>`)) }).restore;
    const shop = await proxiedShop();
    const visitor = await ncFan(shop.site);
    const page = await (await navigate(shop.url("/"), { cookie: `vt_id=${visitor}` })).text();
    expect(page).toMatch(/<div data-vt-explain>Hero "noise-canceling" chosen by rule "interest-noise-canceling"[^<]*\n/);
    const { decision } = handoff(page);
    expect(decision.explain[0]).toMatch(/noise-canceling/);
    expect(decision.traits.interests[0].category).toMatch(/noise-canceling|headphones/);
    expect(decision.traits.geo).toBeUndefined(); // coarse traits only, as the decide route gives a page
    expect(decision.traits.value.thresholds).toBeUndefined();
  });

  it("hands the page only the segments that chose what it shows, as the decide route answers", async () => {
    // A segment every visitor is in, which no rule uses: its name must not reach the page.
    const segments = [...demoConfig.segments, { id: "spends-in-paris", name: "Spends in Paris", description: "Named after where and what.", when: { trait: "lifecycle.visit", op: "exists" } }];
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const shop = await proxiedShop({}, { segments });
    const visitor = await ncFan(shop.site);
    const { decision } = handoff(await (await navigate(shop.url("/"), { cookie: `vt_id=${visitor}` })).text());
    expect(decision.hero.variant).toBe("noise-canceling");
    expect(decision.segments).toEqual([]);
    // The admin's export says the visitor is in it; decide answers the page the same as the handoff.
    const exported = (await (await call("GET", `/v1/sites/${shop.site}/visitors/${visitor}`, undefined, { headers: ADMIN })).json()) as { decision: { segments: string[] } };
    expect(exported.decision.segments).toContain("spends-in-paris");
    const decided = (await (await call("POST", "/v1/decide", { site: shop.site, visitor })).json()) as { segments: string[] };
    expect(decided.segments).toEqual(decision.segments);
  });

  it("serves an erased visitor the default content, as the decide route does", async () => {
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const shop = await proxiedShop();
    const visitor = await ncFan(shop.site);
    const erased = await call("DELETE", `/v1/sites/${shop.site}/visitors/${visitor}`, undefined, { headers: ADMIN });
    expect(erased.status).toBeLessThan(300);
    const page = await (await navigate(shop.url("/"), { cookie: `vt_id=${visitor}` })).text();
    expect(page).toContain(`data-vt-slot="hero" data-vt-variant="default"`);
    expect(handoff(page).decision.hero.reason.basis).toBe("consent");
  });

  it("replaces the page's own Vitrine tag with the same-origin one carrying the decision", async () => {
    // The usual form, and one with a version query on its source.
    const own = `<script src="https://edge.example/v1/sdk.js" data-site="demo" async></script><script async data-site="demo" src="https://edge.example/v1/sdk.js?v=3"></script>`;
    restore = origin({ "/": () => html(shopPage().replace("</head>", `${own}</head>`)) }).restore;
    const shop = await proxiedShop();
    const page = await (await navigate(shop.url("/"))).text();
    expect(page).not.toContain("edge.example");
    expect(page.match(/\/v1\/sdk\.js/g)).toHaveLength(1);
    expect(handoff(page).tag).toMatch(new RegExp(`^<script src="/_vt/v1/sdk.js" data-site="${shop.site}" data-endpoint="https://${shop.host}/_vt" data-proxy data-visitor="[A-Za-z0-9_-]{22}" data-decision="[^"]+" async></script>$`));
  });

  it("serves bots the default content, sets no cookie and leaves the origin's caching alone", async () => {
    restore = origin({ "/": () => html(shopPage(), { headers: { "cache-control": "public, max-age=60" } }) }).restore;
    const shop = await proxiedShop();
    const res = await navigate(shop.url("/"), { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
    const page = await res.text();
    expect(page).toContain(`data-vt-slot="hero" data-vt-variant="default"`);
    expect(handoff(page).decision).toMatchObject({ bot: true, hero: { reason: { basis: "bot" } } });
    expect(handoff(page).visitor).toBeUndefined();
    expect(visitorCookie(res)).toBeUndefined();
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it.each([
    ["Global Privacy Control", { "sec-gpc": "1" }, {}],
    ["a withdrawn consent", { cookie: "vt_consent=0; vt_id=Zx8kR2v0Yq3LmN5pT7wA1c" }, {}],
    ["consent the site requires and does not have", {}, { consent: "required" }],
  ])("with %s, leaves the slots as they came, sets no cookie and hands over no decision", async (_name, headers, proxy) => {
    const original = shopPage();
    restore = origin({ "/": () => html(original) }).restore;
    const shop = await proxiedShop(proxy);
    const res = await navigate(shop.url("/"), headers);
    const page = await res.text();
    const { tag, visitor, decision } = handoff(page);
    expect(page.replace(tag, "")).toBe(original);
    expect(visitor).toBeUndefined();
    expect(decision).toBeUndefined();
    expect(visitorCookie(res)).toBeUndefined();
    if ("consent" in proxy) expect(tag).toContain('data-consent="required"');
  });

  it("personalizes once the site's required consent was given (vt_consent=1)", async () => {
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const shop = await proxiedShop({ consent: "required" });
    const visitor = await ncFan(shop.site);
    const page = await (await navigate(shop.url("/"), { cookie: `vt_consent=1; vt_id=${visitor}` })).text();
    expect(page).toContain(`data-vt-variant="noise-canceling"`);
  });
});
