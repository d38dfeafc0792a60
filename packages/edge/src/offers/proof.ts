import { DurableObject } from "cloudflare:workers";
import { fnv1a32 } from "@vitrine/shared";
import type { Env } from "../env";

/** Counts are kept in five-minute buckets: "the last hour" is the current bucket and the 11 before (55-60 minutes, never more). */
const BUCKET = 300_000;
const HOUR_BUCKETS = 12;
const DAY_BUCKETS = 288;
/** Objects the products of a site are spread over, by a hash of the sku. */
export const PROOF_SHARDS = 64;
/**
 * Objects one product's counts are split over, by a hash of the visitor: a product everyone
 * looks at spreads its writes over this many objects, and a read adds them up.
 */
export const PROOF_SPREAD = 4;

/** A product's counts as social proof shows them: orders in the last 24 hours, views in the last hour. */
export interface ProofCount {
  orders: number;
  views: number;
}

/** What one visitor's new events add: the skus viewed, and each sku of each new order (once per order). */
export interface ProofEvents {
  views: readonly string[];
  orders: readonly string[];
}

/**
 * Counts per product and hour, for the products whose sku hashes to this shard (keyed by
 * `site:shard:spread`): views and orders in five-minute buckets, added exactly as the events were
 * recorded (the visitor's object already dropped repeats), kept for a day.
 */
export class ProofCounters extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private pruned = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS counts (sku TEXT NOT NULL, bucket INTEGER NOT NULL, views INTEGER NOT NULL, orders INTEGER NOT NULL, PRIMARY KEY (sku, bucket))");
  }

  add(events: ProofEvents, now: number): void {
    const bucket = Math.floor(now / BUCKET);
    this.ctx.storage.transactionSync(() => {
      for (const [skus, views, orders] of [[events.views, 1, 0], [events.orders, 0, 1]] as const) {
        for (const sku of skus) {
          this.sql.exec("INSERT INTO counts (sku, bucket, views, orders) VALUES (?, ?, ?, ?) ON CONFLICT (sku, bucket) DO UPDATE SET views = views + excluded.views, orders = orders + excluded.orders", sku, bucket, views, orders);
        }
      }
    });
    if (bucket - this.pruned >= HOUR_BUCKETS) {
      this.pruned = bucket;
      this.sql.exec("DELETE FROM counts WHERE bucket <= ?", bucket - DAY_BUCKETS);
    }
  }

  /** Orders in the last 24 hours and views in the last hour before `now`. */
  read(sku: string, now: number): ProofCount {
    const bucket = Math.floor(now / BUCKET);
    const row = this.sql.exec<{ orders: number | null; views: number | null }>("SELECT sum(orders) AS orders, sum(CASE WHEN bucket > ? THEN views ELSE 0 END) AS views FROM counts WHERE sku = ? AND bucket > ?", bucket - HOUR_BUCKETS, sku, bucket - DAY_BUCKETS).one();
    return { orders: row.orders ?? 0, views: row.views ?? 0 };
  }
}

const stub = (env: Env, site: string, sku: string, spread: number) => env.PROOF.get(env.PROOF.idFromName(`${site}:${fnv1a32(sku) % PROOF_SHARDS}:${spread}`));

/**
 * Adds a visitor's new views and orders to their products' counters, one call per shard touched.
 * @example await countProof(env, "demo", "v_12345678", { views: ["NC-100"], orders: [] }, Date.now());
 */
export async function countProof(env: Env, site: string, visitor: string, events: ProofEvents, now: number): Promise<void> {
  if (events.views.length + events.orders.length === 0) return;
  const spread = fnv1a32(visitor) % PROOF_SPREAD;
  const shards = new Map<number, { views: string[]; orders: string[] }>();
  for (const kind of ["views", "orders"] as const) {
    for (const sku of events[kind]) {
      const shard = fnv1a32(sku) % PROOF_SHARDS;
      const into = shards.get(shard) ?? shards.set(shard, { views: [], orders: [] }).get(shard)!;
      into[kind].push(sku);
    }
  }
  await Promise.all([...shards.values()].map((part) => stub(env, site, (part.views[0] ?? part.orders[0])!, spread).add(part, now)));
}

/**
 * A product's counts: the sum over the objects its counts are split over.
 * @example (await readProof(env, "demo", "NC-100", Date.now())).orders // 3
 */
export async function readProof(env: Env, site: string, sku: string, now: number): Promise<ProofCount> {
  const parts = await Promise.all(Array.from({ length: PROOF_SPREAD }, (_, spread) => stub(env, site, sku, spread).read(sku, now)));
  return parts.reduce((sum, part) => ({ orders: sum.orders + part.orders, views: sum.views + part.views }), { orders: 0, views: 0 });
}

/**
 * What a visitor's newly recorded events add to the counters: product views, and each distinct sku
 * of each purchase.
 * @example proofEvents(fresh) // { views: ["NC-100"], orders: ["NC-100", "TR-1"] }
 */
export function proofEvents(events: readonly { type: string; product?: { sku: string }; order?: { skus?: string[] } }[]): ProofEvents {
  const views: string[] = [];
  const orders: string[] = [];
  for (const event of events) {
    if (event.type === "product_view" && event.product) views.push(event.product.sku);
    if (event.type === "purchase" && event.order?.skus) orders.push(...new Set(event.order.skus));
  }
  return { views, orders };
}
