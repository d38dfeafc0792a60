import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { LiveCounters, LiveDecision, LiveSummary } from "../src/live/counters";
import { newVisitor, workerEnv } from "./helpers";

const HOUR = 3_600_000;
const counters = () => workerEnv.LIVE.get(workerEnv.LIVE.idFromName(`live-${newVisitor("c")}`));

/**
 * Decisions over the last few hours in the order the counters receive them: mostly forward, but
 * batches from several instances arrive out of order, across hour boundaries too.
 */
const decisions = fc
  .array(
    fc.record({
      step: fc.integer({ min: -20 * 60_000, max: 40 * 60_000 }),
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

/** Rows served in a fixed order: ties in how often they served may come back in any order. */
const sorted = (summary: LiveSummary): LiveSummary => ({ ...summary, served: [...summary.served].sort((a, b) => [a.part, a.rule, a.variant].join("\u0000").localeCompare([b.part, b.rule, b.variant].join("\u0000"))) });

/** What the pickers should list: every category and country the batch saw, the latest seen first. */
function expectSeen(seen: { categories: string[]; countries: string[] }, batch: readonly LiveDecision[]): void {
  const last = new Map<string, number>();
  for (const d of batch) for (const key of [...d.categories.map((c) => `category:${c}`), ...(d.country ? [`country:${d.country}`] : [])]) last.set(key, Math.max(d.now, last.get(key) ?? -Infinity));
  for (const kind of ["category", "country"] as const) {
    const listed = kind === "category" ? seen.categories : seen.countries;
    const expected = [...last.keys()].filter((key) => key.startsWith(`${kind}:`)).map((key) => key.slice(kind.length + 1));
    expect(new Set(listed)).toEqual(new Set(expected));
    for (let i = 1; i < listed.length; i++) expect(last.get(`${kind}:${listed[i - 1]}`)).toBeGreaterThanOrEqual(last.get(`${kind}:${listed[i]}`)!);
  }
}

describe("live counters", () => {
  it("count a batch exactly as they count its decisions one by one, however it is split and in whatever order its times come", async () => {
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
        const now = Math.max(...batch.map((d) => d.now));
        const expected = sorted(await single.summary(now));
        expect(sorted(await whole.summary(now))).toEqual(expected);
        expect(sorted(await split.summary(now))).toEqual(expected);
        for (const object of [whole, single, split]) expectSeen(await object.seen(), batch);
        // Every decision counted: each served its parts once; a handful of visitors is counted exactly.
        expect(expected.served.reduce((sum, row) => sum + row.week, 0)).toBe(batch.reduce((sum, d) => sum + d.served.length, 0));
        expect(expected.visitors.week).toBe(new Set(batch.map((d) => d.visitor)).size);
      }),
      { numRuns: 40 },
    );
  });

  it("forgets a batch that was not stored, also in the sketches it keeps in memory", async () => {
    const live = counters();
    const now = Date.now();
    const decision = (visitor: string, part = "hero"): LiveDecision => ({ now, visitor, segments: [], served: [{ part, rule: "default", variant: "a" }], categories: [] });
    await live.recordBatch([decision("v1")]);
    // A part the table refuses (NOT NULL): the batch's transaction rolls back after its sketch was
    // written. Called inside the object, so the failure stays in this test.
    await runInDurableObject(live, (object: LiveCounters) => {
      expect(() => object.recordBatch([decision("v9", null as unknown as string)])).toThrow(/NOT NULL/);
    });
    await live.recordBatch([decision("v2")]);
    const summary = await live.summary(now);
    expect(summary.visitors).toEqual({ day: 2, week: 2 });
    expect(summary.served).toEqual([{ part: "hero", rule: "default", variant: "a", day: 2, week: 2 }]);
  });
});
