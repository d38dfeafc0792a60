import type { Context } from "hono";
import { normalizeCategory, type FullDecision } from "@vitrine/shared";
import type { Event } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { liveStub, type LiveDecision } from "./counters";
import { isolateBatches } from "../http/isolate-batches";

/**
 * What a decision served, part by part: the hero, every declared slot (`(none)` when empty), the sort.
 * @example servedParts(decision)[0] // { part: "hero", rule: "interest-kids", variant: "kids" }
 */
export function servedParts(decision: FullDecision): LiveDecision["served"] {
  const slots = Object.entries(decision.slots).map(([part, slot]) => ({ part, rule: slot?.rule ?? "default", variant: slot?.variant ?? "(none)" }));
  return [...slots, { part: "sort", rule: decision.sort.rule, variant: decision.sort.strategy }];
}

function categoriesOf(events: readonly Event[]): string[] {
  const found = new Set<string>();
  for (const event of events) for (const name of [...(event.categories ?? []), ...(event.product?.categories ?? [])]) found.add(normalizeCategory(name));
  return [...found].slice(0, 40);
}

/** How long an isolate gathers decisions before counting them together. */
export const LIVE_FLUSH_MS = 1_000;
/** A batch this large is counted at once. */
const LIVE_BATCH_MAX = 200;

/** Decisions gathered per site in this isolate, counted together. */
const batches = isolateBatches<LiveDecision>({ ms: LIVE_FLUSH_MS, max: LIVE_BATCH_MAX, what: "live numbers", send: (env, site, batch) => liveStub(env, site).recordBatch(batch) });

/**
 * Counts a decision in the site's live numbers after the answer has gone out (`waitUntil`), so
 * the page never waits for it. Decisions are gathered per isolate for up to LIVE_FLUSH_MS and
 * counted in one call to the site's counters, instead of one call (and one write) per page view;
 * a failure is logged and costs only that batch's counts.
 * @example countLive(c, body.site, decision, body.events ?? [], who.geo.country);
 */
export function countLive(c: Context<AppEnv>, site: string, decision: FullDecision, events: readonly Event[], country: string | undefined): void {
  const input: LiveDecision = { now: Date.now(), visitor: decision.visitor, segments: decision.segments, served: servedParts(decision), categories: categoriesOf(events), ...(country && { country }) };
  batches.add(c, site, input);
}
