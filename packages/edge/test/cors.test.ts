import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { publicCors } from "../src/http/origin";
import { call, newVisitor } from "./helpers";

const ORIGIN = "http://127.0.0.1:8787";

describe("CORS on the public endpoints, from one middleware", () => {
  it.each(["/v1/collect", "/v1/decide"])("answers the preflight of %s", async (path) => {
    const res = await call("OPTIONS", path, undefined, { headers: { origin: ORIGIN, "access-control-request-method": "POST" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("lets an allowed origin read a success, with Vary: Origin once", async () => {
    const res = await call("POST", "/v1/decide", { site: "demo", visitor: newVisitor("cors") }, { headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(res.headers.get("vary")).toBe("Origin");
  });

  it("appends Origin to a Vary the route set instead of overwriting it", async () => {
    const app = new Hono().use(publicCors).post("/", (c) => c.body("ok", 200, { vary: "Accept-Encoding" }));
    const res = await app.request("/", { method: "POST", headers: { origin: ORIGIN } });
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Origin");
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });

  it("sets its headers on errors too, thrown after it ran", async () => {
    const app = new Hono().use(publicCors).post("/", () => {
      throw new Error("boom");
    });
    app.onError((_err, c) => c.json({ error: true }, 500));
    const res = await app.request("/", { method: "POST", headers: { origin: ORIGIN } });
    expect(res.status).toBe(500);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });

  it("never adds CORS headers to admin routes", async () => {
    const res = await call("GET", "/v1/sites/demo/config", undefined, { headers: { origin: ORIGIN } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
