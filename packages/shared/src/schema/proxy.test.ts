import { describe, expect, it } from "vitest";
import { Proxy, isLoopbackHost } from "./proxy";
import { SiteConfig } from "./config";
import { formatIssues } from "./issues";
import demo from "../golden/config.json";

const issues = (input: unknown) => {
  const result = Proxy.safeParse(input);
  return result.success ? [] : formatIssues(result.error);
};

describe("the proxy section of a site config", () => {
  it("fills defaults: no HTML cache, the snippet on every page, consent implied", () => {
    expect(Proxy.parse({ origin: "https://origin.shop.example", hosts: ["shop.example"] })).toEqual({
      origin: "https://origin.shop.example",
      hosts: ["shop.example"],
      cacheHtmlSeconds: 0,
      snippet: "all",
      consent: "implied",
    });
  });

  it.each([
    ["http://127.0.0.1:8788", true],
    ["http://localhost:3000", true],
    ["http://demo.localhost:3000", true],
    ["https://origin.shop.example:8443", true],
    ["http://origin.shop.example", false],
    ["http://10.0.0.5:8080", false],
    ["https://origin.shop.example/shop", false],
    ["https://origin.shop.example/", false],
    ["https://user:pw@origin.shop.example", false],
    ["ftp://origin.shop.example", false],
    ["origin.shop.example", false],
  ])("origin %s is accepted: %s", (origin, ok) => {
    expect(issues({ origin, hosts: ["shop.example"] }).length === 0).toBe(ok);
  });

  it("says why a plain-http origin elsewhere is refused", () => {
    expect(issues({ origin: "http://origin.shop.example", hosts: ["shop.example"] })).toEqual([
      { path: "origin", message: expect.stringMatching(/must be https; plain http is allowed only on this machine/) },
    ]);
  });

  it("refuses a host listed twice, a host that is the origin itself, and odd host names", () => {
    expect(issues({ origin: "https://a.example", hosts: ["shop.example", "shop.example"] })[0]).toMatchObject({ path: "hosts.1", message: expect.stringMatching(/twice/) });
    expect(issues({ origin: "http://127.0.0.1:8788", hosts: ["127.0.0.1:8788"] })[0]).toMatchObject({ path: "hosts.0", message: expect.stringMatching(/the origin itself/) });
    expect(issues({ origin: "https://a.example", hosts: ["https://shop.example"] })[0]?.path).toBe("hosts.0");
    expect(issues({ origin: "https://a.example", hosts: [] })[0]?.path).toBe("hosts");
  });

  it("is optional in a site config and validated there, path included", () => {
    expect(SiteConfig.safeParse(demo).success).toBe(true);
    const result = SiteConfig.safeParse({ ...demo, proxy: { origin: "https://a.example", hosts: ["shop.example"], cacheHtmlSeconds: -1 } });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error)[0]?.path).toBe("proxy.cacheHtmlSeconds");
  });

  it.each([
    ["localhost", true],
    ["demo.localhost", true],
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["[::1]", true],
    ["shop.example", false],
    ["localhost.example", false],
    ["128.0.0.1", false],
  ])("isLoopbackHost(%s) is %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
