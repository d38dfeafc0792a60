import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { DEFAULT_SETTINGS, foldEventsInto } from "@vitrine/shared";
import { arbEvent } from "@vitrine/shared/testing";
import type { Event, Profile } from "@vitrine/shared/schema";
import { SEEN_IDS_KEPT, SEEN_IDS_SLACK, SNAPSHOT_EVERY, type IngestContext, type VisitorProfile } from "../src/profile/visitor-profile";
import { newVisitor, workerEnv } from "./helpers";

const NOW = Date.UTC(2026, 0, 15, 12);
const context = (visitor: string, geo?: IngestContext["geo"]): IngestContext => ({ sessionMinutes: 30, interestHalfLifeDays: 14, now: NOW, site: "replay", visitor, retentionMs: 3650 * 86_400_000, ...(geo && { geo }) });

/** Events drawn from a pool of ids and a few order ids, so batches repeat each other; enough ids that snapshots are written along the way. */
const event = fc.tuple(arbEvent(NOW - 30 * 86_400_000, 30 * 86_400_000), fc.integer({ min: 0, max: 2 * SNAPSHOT_EVERY }), fc.integer({ min: 0, max: 3 })).map(([e, id, order]) => {
  const copy = { ...e, id: `e${id}` } as Event;
  if (copy.type === "purchase" && copy.order) copy.order = { ...copy.order, id: `o${order}` };
  return copy;
});

/**
 * How the object stops before a batch: not at all, evicted (in-memory state gone, as after a quiet
 * spell), or aborted (torn down at once, as after a crash or a deploy).
 */
type Restart = "none" | "evict" | "abort";
// Plain JSON objects, as a request body would give (fast-check's records have a null prototype, which RPC cannot clone).
const step = fc.record({
  batch: fc.array(event, { minLength: 1, maxLength: 8 }).map((batch) => JSON.parse(JSON.stringify(batch)) as Event[]),
  restart: fc.constantFrom<Restart>("none", "none", "evict", "abort"),
  geo: fc.constantFrom(undefined, { country: "DE", timezone: "Europe/Berlin" }, { country: "US" }),
});

/** Which of `batch` the object must accept, given the ids and orders it accepted before. */
function freshOf(batch: Event[], seen: Set<string>, orders: Set<string>): Event[] {
  return batch.filter((e) => {
    const order = e.type === "purchase" ? e.order?.id : undefined;
    if (seen.has(e.id) || (order !== undefined && orders.has(order))) return false;
    seen.add(e.id);
    if (order !== undefined) orders.add(order);
    return true;
  });
}

type Stub = DurableObjectStub<VisitorProfile>;

const visitorStub = (visitor: string): Stub => workerEnv.VISITORS.get(workerEnv.VISITORS.idFromName(`replay:${visitor}`));

/** Stops the object as `how` says; answers the stub to use next (an aborted object's old stubs stay broken). */
async function restart(stub: Stub, visitor: string, how: Restart): Promise<Stub> {
  // Not running yet: nothing to evict or abort.
  if (how === "evict") await evictDurableObject(stub).catch(() => {});
  if (how !== "abort") return stub;
  await runInDurableObject(stub, (_instance, state) => state.abort("restart between writes")).catch(() => {});
  return visitorStub(visitor);
}

/** Makes the next write of the running instance fail after its rows are written, inside the transaction. */
async function failNextWrite(stub: Stub): Promise<void> {
  await runInDurableObject(stub, (instance) => {
    type Log = { append: (...args: unknown[]) => void };
    const log = (instance as unknown as { log: Log }).log;
    const append = log.append.bind(log);
    log.append = (...args) => {
      append(...args);
      log.append = append;
      throw new Error("injected failure before the commit");
    };
  });
}

