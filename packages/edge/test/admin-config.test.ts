import { describe, expect, it } from "vitest";
import fc from "fast-check";
import demoConfig from "@vitrine/demo-store/config";
import { call, decide, ev, newVisitor, workerEnv } from "./helpers";

const auth = { authorization: "Bearer test-admin-token" };
const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => call(method, path, body, { headers: { ...auth, ...headers } });

let siteCounter = 0;
/** A fresh site with the demo's config under its own id. */
function newSite() {
  siteCounter += 1;
  const site = `acme-${Date.now().toString(36)}-${siteCounter}`;
  return { site, config: structuredClone({ ...demoConfig, site }) as typeof demoConfig & { site: string } };
}

const NC = ["Headphones", "Noise-Canceling"];
const ncVisit = () => [ev("category_view", { categories: NC }, 3), ev("product_view", { categories: NC, product: { sku: "NC-1", price: 300, categories: NC } }, 1)];

describe("site config admin", () => {
  it("needs the admin token", async () => {
    expect((await call("GET", "/v1/sites/demo/config")).status).toBe(401);
    expect((await call("PUT", "/v1/sites/demo/config", demoConfig)).status).toBe(401);
  });

  it("serves the built-in demo config as version 0", async () => {
    const res = await admin("GET", "/v1/sites/demo/config");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; config: { site: string } };
    expect(body.version).toBe(0);
    expect(body.config.site).toBe("demo");
  });

  it("stores a new site's config as version 1 and decides with it at once", async () => {
    const { site, config } = newSite();
    expect((await admin("GET", `/v1/sites/${site}/config`)).status).toBe(404);
    config.heroes["noise-canceling"]!.headline = "Silence, on sale";
    const res = await admin("PUT", `/v1/sites/${site}/config`, config);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(await res.json()).toMatchObject({ version: 1, config: { site } });
    const decision = await decide({ site, visitor: newVisitor("cfg"), events: ncVisit() });
    expect(decision.hero.headline).toBe("Silence, on sale");
  });

  it("rejects an invalid config with the path of the mistake and keeps the stored one", async () => {
    const { site, config } = newSite();
    await admin("PUT", `/v1/sites/${site}/config`, config);
    const broken = structuredClone(config);
    broken.heroRules[0]!.variant = "no-such-hero";
    const res = await admin("PUT", `/v1/sites/${site}/config`, broken);
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { message: string; issues: { path: string }[] } }).error;
    expect(error.issues.map((issue) => issue.path)).toContain("heroRules.0.variant");
    expect(error.message).toContain("heroRules.0.variant");
    const stored = (await (await admin("GET", `/v1/sites/${site}/config`)).json()) as { version: number; config: unknown };
    expect(stored.version).toBe(1);
    expect(stored.config).toEqual((await (await admin("GET", `/v1/sites/${site}/config/versions/1`)).json() as { config: unknown }).config);
  });

  it("refuses a config whose site is not the path's", async () => {
    const { site, config } = newSite();
    const res = await admin("PUT", `/v1/sites/${site}/config`, { ...config, site: "other" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("site");
  });

  it("refuses a write based on a stale version (If-Match) with 409", async () => {
    const { site, config } = newSite();
    await admin("PUT", `/v1/sites/${site}/config`, config);
    await admin("PUT", `/v1/sites/${site}/config`, config, { "if-match": '"1"' });
    const stale = await admin("PUT", `/v1/sites/${site}/config`, config, { "if-match": '"1"' });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { message: string } }).error.message).toMatch(/now version 2/);
  });

  it("lists versions newest first and rolls back as a new version", async () => {
    const { site, config } = newSite();
    await admin("PUT", `/v1/sites/${site}/config`, config);
    const changed = structuredClone(config);
    changed.heroes["noise-canceling"]!.headline = "Changed";
    await admin("PUT", `/v1/sites/${site}/config`, changed);
    expect((await decide({ site, visitor: newVisitor("rb"), events: ncVisit() })).hero.headline).toBe("Changed");

    const list = (await (await admin("GET", `/v1/sites/${site}/config/versions`)).json()) as { versions: { version: number; note: string; summary: string }[] };
    expect(list.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(list.versions[0]!.summary).toMatch(/segments/);

    const rolled = await admin("POST", `/v1/sites/${site}/config/rollback`, { version: 1 });
    expect(rolled.status).toBe(200);
    expect(await rolled.json()).toMatchObject({ version: 3 });
    expect((await decide({ site, visitor: newVisitor("rb"), events: ncVisit() })).hero.headline).toBe(config.heroes["noise-canceling"]!.headline);
    const after = (await (await admin("GET", `/v1/sites/${site}/config/versions`)).json()) as { versions: { version: number; note: string }[] };
    expect(after.versions[0]).toMatchObject({ version: 3, note: "rollback to version 1" });
    expect((await admin("POST", `/v1/sites/${site}/config/rollback`, { version: 99 })).status).toBe(404);
    expect((await admin("POST", `/v1/sites/${site}/config/rollback`, { version: "1" })).status).toBe(400);
  });

  it("numbers concurrent writes one after another and publishes the last one", async () => {
    const { site, config } = newSite();
    const writes = await Promise.all(
      Array.from({ length: 5 }, (_, i) => {
        const next = structuredClone(config);
        next.heroes["noise-canceling"]!.headline = `Edition ${i}`;
        return admin("PUT", `/v1/sites/${site}/config`, next).then((res) => res.json() as Promise<{ version: number; config: typeof config }>);
      }),
    );
    expect(writes.map((w) => w.version).sort()).toEqual([1, 2, 3, 4, 5]);
    const last = writes.find((w) => w.version === 5)!;
    const current = (await (await admin("GET", `/v1/sites/${site}/config`)).json()) as { version: number; config: typeof config };
    expect(current.version).toBe(5);
    expect(current.config.heroes["noise-canceling"]!.headline).toBe(last.config.heroes["noise-canceling"]!.headline);
    const published = (await workerEnv.CONFIG.get(`config:${site}`, "json")) as { version: number };
    expect(published.version).toBe(5);
  });

  it("property: a mangled config is either stored whole or refused with nothing changed", async () => {
    const { site, config } = newSite();
    await admin("PUT", `/v1/sites/${site}/config`, config);
    const keys = ["segments", "heroes", "heroRules", "sortRules", "defaultHero", "defaultSort", "settings", "origins"] as const;
    const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), junk, async (key, value) => {
        const before = await (await admin("GET", `/v1/sites/${site}/config`)).json();
        const res = await admin("PUT", `/v1/sites/${site}/config`, { ...config, [key]: value });
        expect(res.status).toBeLessThan(500);
        const after = (await admin("GET", `/v1/sites/${site}/config`).then((r) => r.json())) as { config: Record<string, unknown> };
        if (res.status === 400) {
          expect(after).toEqual(before);
        } else {
          // Accepted: stored whole, exactly as validated (defaults filled in).
          expect(res.status).toBe(200);
          expect(after.config).toEqual(((await res.json()) as { config: unknown }).config);
        }
      }),
      { numRuns: 40 },
    );
  });
});
