import { DurableObject } from "cloudflare:workers";
import { fnv1a32 } from "@vitrine/shared";
import type { Context } from "hono";
import type { AppEnv, Env } from "../env";
import { isolateBatches } from "../http/isolate-batches";

/** Counts are kept in five-minute buckets: "the last hour" is the current bucket and the 11 before (55-60 minutes, never more). */
const BUCKET = 300_000;
const HOUR_BUCKETS = 12;
const DAY_BUCKETS = 288;
/** Objects the products of a site are spread over, by a hash of the sku. */
export const PROOF_SHARDS = 64;
/**
 * Objects one product's counts are split over — views by worker instance, orders by a hash of the
 * visitor: a product everyone looks at spreads its writes over this many objects, and a read adds
 * them up.
 */
export const PROOF_SPREAD = 4;

/** A product's counts as social proof shows them: orders in the last 24 hours, views in the last hour. */
export interface ProofCount {
  orders: number;
  views: number;
}

/** A product seen or bought at `ts` (ms since the epoch, on the worker's clock). */
export interface ProofHit {
  sku: string;
  ts: number;
}

/** What one visitor's new events add: the skus viewed, and each sku of each new trusted order (once per order). */
export interface ProofEvents {
  views: readonly ProofHit[];
  orders: readonly ProofHit[];
}

/**
 * Rows one counter object keeps at most (about 1 MB): anyone can send product views with made-up
 * skus, so past it the products with the lowest counts are dropped, down to 3/4 of it. A dropped
 * product's count starts again from 0: a number may be low, never padded.
 */
export const PROOF_MAX_ROWS = 20_000;
/** Adds between two checks of the row count. */
const CHECK_EVERY = 64;

/**
 * Counts per product and hour, for the products whose sku hashes to this shard (keyed by
 * `site:shard:spread`): views and orders in five-minute buckets by when they happened, each
 * event added once (the visitor's object already dropped repeats; views come in per-isolate
 * batches, and a batch whose call fails is lost: a count may fall short, never run over), kept
 * for a day; at most PROOF_MAX_ROWS rows.
 */
export class ProofCounters extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private pruned = 0;
  private adds = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS counts (sku TEXT NOT NULL, bucket INTEGER NOT NULL, views INTEGER NOT NULL, orders INTEGER NOT NULL, PRIMARY KEY (sku, bucket))");
  }

  /**
   * Adds views and orders in the buckets of their own times (a time after `now` counts as `now`);
   * a view from before the last hour or an order from before the last 24 hours would never be
   * shown, and is not stored.
   */
  add(events: ProofEvents, now: number): void {
    const bucket = Math.floor(now / BUCKET);
    // Added up per product and bucket first: one statement for each, not one per hit.
    const sums = new Map<string, { sku: string; at: number; views: number; orders: number }>();
    for (const [hits, views, orders, buckets] of [[events.views, 1, 0, HOUR_BUCKETS], [events.orders, 0, 1, DAY_BUCKETS]] as const) {
      for (const hit of hits) {
        const at = Math.floor(Math.min(hit.ts, now) / BUCKET);
        if (at <= bucket - buckets) continue;
        const key = `${at}|${hit.sku}`;
        const sum = sums.get(key) ?? sums.set(key, { sku: hit.sku, at, views: 0, orders: 0 }).get(key)!;
        sum.views += views;
        sum.orders += orders;
      }
    }
    this.ctx.storage.transactionSync(() => {
      for (const { sku, at, views, orders } of sums.values()) {
        this.sql.exec("INSERT INTO counts (sku, bucket, views, orders) VALUES (?, ?, ?, ?) ON CONFLICT (sku, bucket) DO UPDATE SET views = views + excluded.views, orders = orders + excluded.orders", sku, at, views, orders);
      }
    });
    if (bucket - this.pruned >= HOUR_BUCKETS) {
      this.pruned = bucket;
      this.sql.exec("DELETE FROM counts WHERE bucket <= ?", bucket - DAY_BUCKETS);
    }
    if (++this.adds % CHECK_EVERY === 1 || events.views.length + events.orders.length >= CHECK_EVERY) this.cap();
  }

  /** Drops the products with the lowest counts (orders first, then views) while there are more than PROOF_MAX_ROWS rows. */
  private cap(): void {
    const rows = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM counts").one().n;
    if (rows <= PROOF_MAX_ROWS) return;
    const products = this.sql.exec<{ sku: string; n: number }>("SELECT sku, count(*) AS n FROM counts GROUP BY sku ORDER BY sum(orders), sum(views)").toArray();
    let left = rows;
    const drop: string[] = [];
    for (const product of products) {
      if (left <= (PROOF_MAX_ROWS * 3) / 4) break;
      drop.push(product.sku);
      left -= product.n;
    }
    this.ctx.storage.transactionSync(() => {
      for (const sku of drop) this.sql.exec("DELETE FROM counts WHERE sku = ?", sku);
    });
  }

  /** Orders in the last 24 hours and views in the last hour before `now`. */
  read(sku: string, now: number): ProofCount {
    const bucket = Math.floor(now / BUCKET);
    const row = this.sql.exec<{ orders: number | null; views: number | null }>("SELECT sum(orders) AS orders, sum(CASE WHEN bucket > ? THEN views ELSE 0 END) AS views FROM counts WHERE sku = ? AND bucket > ?", bucket - HOUR_BUCKETS, sku, bucket - DAY_BUCKETS).one();
    return { orders: row.orders ?? 0, views: row.views ?? 0 };
  }
}

