import { describe, expect, it } from "vitest";
/// <reference types="vite/client" />
import { externalReferrerHost, isBrandedSearch, isContentReferrer, parseSource } from "./source";
import examples from "./sources/examples.json";

const shop = "https://shop.test/";

describe("parseSource", () => {
  it.each([
    ["utm_medium=email", `${shop}?utm_medium=email`, "", "email"],
    ["utm_medium=e-mail", `${shop}?utm_medium=e-mail`, "", "email"],
    ["utm_medium=newsletter", `${shop}?utm_medium=Newsletter`, "", "email"],
    ["utm_source=klaviyo", `${shop}?utm_source=klaviyo`, "", "email"],
    ["utm_medium=cpc", `${shop}?utm_medium=cpc&utm_source=google`, "https://www.google.com/", "paid"],
    ["utm_medium=ppc", `${shop}?utm_medium=ppc`, "", "paid"],
    ["utm_medium=paid", `${shop}?utm_medium=paid`, "", "paid"],
    ["utm_medium=paidsearch", `${shop}?utm_medium=paidsearch`, "", "paid"],
    ["utm_medium=display", `${shop}?utm_medium=display`, "", "paid"],
    ["utm_medium=cpm", `${shop}?utm_medium=cpm`, "", "paid"],
    ["utm_medium=paid_social", `${shop}?utm_medium=paid_social&utm_source=facebook`, "", "paid"],
    ["gclid", `${shop}?gclid=abc`, "https://www.google.com/", "paid"],
    ["msclkid", `${shop}?msclkid=abc`, "", "paid"],
    ["dclid", `${shop}?dclid=abc`, "", "paid"],
    ["utm_medium=social", `${shop}?utm_medium=social`, "", "social"],
    ["utm_medium=social-network", `${shop}?utm_medium=social-network`, "", "social"],
    ["utm_source=instagram", `${shop}?utm_source=instagram`, "", "social"],
    ["utm_medium=organic", `${shop}?utm_medium=organic&utm_source=google`, "", "search"],
    ["google referrer", shop, "https://www.google.com/", "search"],
    ["google.co.uk referrer", shop, "https://www.google.co.uk/", "search"],
    ["bing referrer", shop, "https://www.bing.com/search?q=x", "search"],
    ["duckduckgo referrer", shop, "https://duckduckgo.com/", "search"],
    ["yahoo referrer", shop, "https://search.yahoo.co.jp/", "search"],
    ["ecosia referrer", shop, "https://www.ecosia.org/", "search"],
    ["baidu referrer", shop, "https://www.baidu.com/", "search"],
    ["yandex referrer", shop, "https://yandex.ru/", "search"],
    ["brave search referrer", shop, "https://search.brave.com/", "search"],
    ["facebook referrer", shop, "https://www.facebook.com/", "social"],
    ["l.facebook.com referrer", shop, "https://l.facebook.com/l.php", "social"],
    ["instagram referrer", shop, "https://instagram.com/", "social"],
    ["t.co referrer", shop, "https://t.co/abc", "social"],
    ["twitter referrer", shop, "https://twitter.com/", "social"],
    ["x.com referrer", shop, "https://x.com/", "social"],
    ["linkedin referrer", shop, "https://www.linkedin.com/", "social"],
    ["lnkd.in referrer", shop, "https://lnkd.in/x", "social"],
    ["pinterest referrer", shop, "https://www.pinterest.de/", "social"],
    ["reddit referrer", shop, "https://old.reddit.com/r/headphones", "social"],
    ["tiktok referrer", shop, "https://www.tiktok.com/", "social"],
    ["youtube referrer", shop, "https://m.youtube.com/", "social"],
    ["fbclid alone", `${shop}?fbclid=abc`, "", "social"],
    ["external blog", shop, "https://someblog.example/post", "referral"],
    ["unknown utm_source alone", `${shop}?utm_source=partner`, "", "referral"],
    ["no referrer", shop, "", "direct"],
    ["referrer undefined", shop, undefined, "direct"],
    ["internal referrer", `${shop}p/1`, "https://shop.test/c/headphones", "direct"],
    ["internal referrer with www", "https://www.shop.test/p/1", "https://shop.test/", "direct"],
    ["unparsable url and referrer", "not a url", "::", "direct"],
    ["the Gmail app", shop, "android-app://com.google.android.gm", "email"],
    ["an unknown Android app", shop, "android-app://com.example.reader", "referral"],
    ["webmail", shop, "https://mail.yahoo.com/d/folders/1", "email"],
    ["a webmail dereferrer", shop, "https://deref-gmx.net/mail/client/x/dereferrer/?redirectUrl=https%3A%2F%2Fshop.test", "email"],
    ["an ad click host", shop, "https://googleads.g.doubleclick.net/pagead/ads", "paid"],
    ["a search ad click", shop, "https://www.google.com/aclk?sa=l&ai=x", "paid"],
    ["a regional search engine", shop, "https://go.mail.ru/search?q=x", "search"],
    ["a social network outside the top few", shop, "https://vk.com/away.php?to=x", "social"],
    ["a mail tool's click id", `${shop}?mc_cid=1&mc_eid=2`, "", "email"],
    ["TikTok's ad click id", `${shop}?ttclid=1`, "", "paid"],
    ["tags win over the lists", `${shop}?utm_medium=social`, "https://mail.google.com/", "social"],
    ["a paid click id wins over an organic search referrer", `${shop}?gclid=1`, "https://www.google.com/", "paid"],
    ["Google's help pages are no search", shop, "https://support.google.com/analytics/answer/1", "referral"],
  ])("%s → %s", (_name, url, referrer, channel) => {
    expect(parseSource(url, referrer).channel).toBe(channel);
  });

  it("keeps the campaign tags and names the source", () => {
    expect(parseSource(`${shop}?utm_source=news&utm_medium=email&utm_campaign=spring-sale&utm_term=t&utm_content=c`, "")).toEqual({
      channel: "email",
      source: "news",
      medium: "email",
      campaign: "spring-sale",
      term: "t",
      content: "c",
    });
  });

  it("uses the referrer's host as the source when no tag names one", () => {
    expect(parseSource(shop, "https://www.google.com/")).toEqual({ channel: "search", source: "google.com", referrerHost: "google.com" });
  });

  it("takes the search term from a search engine's referrer when it carries one", () => {
    expect(parseSource(shop, "https://www.bing.com/search?q=wireless+earbuds").term).toBe("wireless earbuds");
    expect(parseSource(shop, "https://yandex.ru/search/?text=headphones").term).toBe("headphones");
    expect(parseSource(shop, "https://www.google.com/").term).toBeUndefined();
    expect(parseSource(`${shop}?utm_term=brand`, "https://www.bing.com/search?q=x").term).toBe("brand");
    expect(parseSource(shop, "https://www.facebook.com/?q=x").term).toBeUndefined();
  });

  it("records which click id was present", () => {
    expect(parseSource(`${shop}?gclid=1`, "").clickId).toBe("gclid");
    expect(parseSource(`${shop}?fbclid=1`, "").clickId).toBe("fbclid");
  });

  it("has no undefined keys (the profile is stored as JSON)", () => {
    expect(Object.values(parseSource(shop, ""))).not.toContain(undefined);
  });
});

