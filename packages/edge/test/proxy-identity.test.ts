import { afterEach, describe, expect, it } from "vitest";
import { forgetConfig } from "../src/config/store";
import { hostKey } from "../src/proxy/hosts";
import { ev, newVisitor, storedProfile, workerEnv } from "./helpers";
import { html, navigate, origin, proxiedShop, send, shopPage, visitorCookie } from "./proxy-origin";

let restore = () => {};
afterEach(() => restore());

const setCookies = (res: Response) => res.headers.getAll("set-cookie");
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  send(url, { method: "POST", headers: { "content-type": "text/plain", origin: new URL(url).origin, ...headers }, body: JSON.stringify(body) });

describe("the visitor's first-party cookie", () => {
  it("is set on the first page, HttpOnly, SameSite=Lax, Secure, for 400 days, and kept on the next", async () => {
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const shop = await proxiedShop();
    const first = await navigate(shop.url("/"));
    const id = visitorCookie(first)!;
    expect(setCookies(first).find((c) => c.startsWith("vt_id="))).toBe(`vt_id=${id}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax; Secure`);
    expect(await first.text()).toContain(`data-visitor="${id}"`);
    const second = await navigate(shop.url("/"), { cookie: `vt_id=${id}` });
    expect(visitorCookie(second)).toBe(id);
    expect(await second.text()).toContain(`data-visitor="${id}"`);
  });

  it("leaves Secure off on plain http to this machine (demo.localhost), where a browser would drop it", async () => {
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const host = `demo-${Date.now().toString(36)}.localhost:8787`;
    const shop = await proxiedShop({ hosts: [host] });
    await workerEnv.CONFIG.put(hostKey(host), shop.site);
    const res = await navigate(`http://${host}/`);
    expect(setCookies(res).find((c) => c.startsWith("vt_id="))).toMatch(/; HttpOnly; SameSite=Lax$/);
    expect(await res.text()).toContain(`data-endpoint="http://${host}/_vt"`);
  });

  it("replaces a cookie value that is not a visitor id", async () => {
    restore = origin({ "/": () => html(shopPage()) }).restore;
    const shop = await proxiedShop();
    const res = await navigate(shop.url("/"), { cookie: "vt_id=<script>" });
    expect(visitorCookie(res)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe("the snippet's same-origin paths (/_vt/v1/…)", () => {
  it("serves the snippet", async () => {
    const shop = await proxiedShop();
    const res = await send(shop.url("/_vt/v1/sdk.js"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
  });

  it("decides and records for the cookie's visitor, whatever id the page sent", async () => {
    const shop = await proxiedShop();
    const visitor = newVisitor("cookie");
    const res = await post(shop.url("/_vt/v1/decide"), { site: shop.site, visitor: newVisitor("script"), events: [ev("page_view", { url: shop.url("/") })] }, { cookie: `vt_id=${visitor}` });
    expect(res.status).toBe(200);
    expect((await res.json()) as { visitor: string }).toMatchObject({ visitor });
    expect(await storedProfile(shop.site, visitor)).not.toBeNull();
    const collected = await post(shop.url("/_vt/v1/collect"), { site: shop.site, visitor: newVisitor("script"), events: [ev("page_view")] }, { cookie: `vt_id=${visitor}` });
    expect(collected.status).toBe(202);
  });

  it("adopts the page's id as the cookie when there was none", async () => {
    const shop = await proxiedShop();
    const visitor = newVisitor("adopt");
    const res = await post(shop.url("/_vt/v1/collect"), { site: shop.site, visitor, events: [ev("page_view")] });
    expect(res.status).toBe(202);
    expect(visitorCookie(res)).toBe(visitor);
  });

  it("records a consent granted (and the page's id) and a consent withdrawn (dropping the id) in cookies", async () => {
    const shop = await proxiedShop({ consent: "required" });
    const visitor = newVisitor("consent");
    const granted = await post(shop.url("/_vt/v1/decide"), { site: shop.site, visitor, events: [ev("consent", { granted: true })] });
    expect(setCookies(granted)).toEqual(expect.arrayContaining([expect.stringMatching(/^vt_consent=1; Path=\/; Max-Age=34560000; HttpOnly/), expect.stringMatching(`^vt_id=${visitor};`)]));
    const withdrawn = await post(shop.url("/_vt/v1/collect"), { site: shop.site, visitor, events: [ev("consent", { granted: false })] }, { cookie: `vt_consent=1; vt_id=${visitor}` });
    expect(withdrawn.status).toBe(202);
    expect(setCookies(withdrawn)).toEqual(expect.arrayContaining([expect.stringMatching(/^vt_consent=0;/), expect.stringMatching(/^vt_id=; Path=\/; Max-Age=0;/)]));
    expect(await storedProfile(shop.site, visitor)).toBeNull();
  });

  it("sets no cookie under Global Privacy Control, and refuses bad bodies as the API does", async () => {
    const shop = await proxiedShop();
    const gpc = await post(shop.url("/_vt/v1/collect"), { site: shop.site, visitor: newVisitor("gpc"), events: [ev("page_view")] }, { "sec-gpc": "1" });
    expect(visitorCookie(gpc)).toBeUndefined();
    const bad = await post(shop.url("/_vt/v1/decide"), { site: shop.site, visitor: 42 });
    expect(bad.status).toBe(400);
    expect(visitorCookie(bad)).toBeUndefined();
  });

  it("answers other /_vt paths and methods with the error envelope", async () => {
    const shop = await proxiedShop();
    const missing = await send(shop.url("/_vt/v1/sites/demo/config"));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { status: 404, message: expect.stringMatching(/a proxied shop serves \/_vt\/v1\/sdk\.js/) } });
    expect((await send(shop.url("/_vt/v1/decide"))).status).toBe(405);
  });
});

describe("which requests are proxied", () => {
  it("a shop's host goes to its origin for every path, /v1 ones included; other hosts reach the worker", async () => {
    const o = origin({ "/v1/health": () => new Response("the shop's own", { headers: { "content-type": "text/plain" } }) });
    restore = o.restore;
    const shop = await proxiedShop();
    expect(await (await send(shop.url("/v1/health"))).text()).toBe("the shop's own");
    expect(((await (await send("https://vitrine.test/v1/health")).json()) as { ok: boolean }).ok).toBe(true);
    expect(o.seen).toHaveLength(1);
  });

  it("matches a host with its port, or without one", async () => {
    restore = origin({ "/": () => html("<p>hi</p>") }).restore;
    const host = `ported-${Date.now().toString(36)}.test`;
    const shop = await proxiedShop({ hosts: [host] });
    await workerEnv.CONFIG.put(hostKey(host), shop.site);
    expect(await (await send(`https://${host}:8443/`)).text()).toBe("<p>hi</p>");
  });

  it("stops proxying a host the site's config no longer lists, even while the index still names it", async () => {
    restore = origin({ "/": () => html("<p>origin</p>") }).restore;
    const shop = await proxiedShop();
    const stored = (await workerEnv.CONFIG.get(`config:${shop.site}`, "json")) as { config: Record<string, unknown> };
    const { proxy: _gone, ...config } = stored.config;
    await workerEnv.CONFIG.put(`config:${shop.site}`, JSON.stringify({ version: 2, updatedAt: Date.now(), config }));
    forgetConfig(shop.site);
    const res = await send(shop.url("/"));
    expect(await res.text()).not.toBe("<p>origin</p>");
  });
});
