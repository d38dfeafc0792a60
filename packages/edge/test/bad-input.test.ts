import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { call, collect, ev, newVisitor, storedProfile } from "./helpers";

interface ErrorBody {
  error: { status: number; message: string; issues?: { path: string; message: string }[] };
}

/** A visitor with a stored profile, and a snapshot of it to compare against after bad input. */
async function seeded() {
  const visitor = newVisitor("bad");
  await collect({ visitor, events: [ev("category_view", { categories: ["Kids"] }, 5)] });
  const before = await storedProfile("demo", visitor);
  expect(before).not.toBeNull();
  return { visitor, before };
}

const valid = (visitor: string) => ({ site: "demo", visitor, events: [ev("page_view", { url: "http://shop.test/" })] });

const cases: [string, (visitor: string) => unknown, number, string][] = [
  ["a wrong type for ts", (v) => ({ ...valid(v), events: [{ ...ev("page_view"), ts: "yesterday" }] }), 400, "events.0.ts"],
  ["an unknown event type", (v) => ({ ...valid(v), events: [{ ...ev("page_view"), type: "teleport" }] }), 400, "events.0.type"],
  ["a missing event id", (v) => ({ ...valid(v), events: [{ type: "page_view", ts: Date.now() }] }), 400, "events.0.id"],
  ["a purchase without its order", (v) => ({ ...valid(v), events: [ev("purchase")] }), 400, "events.0.order"],
  ["a product view without its product", (v) => ({ ...valid(v), events: [ev("product_view")] }), 400, "events.0.product"],
  ["a negative price", (v) => ({ ...valid(v), events: [ev("product_view", { product: { sku: "A", price: -1 } })] }), 400, "events.0.product.price"],
  ["a missing visitor", () => ({ site: "demo", events: [ev("page_view")] }), 400, "visitor"],
  ["a bad site id", (v) => ({ ...valid(v), site: "Not A Slug" }), 400, "site"],
  ["events that are not a list", (v) => ({ ...valid(v), events: "page_view" }), 400, "events"],
  ["a body that is a list", () => [1, 2, 3], 400, "(root)"],
  ["a good event behind a bad one", (v) => ({ ...valid(v), events: [ev("page_view"), { ...ev("page_view"), ts: -5 }] }), 400, "events.1.ts"],
  ["too many events", (v) => ({ ...valid(v), events: Array.from({ length: 101 }, () => ev("page_view")) }), 400, "events"],
];

describe.each(["/v1/collect", "/v1/decide"])("bad input to %s", (path) => {
  it.each(cases)("rejects %s with a 4xx naming the path and keeps the profile", async (_, body, status, where) => {
    const { visitor, before } = await seeded();
    const res = await call("POST", path, body(visitor));
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/json");
    const payload = (await res.json()) as ErrorBody;
    expect(payload.error.status).toBe(status);
    expect(payload.error.issues?.map((issue) => issue.path)).toContain(where);
    expect(payload.error.message).toContain(where);
    expect(await storedProfile("demo", visitor)).toEqual(before);
  });

  it("rejects invalid JSON", async () => {
    const { visitor, before } = await seeded();
    const res = await call("POST", path, `{"site":"demo","visitor":"${visitor}","events":[`);
    expect(res.status).toBe(400);
    const payload = (await res.json()) as ErrorBody;
    expect(payload.error.message).toMatch(/not valid JSON/);
    expect(await storedProfile("demo", visitor)).toEqual(before);
  });

  it("rejects a body over the size limit with 413", async () => {
    const { visitor, before } = await seeded();
    const huge = { ...valid(visitor), events: [ev("page_view", { title: "x".repeat(300) })], padding: "y".repeat(70 * 1024) };
    const res = await call("POST", path, huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/larger than 65536 bytes/);
    expect(await storedProfile("demo", visitor)).toEqual(before);
  });

  it("rejects an unsupported content type with 415", async () => {
    const { visitor } = await seeded();
    const res = await call("POST", path, valid(visitor), { headers: { "content-type": "application/xml" } });
    expect(res.status).toBe(415);
  });

  it("rejects an empty body", async () => {
    const res = await call("POST", path, "");
    expect(res.status).toBe(400);
  });

  it("answers 404 for a site that is not configured", async () => {
    const res = await call("POST", path, { ...valid(newVisitor()), site: "nowhere" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.message).toContain('site "nowhere" is not configured');
  });

  it("refuses a browser origin the site did not allow, storing nothing", async () => {
    const visitor = newVisitor("orig");
    const res = await call("POST", path, valid(visitor), { headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(await storedProfile("demo", visitor)).toBeNull();
  });

  it("answers an allowed origin with CORS headers", async () => {
    const res = await call("POST", path, valid(newVisitor()), { headers: { origin: "http://127.0.0.1:8787", "content-type": "text/plain" } });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:8787");
  });
});

describe("property: arbitrary bodies", () => {
  it("never answer 5xx, and a rejected body never changes the stored profile", async () => {
    const { visitor, before } = await seeded();
    const junkEvent = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
        type: fc.oneof(fc.constantFrom("page_view", "purchase", "search", "nope"), fc.string()),
        ts: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
        url: fc.oneof(fc.string(), fc.integer()),
        product: fc.oneof(fc.constant(undefined), fc.record({ sku: fc.string(), price: fc.oneof(fc.double(), fc.string()) })),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.record({ site: fc.constant("demo"), visitor: fc.constant(visitor), events: fc.array(junkEvent, { maxLength: 4 }) }),
      fc.anything(),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("/v1/collect", "/v1/decide"), async (payload, path) => {
        const snapshot = await storedProfile("demo", visitor);
        const res = await call("POST", path, typeof payload === "string" ? payload : JSON.stringify(payload ?? null));
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          const error = ((await res.json()) as ErrorBody).error;
          expect(error.message).toMatch(/^vitrine: /);
          expect(await storedProfile("demo", visitor)).toEqual(snapshot);
        } else {
          await res.body?.cancel();
        }
      }),
      { numRuns: 60 },
    );
    expect((await storedProfile("demo", visitor))?.firstSeen).toBe(before?.firstSeen);
  });
});
