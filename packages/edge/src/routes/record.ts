import type { Context } from "hono";
import type { Event, SiteConfig } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { visitorStub, type IngestContext, type IngestResult } from "../profile/visitor-profile";
import { creditBrowserEvents } from "../exposure/record";

/** Event timestamps from a browser clock ahead of ours are clamped to now. */
export function clampToNow(events: readonly Event[], now: number): Event[] {
  return events.map((event) => (event.ts > now ? { ...event, ts: now } : event));
}

/**
 * What the visitor's object needs to fold events and keep the profile: the site's settings, who
 * the visitor is, and when.
 * @example stub.ingest(events, ingestContext(config, site, visitor, Date.now(), geo));
 */
export function ingestContext(config: SiteConfig, site: string, visitor: string, now: number, geo?: { country?: string; timezone?: string }): IngestContext {
  const { settings } = config;
  return { sessionMinutes: settings.sessionMinutes, interestHalfLifeDays: settings.interestHalfLifeDays, now, site, visitor, retentionMs: settings.retentionDays * 86_400_000, ...(geo && { geo }) };
}

/**
 * Records a visitor's events in their profile (and credits new purchases and cart adds to the
 * experiment arms they were exposed to); returns the profile and the visitor's arms. Shared by
 * collect and decide, so both record exactly the same way. Site figures are not read here:
 * only decide needs them.
 * @example const { profileJson, assignments } = await record(c, { site, visitor, events, config, geo, now });
 */
export async function record(
  c: Context<AppEnv>,
  input: { site: string; visitor: string; events: readonly Event[]; config: SiteConfig; geo: { country?: string; timezone?: string }; now: number },
): Promise<IngestResult> {
  const stub = visitorStub(c.env, input.site, input.visitor);
  if (input.events.length === 0) return stub.snapshot();
  const result = await stub.ingest(clampToNow(input.events, input.now), ingestContext(input.config, input.site, input.visitor, input.now, input.geo));
  if (result.accepted > 0) await creditBrowserEvents(c.env, { site: input.site, visitor: input.visitor, config: input.config, facts: result });
  return result;
}
