import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evictDurableObject } from "cloudflare:test";
import { foldEventsInto } from "@vitrine/shared";
import { arbEvent } from "@vitrine/shared/testing";
import type { Event, Profile } from "@vitrine/shared/schema";
import type { IngestContext } from "../src/profile/visitor-profile";
import { newVisitor, workerEnv } from "./helpers";

const NOW = Date.UTC(2026, 0, 15, 12);
const context = (visitor: string): IngestContext => ({ sessionMinutes: 30, interestHalfLifeDays: 14, now: NOW, site: "replay", visitor, retentionMs: 3650 * 86_400_000 });

/** Events drawn from a few ids and order ids, so batches repeat each other. */
const event = fc.tuple(arbEvent(NOW - 30 * 86_400_000, 30 * 86_400_000), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 3 })).map(([e, id, order]) => {
  const copy = { ...e, id: `e${id}` } as Event;
  if (copy.type === "purchase" && copy.order) copy.order = { ...copy.order, id: `o${order}` };
  return copy;
});
// Plain JSON objects, as a request body would give (fast-check's records have a null prototype, which RPC cannot clone).
const step = fc.record({ batch: fc.array(event, { minLength: 1, maxLength: 6 }).map((batch) => JSON.parse(JSON.stringify(batch)) as Event[]), restart: fc.boolean() });

/** What the visitor's object must hold: each batch's unseen events folded once, in order. */
function reference(batches: Event[][], ctx: IngestContext): Profile | null {
  const seen = new Set<string>();
  const orders = new Set<string>();
  let profile: Profile | null = null;
  for (const batch of batches) {
    const fresh = batch.filter((e) => {
      const order = e.type === "purchase" ? e.order?.id : undefined;
      if (seen.has(e.id) || (order !== undefined && orders.has(order))) return false;
      seen.add(e.id);
      if (order !== undefined) orders.add(order);
      return true;
    });
    if (fresh.length) profile = foldEventsInto(profile === null ? null : structuredClone(profile), fresh, ctx);
  }
  return profile;
}

describe("the visitor's object replays to the same profile", () => {
  it("whatever the batches, duplicates and restarts in between", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const visitor = newVisitor("replay");
        const stub = workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`replay:${visitor}`));
        const ctx = context(visitor);
        for (const { batch, restart } of steps) {
          if (restart) await evictDurableObject(stub).catch(() => {}); // not running yet: nothing to evict
          await stub.ingest(batch, ctx);
        }
        await evictDurableObject(stub).catch(() => {});
        expect(await stub.read()).toEqual(reference(steps.map((s) => s.batch), ctx));
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
