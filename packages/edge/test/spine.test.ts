import { describe, expect, it } from "vitest";
import { call, collect, decide, ev, newVisitor, storedProfile } from "./helpers";

const NC = ["Headphones", "Noise-Canceling"];

describe("decide through the real worker", () => {
  it("gives three noise-canceling views the noise-canceling hero and says why", async () => {
    const visitor = newVisitor("nc");
    const events = [
      ev("category_view", { url: "http://shop.test/c/headphones/noise-canceling/", categories: NC }, 6),
      ev("product_view", { url: "http://shop.test/p/NC-100/", categories: NC, product: { sku: "NC-100", price: 349, categories: NC } }, 4),
      ev("product_view", { url: "http://shop.test/p/NC-200/", categories: NC, product: { sku: "NC-200", price: 449, categories: NC } }, 2),
    ];
    const decision = await decide({ visitor, events });
    expect(decision.hero.variant).toBe("noise-canceling");
    expect(decision.traits.interests[0]?.category).toMatch(/headphones|noise-canceling/);
    expect(decision.explain.join("\n")).toMatch(/noise-canceling/);
    expect(decision.explain.find((line) => line.includes(decision.hero.rule))).toBeDefined();
  });

  it("a brand-new visitor gets the default hero", async () => {
    const decision = await decide({ visitor: newVisitor("new"), events: [ev("page_view", { url: "http://shop.test/" })] });
    expect(decision.hero.variant).toBe("default");
    expect(decision.traits.lifecycle.visit).toBe("new");
  });

  it("a first visit is new and a visit 31 minutes after the last is returning", async () => {
    const visitor = newVisitor("ret");
    const first = await decide({ visitor, events: [ev("page_view", { url: "http://shop.test/" }, 31)] });
    expect(first.traits.lifecycle.visit).toBe("new");
    expect(first.traits.lifecycle.sessions).toBe(1);
    const second = await decide({ visitor, events: [ev("page_view", { url: "http://shop.test/c/mens/" }, 0)] });
    expect(second.traits.lifecycle.visit).toBe("returning");
    expect(second.traits.lifecycle.sessions).toBe(2);
  });

  it("a visit 29 minutes after the last is still the same session", async () => {
    const visitor = newVisitor("same");
    await decide({ visitor, events: [ev("page_view", { url: "http://shop.test/" }, 29)] });
    const second = await decide({ visitor, events: [ev("page_view", { url: "http://shop.test/c/mens/" }, 0)] });
    expect(second.traits.lifecycle.visit).toBe("new");
  });

  it.each([
    ["utm_medium=email", { url: "http://shop.test/?utm_source=newsletter&utm_medium=email&utm_campaign=fall-sale" }, "email"],
    ["a search engine", { url: "http://shop.test/", referrer: "https://www.google.com/" }, "search"],
    ["a social network", { url: "http://shop.test/", referrer: "https://www.facebook.com/" }, "social"],
    ["a gclid", { url: "http://shop.test/?gclid=EAIaIQobChMI" }, "paid"],
    ["another site", { url: "http://shop.test/", referrer: "https://some-blog.example/post" }, "referral"],
    ["nowhere", { url: "http://shop.test/" }, "direct"],
  ])("an arrival from %s is classified as %s", async (_, props, channel) => {
    const decision = await decide({ visitor: newVisitor("src"), events: [ev("page_view", props)] });
    expect(decision.traits.source.channel).toBe(channel);
  });

  it("keeps the campaign of an email arrival", async () => {
    const decision = await decide({ visitor: newVisitor("cmp"), events: [ev("page_view", { url: "http://shop.test/?utm_medium=email&utm_campaign=fall-sale" })] });
    expect(decision.traits.source.campaign).toBe("fall-sale");
  });

  it("counts the same event once however often it is sent", async () => {
    const visitor = newVisitor("dup");
    const view = ev("page_view", { url: "http://shop.test/" });
    expect(await collect({ visitor, events: [view] })).toEqual({ accepted: 1, duplicates: 0 });
    expect(await collect({ visitor, events: [view] })).toEqual({ accepted: 0, duplicates: 1 });
    expect(await collect({ visitor, events: [view, view] })).toEqual({ accepted: 0, duplicates: 2 });
    const decision = await decide({ visitor, events: [view] });
    expect(decision.traits.lifecycle.sessions).toBe(1);
    const profile = await storedProfile("demo", visitor);
    expect(profile?.session.pageViews).toBe(1);
  });

  it("counts an order once even when it is re-sent under a new event id", async () => {
    const visitor = newVisitor("ord");
    const order = { id: "order-1", total: 120, currency: "USD" };
    await collect({ visitor, events: [ev("purchase", { order })] });
    expect(await collect({ visitor, events: [ev("purchase", { order })] })).toEqual({ accepted: 0, duplicates: 1 });
    const profile = await storedProfile("demo", visitor);
    expect(profile?.totals.orders).toBe(1);
  });

  it("records nothing for bots and serves them the default content", async () => {
    const visitor = newVisitor("bot");
    const res = await call("POST", "/v1/decide", { site: "demo", visitor, events: [ev("category_view", { categories: NC })] }, { headers: { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" } });
    const decision = (await res.json()) as { hero: { variant: string }; bot: boolean };
    expect(decision.hero.variant).toBe("default");
    expect(decision.bot).toBe(true);
    expect(await storedProfile("demo", visitor)).toBeNull();
  });

  it("records nothing when the browser sends Global Privacy Control", async () => {
    const visitor = newVisitor("gpc");
    const res = await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("page_view")] }, { headers: { "sec-gpc": "1" } });
    expect(res.status).toBe(202);
    expect(await storedProfile("demo", visitor)).toBeNull();
  });

  it("forgets a visitor who withdraws consent", async () => {
    const visitor = newVisitor("wd");
    await collect({ visitor, events: [ev("category_view", { categories: NC })] });
    expect(await storedProfile("demo", visitor)).not.toBeNull();
    const res = await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("consent", { granted: false })] }, { headers: { origin: "http://127.0.0.1:8787" } });
    expect(await res.json()).toEqual({ accepted: 0, duplicates: 0, forgotten: true });
    expect(await storedProfile("demo", visitor)).toBeNull();
  });

  it("keeps the request's country and local hour", async () => {
    const decision = await decide({ visitor: newVisitor("geo"), events: [ev("page_view")] }, { country: "JP", timezone: "Asia/Tokyo" });
    expect(decision.traits.geo.country).toBe("JP");
    const tokyoHour = Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", hour: "numeric", hourCycle: "h23" }).format(new Date()));
    expect(decision.traits.geo.localHour).toBe(tokyoHour);
  });
});
