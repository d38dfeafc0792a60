import { DurableObject } from "cloudflare:workers";
import { foldEventsInto, spendWithin, type FoldContext } from "@vitrine/shared";
import type { Event, Profile } from "@vitrine/shared/schema";
import type { Env } from "../env";

/** Event ids remembered for de-duplication; retries arrive within minutes, this covers weeks of visits. */
export const SEEN_IDS_KEPT = 5000;
/** How many writes pass between trims of the seen-id window. */
const TRIM_EVERY = 50;

export interface IngestContext extends FoldContext {
  now: number;
}

/** A purchase the site statistics have not seen yet, with the customer's 12-month spend around it. */
export interface NewOrders {
  totals: number[];
  spendBefore: number;
  spendAfter: number;
}

export interface IngestResult {
  /**
   * The profile as JSON, null when the visitor has never sent an event. A string crosses the
   * Durable Object boundary for less than a structured clone of the object costs.
   */
  profileJson: string | null;
  accepted: number;
  duplicates: number;
  orders: NewOrders | null;
}

/**
 * One visitor's state: compact aggregates (bounded, see PROFILE_LIMITS) plus a bounded window of
 * event ids, in this object's SQLite storage. Keyed by `site:visitor`.
 */
export class VisitorProfile extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  /**
   * The stored profile's JSON, kept in memory once read (this object is its only writer). Each
   * call parses its own copy, so nothing handed out is ever changed afterwards.
   */
  private body: string | null | undefined;
  /** Writes since the seen-id window was last trimmed. */
  private writes = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.createTables();
  }

  private createTables(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS profile (k INTEGER PRIMARY KEY CHECK (k = 1), body TEXT NOT NULL)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS seen (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE)");
  }

  /**
   * Folds the events it has not seen before into the profile, in one transaction. Events whose id
   * was seen, or purchases of an order already recorded, count as duplicates and change nothing.
   */
  ingest(events: Event[], context: IngestContext): IngestResult {
    const before = this.load();
    const knownOrders = new Set(before?.orders.map((order) => order.id));
    const seen = this.seenAmong(events.map((event) => event.id));
    const fresh: Event[] = [];
    for (const event of events) {
      const orderId = event.type === "purchase" ? event.order?.id : undefined;
      if (seen.has(event.id) || (orderId !== undefined && knownOrders.has(orderId))) continue;
      seen.add(event.id);
      if (orderId !== undefined) knownOrders.add(orderId);
      fresh.push(event);
    }
    const duplicates = events.length - fresh.length;
    if (fresh.length === 0) return { profileJson: this.body ?? null, accepted: 0, duplicates, orders: null };

    const spendBefore = before ? spendWithin(before, context.now) : 0;
    const after = foldEventsInto(before, fresh, context);
    const body = JSON.stringify(after);
    this.ctx.storage.transactionSync(() => {
      this.sql.exec("INSERT OR REPLACE INTO profile (k, body) VALUES (1, ?)", body);
      this.sql.exec(`INSERT INTO seen (id) VALUES ${fresh.map(() => "(?)").join(",")}`, ...fresh.map((event) => event.id));
      // Trimming now and then keeps the window near SEEN_IDS_KEPT at a fraction of the cost.
      this.writes += 1;
      if (this.writes % TRIM_EVERY === 1) {
        const last = this.sql.exec<{ seq: number }>("SELECT max(seq) AS seq FROM seen").one().seq;
        this.sql.exec("DELETE FROM seen WHERE seq <= ?", last - SEEN_IDS_KEPT);
      }
    });
    this.body = body;

    const totals = fresh.flatMap((event) => (event.type === "purchase" && event.order ? [event.order.total] : []));
    const orders = totals.length
      ? { totals, spendBefore, spendAfter: spendWithin(after, context.now) }
      : null;
    return { profileJson: body, accepted: fresh.length, duplicates, orders };
  }

  /** The stored profile, or null for a visitor never seen. */
  read(): Profile | null {
    return this.load();
  }

  /** The stored profile as JSON, or null for a visitor never seen. */
  readJson(): string | null {
    this.load();
    return this.body ?? null;
  }

  /** Forgets the visitor entirely (privacy deletion). */
  async erase(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.body = null;
    this.createTables();
  }

  private load(): Profile | null {
    if (this.body === undefined) {
      this.body = this.sql.exec<{ body: string }>("SELECT body FROM profile WHERE k = 1").toArray()[0]?.body ?? null;
    }
    return this.body === null ? null : (JSON.parse(this.body) as Profile);
  }

  /** Which of these ids were seen before (one query; a batch holds at most 100 ids). */
  private seenAmong(ids: string[]): Set<string> {
    if (ids.length === 0) return new Set();
    const rows = this.sql.exec<{ id: string }>(`SELECT id FROM seen WHERE id IN (${ids.map(() => "?").join(",")})`, ...ids).toArray();
    return new Set(rows.map((row) => row.id));
  }
}

/** The Durable Object stub of one visitor on one site. */
export function visitorStub(env: Env, site: string, visitor: string) {
  return env.VISITORS.get(env.VISITORS.idFromName(`${site}:${visitor}`));
}
