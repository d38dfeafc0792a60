import { afterEach, describe, expect, it, vi } from "vitest";
import { BROWSER, ORIGIN, html, navigate, origin, proxiedShop, send, shopPage, visitorCookie } from "./proxy-origin";

let restore = () => {};
afterEach(() => {
  restore();
  vi.restoreAllMocks();
});

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const withoutTag = (text: string) => text.replace(/<script src="\/_vt\/v1\/sdk\.js"[^>]*><\/script>/, "");

describe("proxy mode streams", () => {
  it("sends the personalized start of a 5 MB page before the origin has finished sending it", async () => {
    const encoder = new TextEncoder();
    const filler = encoder.encode(`<p>${"lorem ipsum dolor sit amet ".repeat(2400)}</p>\n`); // ~64 KB
    const chunks = Math.ceil((5 * 1024 * 1024) / filler.length);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let originDone = false;
    const [start, end] = shopPage().split("</body>");
    restore = origin({
      "/big/": () =>
        html(
          new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(encoder.encode(start!));
              await gate; // the rest only once the browser side has seen the start
              for (let i = 0; i < chunks; i++) controller.enqueue(filler);
              controller.enqueue(encoder.encode(`</body>${end}`));
              originDone = true;
              controller.close();
            },
          }) as unknown as string,
        ),
    }).restore;
    const shop = await proxiedShop();
    const res = await navigate(shop.url("/big/"));
    const reader = res.body!.getReader();
    let head = "";
    const decoder = new TextDecoder();
    const deadline = Date.now() + 10_000;
    while (!head.includes("data-vt-variant=") && Date.now() < deadline) {
      const { value, done } = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no bytes while the origin waits: the page is buffered")), 10_000))]);
      if (done) break;
      head += decoder.decode(value, { stream: true });
    }
    expect(originDone).toBe(false);
    expect(head).toContain(`data-vt-slot="hero" data-vt-variant="default"`);
    open();
    let total = encoder.encode(head).length;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.byteLength;
    }
    expect(originDone).toBe(true);
    expect(total).toBeGreaterThan(5 * 1024 * 1024);
  });

  it("passes non-HTML bodies through byte for byte, headers and all, even to a navigation", async () => {
    const png = new Uint8Array(200_000);
    for (let at = 0; at < png.length; at += 65_536) crypto.getRandomValues(png.subarray(at, at + 65_536));
    const json = JSON.stringify({ ok: true, text: "<section data-vt-slot=\"hero\">" });
    restore = origin({
      "/img/a.png": () => new Response(png, { headers: { "content-type": "image/png", etag: '"png1"', "cache-control": "public, max-age=3600" } }),
      "/api/cart": () => new Response(json, { headers: { "content-type": "application/json" } }),
    }).restore;
    const shop = await proxiedShop();
    const image = await navigate(shop.url("/img/a.png"));
    expect(await bytesOf(image)).toEqual(png);
    expect(image.headers.get("etag")).toBe('"png1"');
    expect(image.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(visitorCookie(image)).toBeUndefined();
    expect(await (await send(shop.url("/api/cart"))).text()).toBe(json);
  });

  it("passes HTML a page fetches (not a navigation), HEAD and range requests through untouched", async () => {
    const fragment = shopPage();
    restore = origin({ "/fragment/": () => html(fragment, { headers: { etag: '"f1"' } }) }).restore;
    const shop = await proxiedShop();
    const fetched = await send(shop.url("/fragment/"), { headers: { accept: "*/*", "sec-fetch-dest": "empty" } });
    expect(await fetched.text()).toBe(fragment);
    expect(fetched.headers.get("etag")).toBe('"f1"');
    expect(await (await navigate(shop.url("/fragment/"), { range: "bytes=0-99" })).text()).toBe(fragment);
    const head = await navigate(shop.url("/fragment/"), {}, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(visitorCookie(head)).toBeUndefined();
  });

  it("leaves a page without slots untouched byte for byte (snippet: marked), or adds only the snippet tag (snippet: all)", async () => {
    const plain = `<!doctype html>\n<html><head><meta charset="utf-8"><title>About</title></head>\n<body><h1>About us</h1><p>Caf\u00e9 &amp; more — since 1999.</p><ul><li>a</li></ul></body>\n</html>\n`;
    restore = origin({ "/about/": () => html(plain) }).restore;
    const marked = await proxiedShop({ snippet: "marked" });
    expect(await bytesOf(await navigate(marked.url("/about/")))).toEqual(new TextEncoder().encode(plain));
    const all = await proxiedShop();
    const text = await (await navigate(all.url("/about/"))).text();
    expect(text).not.toBe(plain);
    expect(withoutTag(text)).toBe(plain);
    expect(text).toContain(`<script src="/_vt/v1/sdk.js" data-site="${all.site}"`);
  });
});

