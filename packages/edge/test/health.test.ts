import { expect, it } from "vitest";
import { call } from "./helpers";

it("answers health with ok and the version", async () => {
  const res = await call("GET", "/v1/health");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  expect(await res.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
});

it("serves the snippet with a content ETag and answers 304 when it has not changed", async () => {
  const res = await call("GET", "/v1/sdk.js");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("javascript");
  const etag = res.headers.get("etag");
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect((await res.text()).length).toBeGreaterThan(500);
  const again = await call("GET", "/v1/sdk.js", undefined, { headers: { "if-none-match": etag! } });
  expect(again.status).toBe(304);
});

it("answers unknown API paths with a JSON 404", async () => {
  const res = await call("GET", "/v1/nope");
  expect(res.status).toBe(404);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^vitrine: GET \/v1\/nope/);
});

it("answers a preflight for the public endpoints", async () => {
  const res = await call("OPTIONS", "/v1/decide", undefined, { headers: { origin: "http://127.0.0.1:8787", "access-control-request-method": "POST" } });
  expect(res.status).toBe(204);
  expect(res.headers.get("access-control-allow-methods")).toContain("POST");
});
