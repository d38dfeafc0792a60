import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, decide, ev, newSite, newVisitor } from "./helpers";

const KIDS = ["Kids", "Toys"];
const kidsVisit = () => [ev("category_view", { categories: KIDS }, 3), ev("product_view", { categories: KIDS, product: { sku: "KT-1", price: 30, categories: KIDS } }, 2), ev("product_view", { categories: KIDS, product: { sku: "KT-2", price: 25, categories: KIDS } }, 1)];

describe("console endpoints", () => {
  it("serve the console page and its files, with a strict content security policy", async () => {
    const page = await call("GET", "/admin");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('src="/admin/assets/main.client.js"');
    const script = await call("GET", "/admin/assets/main.client.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    const etag = script.headers.get("etag")!;
    expect((await call("GET", "/admin/assets/main.client.js", undefined, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await call("GET", "/admin/assets/console.css")).headers.get("content-type")).toContain("text/css");
    expect((await call("GET", "/admin/assets/nope.js")).status).toBe(404);
  });

  it("validate a config without storing it, naming the deepest path", async () => {
    const site = await newSite("validate", demoConfig);
    const good = await call("POST", `/v1/sites/${site}/validate`, { ...demoConfig, site }, { headers: ADMIN });
    expect(await good.json()).toEqual({ ok: true });
    const bad = structuredClone({ ...demoConfig, site }) as any;
    bad.segments[0].when = { interest: "kids", top: 20 };
    const res = await call("POST", `/v1/sites/${site}/validate`, bad, { headers: ADMIN });
    expect(res.status).toBe(400);
    const issues = ((await res.json()) as { error: { issues: { path: string; message: string }[] } }).error.issues;
    expect(issues[0]).toMatchObject({ path: "segments.0.when.top" });
    expect((await (await call("GET", `/v1/sites/${site}/config`, undefined, { headers: ADMIN })).json()) as { version: number }).toMatchObject({ version: 1 });
  });

  it("offer the pickers' vocabulary: trait paths with their values, and the categories the site has seen", async () => {
    const site = await newSite("vocab", demoConfig);
    await decide({ site, visitor: newVisitor("voc"), events: [ev("category_view", { categories: ["Garden", "Hoses"] })] }, { country: "FR" });
    type Vocabulary = { traits: { path: string; kind: string; values?: string[] }[]; operators: string[]; categories: string[]; countries: string[] };
    const read = async () => (await (await call("GET", `/v1/sites/${site}/vocabulary`, undefined, { headers: ADMIN })).json()) as Vocabulary;
    // Live numbers are gathered for a second per isolate before they are counted.
    await expect.poll(async () => (await read()).categories, { timeout: 15_000 }).toContain("garden");
    const vocab = await read();
    expect(vocab.traits.find((trait) => trait.path === "source.channel")).toEqual({ path: "source.channel", kind: "enum", values: ["search", "social", "email", "paid", "referral", "direct"] });
    expect(vocab.traits.find((trait) => trait.path === "value.bigSpender")).toEqual({ path: "value.bigSpender", kind: "boolean" });
    expect(vocab.operators).toContain("exists");
    expect(vocab.categories).toEqual(expect.arrayContaining(["garden", "hoses", "kids", "noise-canceling"]));
    expect(vocab.countries).toContain("FR");
  });

  it("explain a visitor's hero: traits, segments, rules tried and the explain lines", async () => {
    const site = await newSite("why", demoConfig);
    const visitor = newVisitor("why");
    const page = await decide({ site, visitor, events: kidsVisit() });
    expect(page.hero.variant).toBe("kids");
    const res = await call("GET", `/v1/sites/${site}/visitors/${visitor}/decision`, undefined, { headers: ADMIN });
    expect(res.status).toBe(200);
    const why = (await res.json()) as { traits: { interests: { category: string }[] }; decision: { hero: { variant: string; rule: string }; explain: string[] }; tried: { hero: { rule: string; matched: boolean; chosen: boolean }[] } };
    expect(why.decision.hero).toMatchObject({ variant: "kids", rule: "interest-kids" });
    expect(why.decision.explain.length).toBeGreaterThan(0);
    expect(why.traits.interests.map((interest) => interest.category)).toContain("kids");
    expect(why.tried.hero.find((rule) => rule.chosen)?.rule).toBe("interest-kids");
    expect(why.tried.hero.filter((rule) => rule.matched).map((rule) => rule.rule)).toEqual(["interest-kids"]);
    expect((await call("GET", `/v1/sites/${site}/visitors/${newVisitor("none")}/decision`, undefined, { headers: ADMIN })).status).toBe(404);
  });

  it("create a new site that is live at once, with its first key; only the operator may", async () => {
    const site = `new-${Date.now().toString(36)}`;
    expect((await call("POST", "/v1/decide", { site, visitor: newVisitor("pre") })).status).toBe(404);
    const res = await call("POST", "/v1/sites", { site, name: "New shop", origins: ["https://new.example"] }, { headers: ADMIN });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { version: number; token: string; snippet: string };
    expect(made.version).toBe(1);
    expect(made.snippet).toBe(`<script src="http://vitrine.test/v1/sdk.js" data-site="${site}" async></script>`);
    const decision = await decide({ site, visitor: newVisitor("live") });
    expect(decision.hero.variant).toBe("default");
    expect((await call("GET", `/v1/sites/${site}/config`, undefined, { headers: { authorization: `Bearer ${made.token}` } })).status).toBe(200);
    expect((await call("POST", "/v1/sites", { site, origins: [] }, { headers: ADMIN })).status).toBe(409);
    const other = (await call("POST", "/v1/sites", { site: `${site}-2`, origins: [] }, { headers: { authorization: `Bearer ${made.token}` } }));
    expect(other.status).toBe(403);
    const badOrigin = await call("POST", "/v1/sites", { site: `${site}-3`, origins: ["not a url"] }, { headers: ADMIN });
    expect(badOrigin.status).toBe(400);
    expect(((await badOrigin.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("origins.0");
  });
});
