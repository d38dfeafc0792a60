import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, newSite, newVisitor, decide } from "./helpers";

type Made = { token: string; key: { id: string; name: string; scopes: string[]; site: string } };

/** A key for `site`, made with the operator token. */
async function makeKey(site: string, scopes: string[], name = "Test key"): Promise<Made> {
  const res = await call("POST", `/v1/sites/${site}/keys`, { name, scopes }, { headers: ADMIN });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Made;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const as = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => call(method, path, body, { headers: { ...bearer(token), ...headers } });

describe("site keys", () => {
  it("are shown once, listed without secrets, and say who they are", async () => {
    const site = await newSite("keys", demoConfig);
    const { token, key } = await makeKey(site, ["config:read"], "Ana");
    expect(token).toMatch(new RegExp(`^vt_${site}_${key.id}_[0-9a-f]{64}$`));
    const listed = await (await call("GET", `/v1/sites/${site}/keys`, undefined, { headers: ADMIN })).text();
    expect(listed).toContain('"name":"Ana"');
    expect(listed).not.toContain(token.slice(-64));
    const me = await as(token, "GET", `/v1/sites/${site}/whoami`);
    expect(await me.json()).toMatchObject({ site, name: "Ana", scopes: ["config:read"], operator: false });
  });

  it("of site A get 403 on site B", async () => {
    const a = await newSite("site-a", demoConfig);
    const b = await newSite("site-b", demoConfig);
    const { token } = await makeKey(a, ["config:read", "config:write", "visitors:read"]);
    expect((await as(token, "GET", `/v1/sites/${a}/config`)).status).toBe(200);
    const res = await as(token, "GET", `/v1/sites/${b}/config`);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { message: string; issues: { path: string }[] } };
    expect(body.error.message).toContain(`belongs to site "${a}"`);
    expect(body.error.issues[0]!.path).toBe("authorization");
    expect((await as(token, "PUT", `/v1/sites/${b}/config`, { ...demoConfig, site: b })).status).toBe(403);
  });

  it("with orders:write report orders but get 403 on config and visitors", async () => {
    const site = await newSite("shop", demoConfig);
    const { token } = await makeKey(site, ["orders:write"], "Shop backend");
    const visitor = newVisitor("ord");
    await decide({ site, visitor });
    const orders = await as(token, "POST", `/v1/sites/${site}/orders`, { orders: [{ visitor, id: "A-1", total: 20 }] });
    expect(orders.status).toBe(200);
    for (const [method, path, body] of [
      ["GET", `/v1/sites/${site}/config`],
      ["PUT", `/v1/sites/${site}/config`, { ...demoConfig, site }],
      ["POST", `/v1/sites/${site}/config/rollback`, { version: 0 }],
      ["GET", `/v1/sites/${site}/visitors/${visitor}`],
      ["DELETE", `/v1/sites/${site}/visitors/${visitor}`],
      ["GET", `/v1/sites/${site}/keys`],
      ["POST", `/v1/sites/${site}/keys`, { name: "mine", scopes: ["config:write"] }],
    ] as const) {
      const res = await as(token, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain("lacks the scope");
    }
  });

  it("stop working at once when revoked (401), while other keys of the site keep working", async () => {
    const site = await newSite("revoke", demoConfig);
    const old = await makeKey(site, ["config:read"], "Old");
    const fresh = await makeKey(site, ["config:read"], "New");
    expect((await as(old.token, "GET", `/v1/sites/${site}/config`)).status).toBe(200);
    const revoked = await call("DELETE", `/v1/sites/${site}/keys/${old.key.id}`, undefined, { headers: ADMIN });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { key: { revokedAt: number } }).key.revokedAt).toBeGreaterThan(0);
    const res = await as(old.token, "GET", `/v1/sites/${site}/config`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("authorization");
    expect((await as(fresh.token, "GET", `/v1/sites/${site}/config`)).status).toBe(200);
  });

  it("refuse a missing, malformed or forged key with 401", async () => {
    const site = await newSite("forged", demoConfig);
    const { token } = await makeKey(site, ["config:read"]);
    const forged = token.slice(0, -1) + (token.endsWith("0") ? "1" : "0");
    for (const headers of [{}, { authorization: "Basic abc" }, bearer("nonsense"), bearer(forged), bearer(token.replace(`vt_${site}_`, "vt_demo_"))]) {
      expect((await call("GET", `/v1/sites/${site}/config`, undefined, { headers })).status).toBe(401);
    }
  });

  it("never grant scopes their maker lacks, and need keys:manage to make any", async () => {
    const site = await newSite("grant", demoConfig);
    const manager = await makeKey(site, ["keys:manage", "config:read"], "Manager");
    const ok = await as(manager.token, "POST", `/v1/sites/${site}/keys`, { name: "Reader", scopes: ["config:read"] });
    expect(ok.status).toBe(201);
    const beyond = await as(manager.token, "POST", `/v1/sites/${site}/keys`, { name: "Writer", scopes: ["config:write"] });
    expect(beyond.status).toBe(403);
    expect(((await beyond.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("scopes");
  });

  it("validate the new key's body and name the field", async () => {
    const site = await newSite("badkey", demoConfig);
    const res = await call("POST", `/v1/sites/${site}/keys`, { name: "X", scopes: ["config:everything"] }, { headers: ADMIN });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("scopes.0");
  });

  it("let the operator token act on every site and scope", async () => {
    const site = await newSite("operator", demoConfig);
    expect((await call("GET", `/v1/sites/${site}/config`, undefined, { headers: ADMIN })).status).toBe(200);
    const me = await call("GET", `/v1/sites/${site}/whoami`, undefined, { headers: ADMIN });
    expect(await me.json()).toMatchObject({ operator: true, name: "operator" });
  });
});

describe("config writes with keys", () => {
  it("refuse a stale write with 409 and change nothing", async () => {
    const site = await newSite("stale", demoConfig);
    const { token } = await makeKey(site, ["config:read", "config:write"], "Ana");
    expect((await as(token, "PUT", `/v1/sites/${site}/config`, { ...demoConfig, site })).status).toBe(200);
    const first = await as(token, "PUT", `/v1/sites/${site}/config`, { ...demoConfig, site }, { "if-match": '"1"' });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe('"2"');
    const changed = structuredClone({ ...demoConfig, site });
    changed.heroes.default!.headline = "Lost update";
    const stale = await as(token, "PUT", `/v1/sites/${site}/config`, changed, { "if-match": '"1"' });
    expect(stale.status).toBe(409);
    const now = (await (await as(token, "GET", `/v1/sites/${site}/config`)).json()) as { version: number; config: typeof demoConfig };
    expect(now.version).toBe(2);
    expect(now.config.heroes.default!.headline).toBe(demoConfig.heroes.default!.headline);
  });
});
