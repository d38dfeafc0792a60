import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, ev, newSite, newVisitor, storedProfile, workerEnv } from "./helpers";
import { previewKey } from "../src/preview/secret";
import { signPreview } from "../src/preview/token";

type Decision = { hero: { variant: string; reason: { basis: string; segment?: string } }; sort: { strategy: string; reason: { basis: string } }; experiments: unknown[]; explain?: string[] };

async function previewToken(site: string, body: unknown): Promise<{ token: string; label: string; expires: number }> {
  const res = await call("POST", `/v1/sites/${site}/preview`, body, { headers: ADMIN });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { token: string; label: string; expires: number };
}

const decideWith = (site: string, visitor: string, token: string, extra: Record<string, unknown> = {}) =>
  call("POST", `/v1/decide?vt_preview=${encodeURIComponent(token)}`, { site, visitor, explain: true, ...extra });

describe("preview links", () => {
  it("decide as the segment, say so in every reason, and record nothing", async () => {
    const site = await newSite("preview", demoConfig);
    const { token, label, expires } = await previewToken(site, { segment: "big-spenders" });
    expect(label).toBe("Big spenders");
    expect(expires).toBeGreaterThan(Date.now() + 25 * 60_000);
    const visitor = newVisitor("prev");
    const res = await decideWith(site, visitor, token, { events: [ev("page_view", { url: "https://shop.example/" })] });
    expect(res.status).toBe(200);
    const decision = (await res.json()) as Decision;
    expect(decision.hero.variant).toBe("big-spender");
    expect(decision.hero.reason).toMatchObject({ basis: "preview", segment: "big-spenders" });
    expect(decision.sort).toMatchObject({ strategy: "price_desc", reason: { basis: "preview" } });
    expect(decision.experiments).toEqual([]);
    expect(decision.explain![0]).toBe("Preview: Big spenders. Nothing is recorded, counted or enrolled.");
    expect(await storedProfile(site, visitor)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const live = (await (await call("GET", `/v1/sites/${site}/live`, undefined, { headers: ADMIN })).json()) as { visitors: { day: number } };
    expect(live.visitors.day).toBe(0);
  });

  it("show a pooled offer with a placeholder code, drawing none", async () => {
    const site = await newSite("preview-pool", { ...demoConfig, experiments: [] });
    await call("PUT", `/v1/sites/${site}/offers/vip-codes`, { codes: ["REAL-1"] }, { headers: ADMIN });
    const { token } = await previewToken(site, { traits: { values: { "value.trustedSpend": 6000 } } });
    const decision = (await (await decideWith(site, newVisitor("pool"), token)).json()) as Decision & { slots: Record<string, { variant: string; offer?: { code?: string } } | null> };
    // Before, the preview showed the offer with no code at all.
    expect(decision.slots.offer).toMatchObject({ variant: "vip-code", offer: { code: "PREVIEW" } });
    expect(JSON.stringify(decision)).not.toContain("vip-codes");
    expect(await (await call("GET", `/v1/sites/${site}/offers/vip-codes`, undefined, { headers: ADMIN })).json()).toEqual({ total: 1, assigned: 0, left: 1 });
  });

  it("decide as hand-made traits", async () => {
    const site = await newSite("preview-traits", demoConfig);
    const { token, label } = await previewToken(site, { traits: { interests: ["Kids"], values: { "source.channel": "email" } } });
    expect(label).toBe("hand-made traits (interested in Kids; source.channel email)");
    const decision = (await (await decideWith(site, newVisitor("hand"), token)).json()) as Decision;
    expect(decision.hero).toMatchObject({ variant: "kids", reason: { basis: "preview" } });
  });

  it("refuse forged, expired, other sites' and malformed tokens with 403 on vt_preview", async () => {
    const site = await newSite("preview-bad", demoConfig);
    const other = await newSite("preview-other", demoConfig);
    const { token } = await previewToken(site, { segment: "vip" });
    const forged = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    const expired = await signPreview(await previewKey(workerEnv, site), { site, as: { segment: "vip" }, label: "VIP", expires: Date.now() - 1 });
    const { token: foreign } = await previewToken(other, { segment: "vip" });
    for (const [bad, why] of [[forged, /not signed/], [expired, /expired/], [foreign, /not for site/], ["garbage", /not a preview link/]] as const) {
      const res = await decideWith(site, newVisitor("bad"), bad);
      expect(res.status).toBe(403);
      const error = ((await res.json()) as { error: { message: string; issues: { path: string }[] } }).error;
      expect(error.message).toMatch(why);
      expect(error.issues[0]!.path).toBe("vt_preview");
    }
  });

  it("refuse a preview of an unknown segment, or of both a segment and traits", async () => {
    const site = await newSite("preview-400", demoConfig);
    const unknown = await call("POST", `/v1/sites/${site}/preview`, { segment: "martians" }, { headers: ADMIN });
    expect(unknown.status).toBe(400);
    const both = await call("POST", `/v1/sites/${site}/preview`, { segment: "vip", traits: { interests: [] } }, { headers: ADMIN });
    expect(both.status).toBe(400);
  });

  it("rewrite a shop page the worker serves: preview bar, slots filled, snippet removed", async () => {
    const { token } = await previewToken("demo", { segment: "big-spenders" });
    const res = await call("GET", `/?vt_preview=${encodeURIComponent(token)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("Preview: Big spenders");
    expect(html).not.toContain("/v1/sdk.js");
    expect(html).toMatch(/data-vt-slot="hero"[^>]*data-vt-variant="big-spender"/);
    expect(html).toContain('src="/img/hero/big-spender.svg"');
    expect(html).toContain("The Reserve collection");
    expect(html).toMatch(/href="\/c\/headphones\/\?vt_preview=/);
    const stale = await call("GET", "/?vt_preview=garbage");
    const staleHtml = await stale.text();
    expect(staleHtml).toContain("Preview unavailable");
    expect(staleHtml).not.toContain("/v1/sdk.js");
  });
});