describe("the visitor's object replays to the same profile", () => {
  it("whatever the batches, duplicates and restarts in between (snapshot + tail)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const visitor = newVisitor("replay");
        let stub = visitorStub(visitor);
        const seen = new Set<string>();
        const orders = new Set<string>();
        let expected: Profile | null = null;
        for (const { batch, restart: how, geo } of steps) {
          stub = await restart(stub, visitor, how);
          const ctx = context(visitor, geo);
          const fresh = freshOf(batch, seen, orders);
          const answer = await stub.ingest(batch, ctx);
          expect(answer).toMatchObject({ accepted: fresh.length, duplicates: batch.length - fresh.length });
          if (fresh.length) expected = foldEventsInto(expected === null ? null : structuredClone(expected), fresh, ctx);
          expect(answer.profileJson === null ? null : JSON.parse(answer.profileJson)).toEqual(expected === null ? null : JSON.parse(JSON.stringify(expected)));
        }
        // A fresh instance rebuilds from the snapshot and the tail alone.
        stub = await restart(stub, visitor, "abort");
        expect(await stub.read()).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  }, 300_000);

  it("keeps nothing of a write that fails before its commit, and accepts the same batch again", async () => {
    const visitor = newVisitor("failed");
    const stub = visitorStub(visitor);
    const batch = (from: number): Event[] => [0, 1, 2].map((i) => ({ id: `f${from + i}`, type: "page_view", ts: NOW - 600_000 + (from + i) * 1000, url: `https://shop.test/${from + i}` }));
    await stub.ingest(batch(0), context(visitor));
    await failNextWrite(stub);
    const failed = await stub.ingest(batch(3), context(visitor)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(String(failed)).toMatch(/injected failure/);
    // The object that saw the failure answers from storage, not from what it folded before the throw.
    expect(await stub.ingest(batch(3), context(visitor))).toMatchObject({ accepted: 3, duplicates: 0 });
    let expected: Profile | null = null;
    for (const from of [0, 3]) expected = foldEventsInto(expected, batch(from), context(visitor));
    expect(await stub.read()).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("writes the whole profile only every SNAPSHOT_EVERY events; page views in between append one small row", async () => {
    const visitor = newVisitor("tail");
    let stub = visitorStub(visitor);
    const page = (i: number): Event => ({ id: `p${i}`, type: "page_view", ts: NOW - 3_600_000 + i * 1000, url: `https://shop.test/c/${i}` });
    const tables = () =>
      runInDurableObject(stub, (_instance, state) => ({
        snapshots: state.storage.sql.exec("SELECT count(*) AS n FROM profile").one().n as number,
        tail: state.storage.sql.exec("SELECT count(*) AS n FROM tail").one().n as number,
        seenIds: state.storage.sql.exec("SELECT count(*) AS n FROM seen").one().n as number,
      }));
    // The tail's rows carry their events' ids: the seen table is written with the snapshot only.
    for (let i = 0; i < SNAPSHOT_EVERY - 1; i++) await stub.ingest([page(i)], context(visitor));
    expect(await tables()).toEqual({ snapshots: 0, tail: SNAPSHOT_EVERY - 1, seenIds: 0 });
    await stub.ingest([page(SNAPSHOT_EVERY - 1)], context(visitor));
    expect(await tables()).toEqual({ snapshots: 1, tail: 0, seenIds: SNAPSHOT_EVERY });
    await stub.ingest([page(SNAPSHOT_EVERY)], context(visitor));
    expect(await tables()).toEqual({ snapshots: 1, tail: 1, seenIds: SNAPSHOT_EVERY });
    stub = await restart(stub, visitor, "abort");
    // A restarted object knows both: ids from the seen table and ids from the tail's rows.
    expect(await stub.ingest([page(0), page(SNAPSHOT_EVERY), page(SNAPSHOT_EVERY)], context(visitor))).toMatchObject({ accepted: 0, duplicates: 3 });
    stub = await restart(stub, visitor, "abort");
    let expected: Profile | null = null;
    for (let i = 0; i <= SNAPSHOT_EVERY; i++) expected = foldEventsInto(expected, [page(i)], context(visitor));
    expect(await stub.read()).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe("the visitor's window of seen ids (tail rows + the seen table)", () => {
  const page = (i: number): Event => ({ id: `w${i}`, type: "page_view", ts: NOW - 3_600_000 + i, url: `https://shop.test/p/${i % 7}` });
  const pages = (from: number, n: number) => Array.from({ length: n }, (_, i) => page(from + i));
  const count = (stub: Stub, table: string) => runInDurableObject(stub, (_instance, state) => state.storage.sql.exec(`SELECT count(*) AS n FROM ${table}`).one().n as number);

  it("remembers ids across restarts before, during and after the snapshot that moves them out of the tail", async () => {
    const visitor = newVisitor("window");
    let stub = visitorStub(visitor);
    await stub.ingest(pages(0, 3), context(visitor));
    stub = await restart(stub, visitor, "abort");
    // A fresh instance with ids only in the tail: they are duplicates, and the append that snapshots keeps them.
    expect(await stub.ingest([...pages(0, 3), ...pages(3, SNAPSHOT_EVERY)], context(visitor))).toMatchObject({ accepted: SNAPSHOT_EVERY, duplicates: 3 });
    expect({ tail: await count(stub, "tail"), seen: await count(stub, "seen") }).toEqual({ tail: 0, seen: SNAPSHOT_EVERY + 3 });
    stub = await restart(stub, visitor, "evict");
    expect(await stub.ingest(pages(0, SNAPSHOT_EVERY + 3), context(visitor))).toMatchObject({ accepted: 0, duplicates: SNAPSHOT_EVERY + 3 });
  });

  it("moves the tail's ids to the seen table when a trusted order marks the profile and writes it whole", async () => {
    const visitor = newVisitor("window-order");
    let stub = visitorStub(visitor);
    const bought: Event = { id: "buy-1", type: "purchase", ts: NOW - 60_000, order: { id: "T1", total: 40, currency: "EUR" } };
    await stub.ingest([...pages(0, 2), bought], context(visitor));
    expect(await count(stub, "seen")).toBe(0);
    await stub.recordTrustedOrders([{ visitor, id: "T1", total: 42, currency: "EUR" }], context(visitor));
    expect({ tail: await count(stub, "tail"), seen: await count(stub, "seen") }).toEqual({ tail: 0, seen: 3 });
    stub = await restart(stub, visitor, "abort");
    expect(await stub.ingest([...pages(0, 2), bought], context(visitor))).toMatchObject({ accepted: 0, duplicates: 3 });
  });

  it("credits a trusted order sent again as it was first recorded, not as it is sent again", async () => {
    const visitor = newVisitor("credit-again");
    let stub = visitorStub(visitor);
    const first = await stub.recordTrustedOrders([{ visitor, id: "C1", total: 40 }, { visitor, id: "C1", total: 40 }], context(visitor));
    expect(first).toMatchObject({ accepted: 1, duplicates: 1, credit: [{ id: "C1", total: 40, ts: NOW }] });
    stub = await restart(stub, visitor, "evict");
    // Later, with another total and time (a resync after an answer that was lost): a duplicate, credited as recorded.
    const later = { ...context(visitor), now: NOW + 86_400_000 };
    const again = await stub.recordTrustedOrders([{ visitor, id: "C1", total: 99, ts: NOW + 3_600_000 }, { visitor, id: "C2", total: 5 }], later);
    expect(again).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(again.credit).toEqual([{ visitor, id: "C1", total: 40, ts: NOW }, { visitor, id: "C2", total: 5, ts: NOW + 86_400_000 }]);
  });

  it(`keeps the newest ${SEEN_IDS_KEPT} ids once it grows ${SEEN_IDS_SLACK} past them, however often the object restarts`, async () => {
    const visitor = newVisitor("window-trim");
    let stub = visitorStub(visitor);
    const total = SEEN_IDS_KEPT + SEEN_IDS_SLACK + 100;
    for (let from = 0; from < total; from += 100) {
      await stub.ingest(pages(from, 100), context(visitor));
      // Evicted between visits: a count kept in memory would never reach a trim.
      if (from % 500 === 0) stub = await restart(stub, visitor, "evict");
    }
    expect(await count(stub, "seen")).toBeLessThanOrEqual(SEEN_IDS_KEPT + SEEN_IDS_SLACK);
    expect(await count(stub, "seen")).toBeGreaterThanOrEqual(SEEN_IDS_KEPT);
    stub = await restart(stub, visitor, "abort");
    // The newest are still duplicates; the oldest were forgotten, and count again.
    expect(await stub.ingest(pages(total - 50, 50), context(visitor))).toMatchObject({ accepted: 0, duplicates: 50 });
    expect(await stub.ingest(pages(0, 10), context(visitor))).toMatchObject({ accepted: 10, duplicates: 0 });
  }, 120_000);
});

describe("recordJson, the worker's call", () => {
  it("answers what ingest and snapshot answer, as JSON", async () => {
    const [a, b] = [newVisitor("json-a"), newVisitor("json-b")];
    const events: Event[] = [
      { id: "j1", type: "product_view", ts: NOW - 60_000, url: "https://shop.test/p/1", product: { sku: "NC-100", price: 349, categories: ["Headphones"] } },
      { id: "j2", type: "add_to_cart", ts: NOW - 30_000, url: "https://shop.test/p/1", product: { sku: "NC-100", price: 349 } },
    ];
    const classifyWith = { stats: { orders: 0, customers: 0, aovP90: null, spendP90: null }, settings: DEFAULT_SETTINGS, now: NOW, withFacts: true };
    const viaJson = (visitor: string, batch: Event[]) => visitorStub(visitor).recordJson(JSON.stringify({ events: batch, context: context(visitor), classifyWith })).then((text) => JSON.parse(text) as unknown);
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    const stripVisitor = (answer: unknown) => JSON.stringify(answer).replaceAll(a, "V").replaceAll(b, "V");
    expect(stripVisitor(await viaJson(a, events))).toEqual(stripVisitor(plain(await visitorStub(b).ingest(events, context(b), classifyWith))));
    // No events: the snapshot's answer, the same again for a visitor never seen.
    expect(stripVisitor(await viaJson(a, []))).toEqual(stripVisitor(plain(await visitorStub(b).snapshot(classifyWith))));
    const unknown = newVisitor("json-none");
    expect(await viaJson(unknown, [])).toMatchObject({ profileJson: null, accepted: 0, duplicates: 0, assignments: [] });
    expect(JSON.parse(await visitorStub(unknown).recordJson(JSON.stringify({ events: [], context: context(unknown), classifyWith: "nothing" })))).toMatchObject({ profileJson: null, accepted: 0 });
  });
});
