import { describe, expect, it } from "vitest";
import { toCsv } from "../src/experiments/csv";
import { call } from "./helpers";
import { newResultsSite } from "./experiments-data";

describe("the results page", () => {
  it("is one self-contained page: inline script and styles under a per-page nonce, nothing from elsewhere", async () => {
    const site = await newResultsSite("page");
    const res = await call("GET", `/admin/sites/${site}/experiments/hero-test`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link[^>]*\shref=|<img[^>]*\ssrc=/);
    // The SVG namespace is a name, not a fetch; no other URL leaves the worker.
    expect(html.replaceAll("http://www.w3.org/2000/svg", "")).not.toMatch(/https?:\/\//);
    // The key is asked for in a labelled form, and kept in this tab only.
    expect(html).toMatch(/<label for="admin-key">Admin key<\/label>/);
    expect(html).toContain('id="admin-key"');
    expect(html).toContain("vitrine.adminKey");
    expect(html).toContain("sessionStorage");
    // What the numbers mean, and where the data come from.
    expect(html).toContain("What the numbers mean");
    expect(html).toContain(`data-experiment="hero-test"`);
    expect(html).toContain('role="status"');
  });

  it("holds no data itself, so it needs no token; the list page links each experiment's page", async () => {
    const site = await newResultsSite("page");
    const list = await call("GET", `/admin/sites/${site}/experiments`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('data-experiment=""');
    expect((await call("GET", `/admin/sites/${site}/experiments/Not%20An%20Id`)).status).toBe(404);
  });
});

describe("CSV", () => {
  it("quotes a field only when it holds a comma, a quote or a line break (RFC 4180)", () => {
    expect(toCsv(["a", "b"], [["plain", 1.5], ['say "hi"', "x,y"], ["two\nlines", null], [true, Number.NaN]])).toBe(
      'a,b\r\nplain,1.5\r\n"say ""hi""","x,y"\r\n"two\nlines",\r\ntrue,\r\n',
    );
  });
});