/** The name of the counter object of `sku`'s shard with the given spread (0 to PROOF_SPREAD - 1). */
const counterName = (site: string, sku: string, spread: number) => `${site}:${fnv1a32(sku) % PROOF_SHARDS}:${spread}`;
const counterStub = (env: Env, name: string) => env.PROOF.get(env.PROOF.idFromName(name));
/**
 * This instance's spread for the views it gathers, drawn on first use (not at startup, where
 * randomness is not for use): its batches then go to one object per shard instead of up to
 * PROOF_SPREAD (a batch per visitor spread would hold a quarter of the views and cost as many
 * calls), while instances together still spread a product's writes.
 */
let viewSpread: number | undefined;

/**
 * Adds a visitor's new views and orders to their products' counters, one call per counter object
 * touched, and has this isolate read those products' counts afresh.
 * @example await countProof(env, "demo", "v_12345678", { views: [{ sku: "NC-100", ts: Date.now() }], orders: [] }, Date.now());
 */
export async function countProof(env: Env, site: string, visitor: string, events: ProofEvents, now: number): Promise<void> {
  if (events.views.length + events.orders.length === 0) return;
  const parts = new Map<string, { views: ProofHit[]; orders: ProofHit[] }>();
  for (const kind of ["views", "orders"] as const) {
    for (const hit of events[kind]) {
      // Hits counted at once go to the visitor's spread (views gathered per instance: `countViews`).
      const key = counterName(site, hit.sku, fnv1a32(visitor) % PROOF_SPREAD);
      const into = parts.get(key) ?? parts.set(key, { views: [], orders: [] }).get(key)!;
      into[kind].push(hit);
    }
  }
  try {
    await Promise.all([...parts].map(([key, part]) => counterStub(env, key).add(part, now)));
  } finally {
    // Read afresh from now on, and a read already under way must not keep what it saw before.
    writes += 1;
    for (const hit of [...events.views, ...events.orders]) cached.delete(`${site}:${hit.sku}`);
  }
}

/** How long an isolate gathers product views before adding them to the counters together. */
export const PROOF_FLUSH_MS = 1_000;

/** Views gathered per counter object in this isolate. */
const viewBatches = isolateBatches<ProofHit>({
  ms: PROOF_FLUSH_MS,
  max: 200,
  what: "product views for social proof",
  send: (env, key, views) => counterStub(env, key).add({ views, orders: [] }, Date.now()),
});

/**
 * Counts a visitor's new product views after the answer, gathered per isolate for up to
 * PROOF_FLUSH_MS (one call and one write per counter object, instead of one per page view): a
 * view counts a second or so late, and a failure costs that batch's views. Orders, which are
 * few and must count, go through `countProof` at once.
 * @example countViews(c, "demo", [{ sku: "NC-100", ts: Date.now() }]);
 */
export function countViews(c: Context<AppEnv>, site: string, views: readonly ProofHit[]): void {
  viewSpread ??= Math.floor(Math.random() * PROOF_SPREAD);
  for (const view of views) viewBatches.add(c, counterName(site, view.sku, viewSpread), view);
}

/** How long an isolate shows a product's counts before reading them again. */
export const PROOF_CACHE_MS = 10_000;
/** Products whose counts an isolate keeps at most. */
const PROOF_CACHE_MAX = 5_000;
/** Counts read per `site:sku` in this isolate, and when. */
const cached = new Map<string, { count: ProofCount; at: number }>();
/** `countProof` calls finished in this isolate: a read that saw one finish while it ran keeps nothing. */
let writes = 0;

/**
 * A product's counts: the sum over the objects its counts are split over. Decide's reads are kept
 * per isolate for PROOF_CACHE_MS (a badge may be that much behind; this isolate's own orders are
 * read afresh); `fresh` reads past that (the admin API).
 * @example (await readProof(env, "demo", "NC-100", Date.now())).orders // 3
 */
export async function readProof(env: Env, site: string, sku: string, now: number, fresh = false): Promise<ProofCount> {
  const key = `${site}:${sku}`;
  const kept = cached.get(key);
  if (!fresh && kept && Math.abs(now - kept.at) < PROOF_CACHE_MS) return kept.count;
  const before = writes;
  const parts = await Promise.all(Array.from({ length: PROOF_SPREAD }, (_, spread) => counterStub(env, counterName(site, sku, spread)).read(sku, now)));
  const count = parts.reduce((sum, part) => ({ orders: sum.orders + part.orders, views: sum.views + part.views }), { orders: 0, views: 0 });
  if (writes !== before) return count;
  cached.delete(key);
  cached.set(key, { count, at: now });
  // The oldest read goes first (a Map keeps insertion order).
  if (cached.size > PROOF_CACHE_MAX) cached.delete(cached.keys().next().value!);
  return count;
}

/**
 * What a visitor's newly recorded events add to the counters, each at its event's time: product
 * views, and — only for `trusted` orders from the shop's backend, since a browser can report any
 * purchase — each distinct sku of each purchase.
 * @example proofEvents(fresh, false) // { views: [{ sku: "NC-100", ts }], orders: [] }
 */
export function proofEvents(events: readonly { type: string; ts: number; product?: { sku: string }; order?: { skus?: string[] } }[], trusted: boolean): ProofEvents {
  const views: ProofHit[] = [];
  const orders: ProofHit[] = [];
  for (const event of events) {
    if (event.type === "product_view" && event.product) views.push({ sku: event.product.sku, ts: event.ts });
    if (trusted && event.type === "purchase" && event.order?.skus) for (const sku of new Set(event.order.skus)) orders.push({ sku, ts: event.ts });
  }
  return { views, orders };
}
