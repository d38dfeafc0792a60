import { afterEach, describe, expect, it } from "vitest";
import { runInDurableObject } from "cloudflare:test";
import demoConfig from "@vitrine/demo-store/config";
import type { VisitorProfile } from "../src/profile/visitor-profile";
import type { SiteStats } from "../src/stats/site-stats";
import { forgetConfig } from "../src/config/store";
import { ADMIN, call, ev, newSite, newVisitor, storedProfile, workerEnv } from "./helpers";

type Patchable = Record<string, unknown>;
const restore: (() => void)[] = [];
afterEach(() => restore.splice(0).forEach((undo) => undo()));

/** Replaces a method on a Durable Object class's prototype (every instance) until the test ends. */
async function breakMethod(stub: DurableObjectStub<never>, method: string, replacement: (...args: unknown[]) => unknown) {
  const proto = (await runInDurableObject(stub, (instance: object) => Object.getPrototypeOf(instance))) as Patchable;
  const original = proto[method];
  proto[method] = replacement;
  restore.push(() => (proto[method] = original));
}
const hang = () => new Promise(() => {});
const fail = () => {
  throw new Error("injected failure");
};
const visitorObject = (visitor: string) => workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`demo:${visitor}`)) as unknown as DurableObjectStub<never>;
const statsObject = () => workerEnv.SITE_STATS.get(workerEnv.SITE_STATS.idFromName("demo")) as unknown as DurableObjectStub<never>;
type Answer = { hero: { variant: string; reason: { basis: string } }; explain?: string[] };

describe("decide fails open, collect asks for a retry", () => {
  it.each([
    ["the visitor's object hangs", "recordJson", hang],
    ["the visitor's object throws", "recordJson", fail],
  ])("%s: decide answers the default in time, collect answers 503, and both recover", async (_name, method, replacement) => {
    const visitor = newVisitor("fault");
    await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("page_view")] });
    await breakMethod(visitorObject(visitor), method, replacement);
    const started = Date.now();
    const res = await call("POST", "/v1/decide", { site: "demo", visitor, explain: true, events: [ev("page_view")] });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(200);
    const decision = (await res.json()) as Answer;
    expect(decision.hero).toMatchObject({ variant: "default", reason: { basis: "fallback" } });
    expect(decision.explain![0]).toMatch(/could not be read in time/);
    const collected = await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("page_view")] });
    expect(collected.status).toBe(503);
    expect(collected.headers.get("retry-after")).toBe("5");
    restore.splice(0).forEach((undo) => undo());
    expect((await call("POST", "/v1/collect", { site: "demo", visitor, events: [ev("page_view")] })).status).toBe(202);
    expect(((await (await call("POST", "/v1/decide", { site: "demo", visitor })).json()) as Answer).hero.reason.basis).not.toBe("fallback");
  });

  it("answers the page even when recording an experiment's exposure fails", async () => {
    const site = await newSite("exposefault", { ...demoConfig, experiments: [{ id: "x", name: "X", status: "running", targets: ["hero"], arms: [{ id: "control", control: true }, { id: "mens", slots: { hero: "mens" } }] }] });
    const visitor = newVisitor("ef");
    await call("POST", "/v1/collect", { site, visitor, events: [ev("page_view")] });
    await breakMethod(workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${visitor}`)) as unknown as DurableObjectStub<never>, "enroll", fail);
    const res = await call("POST", "/v1/decide", { site, visitor, events: [ev("page_view")] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { experiments: unknown[] }).experiments).toHaveLength(1);
  });

  it("answers the default when the site's figures hang", async () => {
    await breakMethod(statsObject(), "figures", hang);
    const site = await newSite("statsfault", demoConfig);
    const res = await call("POST", "/v1/decide", { site, visitor: newVisitor("sf"), events: [ev("page_view")] });
    expect(((await res.json()) as Answer).hero.reason.basis).toBe("fallback");
  });

  it("records the page's events even when the site's figures fail, so the default answer loses nothing", async () => {
    await breakMethod(statsObject(), "figures", fail);
    const site = await newSite("statsthrow", demoConfig);
    const visitor = newVisitor("st");
    const res = await call("POST", "/v1/decide", { site, visitor, events: [ev("category_view", { categories: ["Kids"] })] });
    expect(((await res.json()) as Answer).hero.reason.basis).toBe("fallback");
    await expect.poll(async () => (await storedProfile(site, visitor))?.sessions ?? 0, { timeout: 10_000 }).toBe(1);
  });

  it("failing social-proof counters only hide the badge: decide still answers the visitor's content, collect and trusted orders still accepted", async () => {
    const proofShard = (sku: string) => workerEnv.PROOF.get(workerEnv.PROOF.idFromName(`${"x"}:${sku}`)) as unknown as DurableObjectStub<never>;
    // Break every ProofCounters instance: the prototype is shared, so any one stub reaches it.
    await breakMethod(proofShard("any"), "add", fail);
    await breakMethod(proofShard("any"), "read", fail);
    const site = await newSite("prooffault", demoConfig);
    const visitor = newVisitor("pf");
    const view = ev("product_view", { product: { sku: "NC-100", price: 349 }, categories: ["Headphones"] });
    const res = await call("POST", "/v1/decide", { site, visitor, events: [view] });
    expect(((await res.json()) as Answer).hero.reason.basis).not.toBe("fallback");
    expect((await call("POST", "/v1/collect", { site, visitor, events: [ev("product_view", { product: { sku: "NC-200", price: 99 } })] })).status).toBe(202);
    const orders = await call("POST", `/v1/sites/${site}/orders`, { orders: [{ visitor, id: "PF-1", total: 10, skus: ["NC-100"] }] }, { headers: ADMIN });
    expect(orders.status).toBe(200);
    expect(await orders.json()).toMatchObject({ accepted: 1, duplicates: 0 });
  });

  it("serves the last good config when the config store fails", async () => {
    const site = await newSite("kvfault", { ...demoConfig, defaultHero: "mens" });
    const visitor = newVisitor("kv");
    expect(((await (await call("POST", "/v1/decide", { site, visitor })).json()) as Answer).hero.variant).toBe("mens");
    forgetConfig(site);
    const get = workerEnv.CONFIG.get;
    (workerEnv.CONFIG as unknown as Patchable).get = fail;
    restore.push(() => ((workerEnv.CONFIG as unknown as Patchable).get = get));
    const res = await call("POST", "/v1/decide", { site, visitor });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Answer).hero.variant).toBe("mens");
    const unknown = await call("POST", "/v1/decide", { site: "never-seen-site", visitor });
    expect(unknown.status).toBe(503);
  });
});

describe("rate limits", () => {
  it("refuses a flood from one visitor with 429 while other visitors are served", async () => {
    const env = workerEnv as unknown as Patchable;
    env.RATE_LIMITS = "on";
    restore.push(() => (env.RATE_LIMITS = "off"));
    const flooder = newVisitor("flood");
    const statuses: number[] = [];
    // The refusal itself is checked, not a request sent after it: on a slow machine the limit's
    // window may have turned over by then.
    let refused: Response | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await call("POST", "/v1/decide", { site: "demo", visitor: flooder });
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses).toContain(429);
    if (!refused) throw new Error("no request was refused");
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(((await refused.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("visitor");
    expect((await call("POST", "/v1/decide", { site: "demo", visitor: newVisitor("calm") })).status).toBe(200);
  });
});
