import { describe, expect, it } from "vitest";
import { clickIdChannel, knownClickIds, lookupHost } from "./index";
import matomo from "./matomo.json";

describe("lookupHost", () => {
  it.each([
    ["google.com", "/", "search"],
    ["google.co.uk", "/search", "search"],
    ["google.com.br", "/", "search"],
    ["yandex.com.tr", "/", "search"],
    ["uk.search.yahoo.com", "/", "search"],
    ["l.facebook.com", "/l.php", "social"],
    ["old.reddit.com", "/r/headphones", "social"],
    ["mail.google.com", "/mail/u/0/", "email"],
    ["mail.yahoo.com", "/d/folders/1", "email"],
    ["us-mg6.mail.yahoo.com", "/neo/launch", "email"],
    ["deref-gmx.fr", "/mail/client/x", "email"],
    ["webmail.some-isp.example", "/", "email"],
    ["mail02.orange.fr", "/", "email"],
    ["google.com", "/aclk", "paid"],
    ["googleads.g.doubleclick.net", "/pagead/ads", "paid"],
    ["support.google.com", "/analytics", "referral"],
  ])("%s%s → %s", (host, path, channel) => {
    expect(lookupHost(host, path)?.channel).toBe(channel);
  });

  it.each([["someblog.example"], ["mail.ru"], ["example.com"], ["com"]])("knows nothing of %s", (host) => {
    expect(lookupHost(host)).toBeUndefined();
  });

  it("names the query parameters of a search engine", () => {
    expect(lookupHost("bing.com")?.params).toContain("q");
    expect(lookupHost("yandex.ru")?.params).toEqual(["text"]);
  });
});

describe("click ids", () => {
  it.each([
    ["gclid", "paid"],
    ["msclkid", "paid"],
    ["ttclid", "paid"],
    ["fbclid", "social"],
    ["mc_cid", "email"],
    ["utm_source", undefined],
  ])("%s → %s", (name, channel) => {
    expect(clickIdChannel(name)).toBe(channel);
  });

  it("are looked for paid first", () => {
    const ids = knownClickIds();
    expect(ids.indexOf("gclid")).toBeLessThan(ids.indexOf("mc_cid"));
    expect(ids.indexOf("mc_cid")).toBeLessThan(ids.indexOf("fbclid"));
  });
});

describe("matomo.json", () => {
  it("says where it comes from and under which licence", () => {
    expect(matomo).toMatchObject({ source: "https://github.com/matomo-org/searchengine-and-social-list", license: "CC0-1.0" });
    expect(matomo.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});
