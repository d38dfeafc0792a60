import type { Context } from "hono";
import type { Event, SiteConfig, SiteStats } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { visitorStub, type IngestResult } from "../profile/visitor-profile";
import { currentSiteStats } from "../stats/site-stats";

/** Event timestamps from a browser clock ahead of ours are clamped to now. */
function clamp(events: readonly Event[], now: number): Event[] {
  return events.map((event) => (event.ts > now ? { ...event, ts: now } : event));
}

/**
 * Records a visitor's events in their profile and returns it with the site's current figures.
 * Shared by collect and decide, so both record exactly the same way.
 */
export async function record(
  c: Context<AppEnv>,
  input: { site: string; visitor: string; events: readonly Event[]; config: SiteConfig; geo: { country?: string; timezone?: string }; now: number },
): Promise<IngestResult & { stats: SiteStats; forgotten: boolean }> {
  const { settings } = input.config;
  const stub = visitorStub(c.env, input.site, input.visitor);
  // A withdrawn consent means: forget this visitor now, and record nothing of this batch.
  if (input.events.some((event) => event.type === "consent" && event.granted === false)) {
    await stub.erase();
    return { profileJson: null, accepted: 0, duplicates: 0, orders: null, forgotten: true, stats: await currentSiteStats(c.env, input.site, null, input.now) };
  }
  const result = input.events.length
    ? await stub.ingest(clamp(input.events, input.now), {
        sessionMinutes: settings.sessionMinutes,
        interestHalfLifeDays: settings.interestHalfLifeDays,
        geo: input.geo,
        now: input.now,
      })
    : { profileJson: await stub.readJson(), accepted: 0, duplicates: 0, orders: null };
  const stats = await currentSiteStats(c.env, input.site, result.orders, input.now);
  return { ...result, stats, forgotten: false };
}
