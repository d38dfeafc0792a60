import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { LiveDecision } from "../src/live/counters";
import { newVisitor, workerEnv } from "./helpers";

const HOUR = 3_600_000;
const counters = () => workerEnv.LIVE.get(workerEnv.LIVE.idFromName(`live-${newVisitor("c")}`));

/** Decisions over the last few hours, in the order an isolate would gather them (time moving on). */
const decisions = fc
  .array(
    fc.record({
      step: fc.integer({ min: 1, max: 40 * 60_000 }),
      visitor: fc.constantFrom("v1", "v2", "v3", "v4", "v5", "v6"),
      segments: fc.subarray(["returning", "researcher", "buyer", "interest:mens"]),
      served: fc.array(fc.record({ part: fc.constantFrom("hero", "offer", "sort"), rule: fc.constantFrom("default", "r1"), variant: fc.constantFrom("a", "b", "(none)") }), { maxLength: 4 }),
      categories: fc.subarray(["headphones", "mens", "kids"]),
      country: fc.option(fc.constantFrom("DE", "US", "FR"), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((rows) => {
    let now = Date.now() - 6 * HOUR;
    // Plain objects: the generator's have no prototype, which a call to an object cannot carry.
    return rows.map(({ step, country, visitor, segments, served, categories }): LiveDecision => ({ visitor, segments: [...segments], served: served.map((s) => ({ ...s })), categories: [...categories], now: (now += step), ...(country && { country }) }));
  });

describe("live counters", () => {
  it("count a batch exactly as they count its decisions one by one, however it is split", async () => {
    await fc.assert(
      fc.asyncProperty(decisions, fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 10 }), async (batch, cuts) => {
        const whole = counters();
        const single = counters();
        const split = counters();
        await whole.recordBatch(batch);
        for (const decision of batch) await single.recordBatch([decision]);
        let at = 0;
        for (const cut of [...cuts, batch.length]) {
          if (at >= batch.length) break;
          await split.recordBatch(batch.slice(at, at + cut));
          at += cut;
        }
        const now = batch.at(-1)!.now;
        const expected = { summary: await single.summary(now), seen: await single.seen() };
        expect({ summary: await whole.summary(now), seen: await whole.seen() }).toEqual(expected);
        expect({ summary: await split.summary(now), seen: await split.seen() }).toEqual(expected);
        // Every decision counted: each one served its parts once.
        const served = expected.summary.served.reduce((sum, row) => sum + row.week, 0);
        expect(served).toBe(batch.reduce((sum, d) => sum + d.served.length, 0));
      }),
      { numRuns: 40 },
    );
  });
});
