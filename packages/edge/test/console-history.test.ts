import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call } from "./helpers";
import { diffConfigs } from "../src/console/diff";

let counter = 0;
const freshSite = () => `hist-${Date.now().toString(36)}-${++counter}`;
const as = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => call(method, path, body, { headers: { authorization: `Bearer ${token}`, ...headers } });

async function keyFor(site: string, name: string) {
  const res = await call("POST", `/v1/sites/${site}/keys`, { name, scopes: ["config:read", "config:write"] }, { headers: ADMIN });
  return ((await res.json()) as { token: string }).token;
}

describe("config history for people", () => {
  it("says who stored each version and when, rollbacks included", async () => {
    const site = freshSite();
    const ana = await keyFor(site, "Ana");
    const ben = await keyFor(site, "Ben");
    const config = structuredClone({ ...demoConfig, site });
    expect((await as(ana, "PUT", `/v1/sites/${site}/config`, config)).status).toBe(200);
    config.heroes.kids!.headline = "Spring is here";
    expect((await as(ben, "PUT", `/v1/sites/${site}/config`, config, { "if-match": '"1"' })).status).toBe(200);
    expect((await call("POST", `/v1/sites/${site}/config/rollback`, { version: 1 }, { headers: ADMIN })).status).toBe(200);
    const refused = structuredClone(config);
    refused.heroRules[0]!.variant = "nope";
    expect((await as(ana, "PUT", `/v1/sites/${site}/config`, refused)).status).toBe(400);
    const res = await as(ana, "GET", `/v1/sites/${site}/history`);
    expect(res.status).toBe(200);
    const { versions } = (await res.json()) as { versions: { version: number; who: string; note: string; updatedAt: number }[] };
    expect(versions.map((entry) => [entry.version, entry.who, entry.note])).toEqual([
      [3, "operator", "rollback to version 1"],
      [2, "Ben", "update"],
      [1, "Ana", "update"],
    ]);
    expect(versions[0]!.updatedAt).toBeGreaterThan(0);
  });

  it("shows a readable diff between any two versions", async () => {
    const site = freshSite();
    const ana = await keyFor(site, "Ana");
    const config = structuredClone({ ...demoConfig, site }) as any;
    await as(ana, "PUT", `/v1/sites/${site}/config`, config);
    config.heroes["kids-spring"] = { image: "/img/spring.png", alt: "Rain boots", headline: "Spring is here" };
    config.heroRules.unshift({ id: "kids-spring", interest: "kids", variant: "kids-spring" });
    await as(ana, "PUT", `/v1/sites/${site}/config`, config);
    const res = await as(ana, "GET", `/v1/sites/${site}/history/diff?from=1&to=2`);
    expect(res.status).toBe(200);
    const diff = (await res.json()) as { from: number; to: number; changes: { path: string; kind: string; text: string }[] };
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.changes.map((change) => change.text)).toEqual(
      expect.arrayContaining(['Hero "kids-spring" added', 'Hero rule "kids-spring" added']),
    );
    expect((await as(ana, "GET", `/v1/sites/${site}/history/diff?from=1&to=9`)).status).toBe(404);
  });
});

describe("diffConfigs", () => {
  const base = { ...structuredClone(demoConfig), settings: { ttl: 30 } } as unknown as Record<string, any>;
  it("names changed fields, added and removed entries, and reordered rules", () => {
    const next = structuredClone(base);
    next.heroes.kids.headline = "Spring is here";
    delete next.heroes.bluetooth;
    next.segments[0].when.value = false;
    [next.heroRules[0], next.heroRules[1]] = [next.heroRules[1], next.heroRules[0]];
    next.settings.ttl = 60;
    const texts = diffConfigs(base, next).map((change) => change.text);
    expect(texts).toContain('Hero "kids" › headline: "Built for puddles and play" → "Spring is here"');
    expect(texts).toContain('Hero "bluetooth" removed');
    expect(texts).toContain('Segment "big-spenders" › when › value: true → false');
    expect(texts).toContain("Hero rules reordered: big-spender-reserve, campaign-welcome, interest-noise-canceling, interest-bluetooth, interest-mens, interest-womens, interest-kids, returning-researcher → campaign-welcome, big-spender-reserve, interest-noise-canceling, interest-bluetooth, interest-mens, interest-womens, interest-kids, returning-researcher");
    expect(texts).toContain("Setting ttl: 30 → 60");
  });

  it("finds nothing between equal configs", () => {
    expect(diffConfigs(base, structuredClone(base))).toEqual([]);
  });
});
