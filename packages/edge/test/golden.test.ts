import { describe, expect, it } from "vitest";
import configJson from "@vitrine/shared/golden/config.json";
import casesJson from "@vitrine/shared/golden/cases.json";
import { checkExpectations, materializeEvents, type GoldenCase } from "@vitrine/shared/golden/run";
import { SiteConfig } from "@vitrine/shared/schema";
import { configKey } from "../src/config/store";
import { EVENT_WINDOW_MS, ingestContext } from "../src/routes/record";
import { ADMIN, call, newVisitor, trustedOrders, workerEnv } from "./helpers";

const cases = (casesJson as { cases: GoldenCase[] }).cases;

/**
 * The golden cases the shared package runs in-process, run again through the real worker over
 * HTTP: same events, same config, same expectations. Each case gets a site of its own so the
 * site statistics it seeds (as the shop's backend would, through trusted orders) stay its own.
 */
describe("golden cases through the worker", () => {
  it.each(cases.map((c, i) => [c.name, c, i] as const))("%s", async (_name, c, i) => {
    const site = `golden-${i}`;
    await workerEnv.CONFIG.put(configKey(site), JSON.stringify({ version: 1, updatedAt: Date.now(), config: { ...configJson, site } }));
    if (c.siteOrders?.length) {
      await trustedOrders(site, c.siteOrders.map((total, n) => ({ visitor: newVisitor("seed"), id: `seed-${n}`, total })));
    }
    const visitor = newVisitor(`g${i}-`);
    const now = Date.now();
    const events = materializeEvents(c, now, i);
    // A page only reports recent events (older ones are refused): a longer history is written
    // straight into the visitor's object, as an import would.
    const old = events.filter((event) => event.ts < now - EVENT_WINDOW_MS + 60_000);
    if (old.length) {
      const config = SiteConfig.parse({ ...configJson, site });
      const geo = { ...(c.context?.country && { country: c.context.country }), ...(c.context?.timezone && { timezone: c.context.timezone }) };
      await workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`${site}:${visitor}`)).ingest(old, ingestContext(config, site, visitor, now, geo));
    }
    const res = await call(
      "POST",
      "/v1/decide",
      { site, visitor, events: events.filter((event) => !old.includes(event)), explain: true, ...(c.products && { products: c.products }) },
      { ...(c.context?.country && { country: c.context.country }), ...(c.context?.timezone && { timezone: c.context.timezone }) },
    );
    expect(res.status).toBe(200);
    const decision = (await res.json()) as Record<string, unknown>;
    // The page gets coarse traits and page words; the full traits and the merchant's explanation come from the admin export.
    const exported = (await (await call("GET", `/v1/sites/${site}/visitors/${visitor}`, undefined, { headers: ADMIN })).json()) as { traits: unknown; decision: { explain: string[]; segments: string[] } };
    // The page sees only the segments that chose what it shows; the case speaks of all the visitor is in.
    const full = { ...decision, traits: exported.traits, explain: exported.decision.explain, segments: exported.decision.segments };
    expect(checkExpectations(c.expect, full as never)).toEqual([]);
  });
});