describe("parseSource on real-world referrers", () => {
  const rows = examples.examples as { url?: string; referrer: string; channel: string }[];

  it("has at least 100 referrer URLs across search, social, email and paid", () => {
    const referrers = rows.filter((row) => row.referrer);
    expect(referrers.length).toBeGreaterThanOrEqual(100);
    for (const channel of ["search", "social", "email", "paid"]) expect(referrers.filter((row) => row.channel === channel).length).toBeGreaterThanOrEqual(15);
  });

  it("agrees with the labels on at least 95% of them", () => {
    const misses = rows.filter((row) => parseSource(row.url ?? shop, row.referrer).channel !== row.channel);
    const agreement = (rows.length - misses.length) / rows.length;
    console.log(`source agreement on real-world referrers: ${rows.length - misses.length}/${rows.length} (${(100 * agreement).toFixed(1)}%)`);
    for (const row of misses) console.log(`  expected ${row.channel}, got ${parseSource(row.url ?? shop, row.referrer).channel}: ${row.url ?? ""} ${row.referrer}`);
    expect(agreement).toBeGreaterThanOrEqual(0.95);
  });
});

describe("the referrer lists stay out of the browser snippet", () => {
  const snippet = import.meta.glob<string>(["../../../sdk/src/*.ts", "!../../../sdk/src/*.test.ts"], { query: "?raw", import: "default", eager: true });

  it("no file of packages/sdk/src imports source.ts, sources/ or the shared package", () => {
    expect(Object.keys(snippet).length).toBeGreaterThan(3);
    for (const [file, text] of Object.entries(snippet)) expect(text, file).not.toMatch(/from\s+["'][^"']*(logic\/source|sources\/|@vitrine\/shared)[^"']*["']/);
  });
});

describe("externalReferrerHost", () => {
  it.each([
    [shop, "https://www.google.com/x", "google.com"],
    [shop, "https://shop.test/other", undefined],
    [shop, "", undefined],
    [undefined, "https://a.example/", "a.example"],
  ])("%s from %s → %s", (url, referrer, host) => {
    expect(externalReferrerHost(url, referrer)).toBe(host);
  });
});

describe("isContentReferrer", () => {
  it.each([
    ["https://www.rtings.com/headphones", true],
    ["https://www.nytimes.com/wirecutter/reviews/best-noise-cancelling-headphones/", true],
    ["https://techblog.example/", true],
    ["https://site.example/sony-vs-bose", true],
    ["https://site.example/compare/a-b", true],
    ["https://site.example/best-headphones-2026", true],
    ["https://site.example/buying-guide", true],
    ["https://site.example/top10-earbuds", true],
    ["https://www.google.com/search?q=best+headphones+review", false],
    ["https://canvas.example/", false],
    ["https://www.facebook.com/", false],
    ["https://shop.test/reviews", false],
    ["", false],
  ])("%s → %s", (referrer, expected) => {
    expect(isContentReferrer(shop, referrer)).toBe(expected);
  });
});

describe("isBrandedSearch", () => {
  it.each([
    [{ channel: "paid", campaign: "Brand-Exact" }, true],
    [{ channel: "search", term: "brand" }, true],
    [{ channel: "paid", campaign: "generic-headphones" }, false],
    [{ channel: "email", campaign: "brand" }, false],
    [{ channel: "search" }, false],
  ] as const)("%j → %s", (source, expected) => {
    expect(isBrandedSearch(source)).toBe(expected);
  });
});