describe("proxy mode forwards", () => {
  it("sends the origin the method, path, query, headers, body and the shop's own cookies — not the worker's", async () => {
    const o = origin({ "/cart/add": () => new Response("added", { status: 201 }) });
    restore = o.restore;
    const shop = await proxiedShop();
    const res = await send(shop.url("/cart/add?sku=NC-100"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "session=s1; vt_id=Zx8kR2v0Yq3LmN5pT7wA1c; vt_consent=1; theme=dark", "x-shop": "yes" },
      body: "sku=NC-100&qty=2",
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("added");
    const seen = o.seen[0]!;
    expect(seen.url).toBe(`${ORIGIN}/cart/add?sku=NC-100`);
    expect(seen.method).toBe("POST");
    expect(seen.body).toBe("sku=NC-100&qty=2");
    expect(seen.headers.get("cookie")).toBe("session=s1; theme=dark");
    expect(seen.headers.get("x-shop")).toBe("yes");
    expect(seen.headers.get("user-agent")).toBe(BROWSER);
    expect(seen.headers.get("x-forwarded-host")).toBe(shop.host);
    expect(seen.headers.get("x-forwarded-proto")).toBe("https");
  });

  it("passes redirects through, moving the origin's own host to the shop's", async () => {
    restore = origin({
      "/old/": () => new Response(null, { status: 301, headers: { location: `${ORIGIN}/new/?a=1` } }),
      "/rel/": () => new Response(null, { status: 302, headers: { location: "/new/" } }),
      "/away/": () => new Response(null, { status: 307, headers: { location: "https://payments.example/checkout" } }),
    }).restore;
    const shop = await proxiedShop();
    const moved = await navigate(shop.url("/old/"), {}, { redirect: "manual" });
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`https://${shop.host}/new/?a=1`);
    expect((await navigate(shop.url("/rel/"), {}, { redirect: "manual" })).headers.get("location")).toBe("/new/");
    expect((await navigate(shop.url("/away/"), {}, { redirect: "manual" })).headers.get("location")).toBe("https://payments.example/checkout");
  });

  it.each([404, 500])("passes a %i through as the origin sent it, slots and all", async (status) => {
    const body = shopPage("<h2>Something is wrong</h2>");
    restore = origin({ "/x/": () => html(body, { status, headers: { "x-origin": "1" } }) }).restore;
    const shop = await proxiedShop();
    const res = await navigate(shop.url("/x/"));
    expect(res.status).toBe(status);
    expect(res.headers.get("x-origin")).toBe("1");
    expect(await res.text()).toBe(body);
  });

  it("keeps every cookie the origin sets, scoped to the shop, beside the worker's own", async () => {
    restore = origin({
      "/": () => {
        const headers = new Headers({ "content-type": "text/html" });
        headers.append("set-cookie", "session=s2; Path=/; HttpOnly; Secure; SameSite=Lax");
        headers.append("set-cookie", `cart=3; Domain=origin.shop.test; Path=/; Max-Age=600`);
        headers.append("set-cookie", "ab=1; Domain=.shop.test; Path=/");
        return new Response(shopPage(), { headers });
      },
    }).restore;
    const shop = await proxiedShop();
    const res = await navigate(shop.url("/"));
    const cookies = res.headers.getAll("set-cookie");
    expect(cookies).toContain("session=s2; Path=/; HttpOnly; Secure; SameSite=Lax");
    expect(cookies).toContain("cart=3; Path=/; Max-Age=600");
    expect(cookies).toContain("ab=1; Domain=.shop.test; Path=/");
    expect(visitorCookie(res)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cookies.find((c) => c.startsWith("vt_id="))).toMatch(/; Path=\/; Max-Age=34560000; HttpOnly; SameSite=Lax; Secure$/);
  });

  it("answers 502 with the error envelope when the origin cannot be reached", async () => {
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("connection refused"));
    const shop = await proxiedShop();
    const res = await navigate(shop.url("/"));
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { status: 502, message: expect.stringMatching(/origin https:\/\/origin\.shop\.test did not answer \(connection refused\)/), issues: [{ path: "proxy.origin" }] } });
  });
});

describe("proxy mode caches the origin's pages, never a visitor's", () => {
  const path = () => `/cached-${crypto.randomUUID().slice(0, 8)}/`;

  it("keeps a page the origin lets shared caches keep, and personalizes each copy for its visitor", async () => {
    const p = path();
    const o = origin({ [p]: () => html(shopPage(), { headers: { "cache-control": "public, max-age=120" } }) });
    restore = o.restore;
    const shop = await proxiedShop({ cacheHtmlSeconds: 60 });
    const first = await navigate(shop.url(p));
    const firstText = await first.text();
    await new Promise((r) => setTimeout(r, 50)); // the copy is stored in the background
    const second = await navigate(shop.url(p));
    const secondText = await second.text();
    expect(o.seen).toHaveLength(1);
    for (const res of [first, second]) expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(visitorCookie(first)).not.toBe(visitorCookie(second));
    expect(secondText).toContain(`data-visitor="${visitorCookie(second)}"`);
    expect(firstText).not.toContain(`data-visitor="${visitorCookie(second)}"`);
  });

  it.each([
    ["says private", { "cache-control": "private, max-age=120" }, 60],
    ["says nothing", {}, 60],
    ["sets a cookie", { "cache-control": "public, max-age=120", "set-cookie": "s=1" }, 60],
    ["varies by cookie", { "cache-control": "public, max-age=120", vary: "Cookie" }, 60],
    ["allows it but the site does not", { "cache-control": "public, max-age=120" }, 0],
  ])("asks the origin every time when it %s", async (_name, headers, cacheHtmlSeconds) => {
    const p = path();
    const o = origin({ [p]: () => html(shopPage(), { headers }) });
    restore = o.restore;
    const shop = await proxiedShop({ cacheHtmlSeconds });
    await (await navigate(shop.url(p))).text();
    await new Promise((r) => setTimeout(r, 50));
    await (await navigate(shop.url(p))).text();
    expect(o.seen).toHaveLength(2);
  });
});
