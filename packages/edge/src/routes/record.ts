import type { Context } from "hono";
import type { Event, SiteConfig } from "@vitrine/shared/schema";
import { withLdFacts } from "@vitrine/shared";
import type { AppEnv } from "../env";
import { executionContext } from "../http/execution-context";
import { usesProof } from "../offers/slots";
import { visitorStub, type ClassifyInput, type IngestContext, type IngestResult, type RecordCall } from "../profile/visitor-profile";
import { creditBrowserEvents } from "../exposure/record";
import { countViews } from "../offers/proof";

/** The default of how far back an event may lie (`settings.eventWindowDays`): a queue older than that is not a visit. */
export const EVENT_WINDOW_MS = 7 * 86_400_000;

/**
 * Event times on the worker's clock: shifted by the browser clock's skew when the batch says when
 * it was sent (`sentAt`), clamped to now, and those older than `windowMs` left out.
 * @example correctTimes(events, Date.now(), body.sentAt) // { events, stale: 0 }
 */
export function correctTimes(events: readonly Event[], now: number, sentAt?: number, windowMs = EVENT_WINDOW_MS): { events: Event[]; stale: number } {
  const skew = sentAt === undefined ? 0 : now - sentAt;
  const kept: Event[] = [];
  for (const event of events) {
    const ts = Math.min(now, event.ts + skew);
    if (ts >= now - windowMs) kept.push(ts === event.ts ? event : { ...event, ts });
  }
  return { events: kept, stale: events.length - kept.length };
}

/**
 * What the visitor's object needs to fold events and keep the profile: the site's settings, who
 * the visitor is, and when.
 * @example stub.recordJson(JSON.stringify({ events, context: ingestContext(config, site, visitor, Date.now(), geo), classifyWith: "nothing" }));
 */
export function ingestContext(config: SiteConfig, site: string, visitor: string, now: number, geo?: { country?: string; timezone?: string }): IngestContext {
  const { settings } = config;
  return { sessionMinutes: settings.sessionMinutes, interestHalfLifeDays: settings.interestHalfLifeDays, now, site, visitor, retentionMs: settings.retentionDays * 86_400_000, ...(geo && { geo }) };
}

/**
 * The page's facts in its events: a page view's JSON-LD (`ld`, sent by the snippet) read into its
 * `product` (brand included) and `categories` — what the page says explicitly wins — and dropped,
 * so profiles, live counts and exposures see product and category views, never raw JSON-LD. A
 * page `title` (older snippets sent one; it may name a person) is dropped: nothing reads it.
 * @example pageFacts([{ id: "e1", type: "page_view", ts, url, ld: [{ "@type": "Product", sku: "A", offers: { price: 5 } }] }])[0].type // "product_view"
 */
export const pageFacts = (events: readonly Event[]): Event[] => events.map(({ title: _title, ...event }) => withLdFacts(event));

/**
 * Records a visitor's events (their JSON-LD read first: `pageFacts`) in their profile (and credits new purchases and cart adds to the
 * experiment arms they were exposed to); returns the profile and the visitor's arms. Shared by
 * collect and decide, so both record exactly the same way. Site figures are not read here:
 * only decide needs them, and passes them as `classifyWith` to get the traits instead of the
 * profile; collect, which needs neither, passes "nothing".
 * @example const { accepted, assignments } = await record(c, { site, visitor, events, config, geo, now, classifyWith: "nothing" });
 */
export function record(c: Context<AppEnv>, input: RecordInput): Promise<IngestResult & { stale: number }> {
  const done = recordNow(c, input);
  // A deadline may answer the request first; the recording still finishes, so what follows the
  // profile (experiment credits, the products' counts) is never left behind.
  executionContext(c)?.waitUntil(done.catch(() => {}));
  return done;
}

type RecordInput = { site: string; visitor: string; events: readonly Event[]; config: SiteConfig; geo: { country?: string; timezone?: string }; now: number; sentAt?: number; classifyWith?: ClassifyInput | "nothing"; /** The events already went through `pageFacts` (decide reads them once for recording and live counts). */ factsRead?: boolean };

async function recordNow(c: Context<AppEnv>, input: RecordInput): Promise<IngestResult & { stale: number }> {
  const stub = visitorStub(c.env, input.site, input.visitor);
  const { events, stale } = correctTimes(input.factsRead ? input.events : pageFacts(input.events), input.now, input.sentAt, input.config.settings.eventWindowDays * 86_400_000);
  const call: RecordCall = { events, context: ingestContext(input.config, input.site, input.visitor, input.now, input.geo), ...(input.classifyWith !== undefined && { classifyWith: input.classifyWith }) };
  const result: IngestResult & { stale: number } = { ...(JSON.parse(await stub.recordJson(JSON.stringify(call))) as IngestResult), stale };
  if (result.accepted > 0) {
    await creditBrowserEvents(c.env, { site: input.site, visitor: input.visitor, config: input.config, facts: result });
    // The products' counts move with the visitor's profile (only events recorded for the first
    // time count; a browser's purchases never do), for sites that show them, after the answer,
    // gathered per isolate: a failure costs those views only.
    if (result.proof && usesProof(input.config)) countViews(c, input.site, result.proof.views);
  }
  return result;
}
