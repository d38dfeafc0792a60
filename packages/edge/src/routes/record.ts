import type { Context } from "hono";
import type { Event, SiteConfig, SiteStats } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { visitorStub, type IngestResult } from "../profile/visitor-profile";
import { currentSiteStats } from "../stats/site-stats";

/** Event timestamps from a browser clock ahead of ours are clamped to now. */
export function clampToNow(events: readonly Event[], now: number): Event[] {
  return events.map((event) => (event.ts > now ? { ...event, ts: now } : event));
}

/**
 * Records a visitor's events in their profile and returns it with the site's current figures.
 * Shared by collect and decide, so both record exactly the same way.
 * @example const { profileJson, stats } = await record(c, { site, visitor, events, config, geo, now });
 */
export async function record(
  c: Context<AppEnv>,
  input: { site: string; visitor: string; events: readonly Event[]; config: SiteConfig; geo: { country?: string; timezone?: string }; now: number },
): Promise<IngestResult & { stats: SiteStats }> {
  const { settings } = input.config;
  const stub = visitorStub(c.env, input.site, input.visitor);
  const result = input.events.length
    ? await stub.ingest(clampToNow(input.events, input.now), {
        sessionMinutes: settings.sessionMinutes,
        interestHalfLifeDays: settings.interestHalfLifeDays,
        geo: input.geo,
        now: input.now,
      })
    : { profileJson: await stub.readJson(), accepted: 0, duplicates: 0 };
  return { ...result, stats: await currentSiteStats(c.env, input.site, null, input.now) };
}
