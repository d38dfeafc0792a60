import type { Context } from "hono";
import { normalizeCategory, type FullDecision } from "@vitrine/shared";
import type { Event } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { liveStub, type LiveDecision } from "./counters";

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

/**
 * Counts a decision in the site's live numbers after the answer has gone out (`waitUntil`), so
 * the page never waits for it; a failure is logged and costs only that count.
 * @example countLive(c, body.site, decision, body.events ?? [], who.geo.country);
 */
export function countLive(c: Context<AppEnv>, site: string, decision: FullDecision, events: readonly Event[], country: string | undefined): void {
  const input: LiveDecision = { now: Date.now(), visitor: decision.visitor, segments: decision.segments, served: servedParts(decision), categories: categoriesOf(events), ...(country && { country }) };
  const done = liveStub(c.env, site)
    .record(input)
    .catch((error: unknown) => console.error(JSON.stringify({ level: "warn", msg: "live count failed", site, error: String(error) })));
  try {
    c.executionCtx.waitUntil(done);
  } catch {
    // No execution context (a bare app.request in a test): the promise runs on its own.
  }
}
