import { describe, expect, it } from "vitest";
import { externalReferrerHost, isBrandedSearch, isContentReferrer, parseSource } from "./source";

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
    ["android-app referrer", shop, "android-app://com.google.android.gm", "direct"],
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

  it("records which click id was present", () => {
    expect(parseSource(`${shop}?gclid=1`, "").clickId).toBe("gclid");
    expect(parseSource(`${shop}?fbclid=1`, "").clickId).toBe("fbclid");
  });

  it("has no undefined keys (the profile is stored as JSON)", () => {
    expect(Object.values(parseSource(shop, ""))).not.toContain(undefined);
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
