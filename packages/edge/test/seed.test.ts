import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, decide, ev, newVisitor } from "./helpers";

const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => call(method, path, body, { headers: { ...ADMIN, ...headers } });

/** The demo is not built into the worker: it arrives as a seed (SEED_CONFIGS), version 0 of its history. */
describe("seed configs", () => {
  it("lists the seed as version 0 and serves it by number", async () => {
    const versions = (await (await admin("GET", "/v1/sites/demo/config/versions")).json()) as { versions: { version: number; note: string }[] };
    expect(versions.versions.at(-1)).toMatchObject({ version: 0, note: "seed (as shipped)" });
    const zero = (await (await admin("GET", "/v1/sites/demo/config/versions/0")).json()) as { version: number; config: { site: string } };
    expect(zero).toMatchObject({ version: 0, config: { site: "demo" } });
  });

  it("rolls back to version 0: the demo as shipped, as a new version", async () => {
    const changed = structuredClone(demoConfig) as typeof demoConfig;
    changed.heroes["noise-canceling"]!.headline = "Changed for this test";
    const put = await admin("PUT", "/v1/sites/demo/config", changed);
    expect(put.status).toBe(200);
    const { version } = (await put.json()) as { version: number };
    const visitor = newVisitor("seed");
    const nc = ["Headphones", "Noise-Canceling"];
    const events = [ev("category_view", { categories: nc }, 2), ev("product_view", { categories: nc, product: { sku: "NC-1", price: 300, categories: nc } }, 1)];
    expect((await decide({ visitor, events })).hero.headline).toBe("Changed for this test");
    const back = await admin("POST", "/v1/sites/demo/config/rollback", { version: 0 });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ version: version + 1, config: { heroes: { "noise-canceling": { headline: demoConfig.heroes["noise-canceling"]!.headline } } } });
    expect((await decide({ visitor })).hero.headline).toBe(demoConfig.heroes["noise-canceling"]!.headline);
  });

  it("knows no site it was not given", async () => {
    expect((await call("POST", "/v1/decide", { site: "shop-nobody-seeded", visitor: "nobody-seeded" })).status).toBe(404);
  });
});
