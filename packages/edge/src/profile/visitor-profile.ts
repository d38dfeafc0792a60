import { DurableObject } from "cloudflare:workers";
import { foldEventsInto, spendWithin, type FoldContext } from "@vitrine/shared";
import type { Event, Profile, TrustedOrder } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { siteStatsStub } from "../stats/site-stats";

/** Event ids remembered for de-duplication; retries arrive within minutes, this covers weeks of visits. */
export const SEEN_IDS_KEPT = 5000;
/** How many writes pass between trims of the seen-id window. */
const TRIM_EVERY = 50;

export interface IngestContext extends FoldContext {
  now: number;
}

/** Trusted orders the site statistics have not seen yet, with the customer's 12-month spend around them. */
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
}

/**
 * One visitor's state: compact aggregates (bounded, see PROFILE_LIMITS) plus a bounded window of
 * event ids, in this object's SQLite storage. Keyed by `site:visitor`.
 *
 * Purchases the browser reports shape this visitor's own traits only. The site's statistics
 * (the p90s every visitor is judged against) take trusted orders from the shop's backend, so
 * no client can move them; `reported` remembers which orders and how much spend went there.
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
    this.sql.exec("CREATE TABLE IF NOT EXISTS reported (id TEXT PRIMARY KEY)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v REAL NOT NULL)");
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
    if (fresh.length === 0) return { profileJson: this.body ?? null, accepted: 0, duplicates };
    const body = JSON.stringify(foldEventsInto(before, fresh, context));
    this.ctx.storage.transactionSync(() => this.write(body, fresh));
    this.body = body;
    return { profileJson: body, accepted: fresh.length, duplicates };
  }

  /**
   * Records orders from the shop's backend: folds those the browser did not already report into
   * the profile, and returns what the site statistics must add — each order once, however often
   * it is sent, with the spend this visitor last contributed replaced by the new figure.
   */
  recordTrustedOrders(orders: TrustedOrder[], context: IngestContext): { accepted: number; duplicates: number; orders: NewOrders | null } {
    const fresh = orders.filter((order, i) => !this.reported(order.id) && orders.findIndex((o) => o.id === order.id) === i);
    if (fresh.length === 0) return { accepted: 0, duplicates: orders.length, orders: null };
    const before = this.load();
    const known = new Set(before?.orders.map((order) => order.id));
    const events = fresh
      .filter((order) => !known.has(order.id))
      .map((order): Event => ({
        id: `order:${order.id}`,
        type: "purchase",
        ts: Math.min(order.ts ?? context.now, context.now),
        order: { id: order.id, total: order.total, currency: order.currency, coupon: order.coupon, skus: order.skus },
      }));
    const after = events.length ? foldEventsInto(before, events, context) : before;
    const spendBefore = this.sql.exec<{ v: number }>("SELECT v FROM meta WHERE k = 'reportedSpend'").toArray()[0]?.v ?? 0;
    const spendAfter = after ? spendWithin(after, context.now) : 0;
    const body = after && events.length ? JSON.stringify(after) : undefined;
    this.ctx.storage.transactionSync(() => {
      if (body) this.write(body, events);
      for (const order of fresh) this.sql.exec("INSERT INTO reported (id) VALUES (?)", order.id);
      this.sql.exec("INSERT OR REPLACE INTO meta (k, v) VALUES ('reportedSpend', ?)", spendAfter);
    });
    if (body) this.body = body;
    return { accepted: fresh.length, duplicates: orders.length - fresh.length, orders: { totals: fresh.map((order) => order.total), spendBefore, spendAfter } };
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

  /** Forgets the visitor entirely (privacy deletion), including their share of the site's spend figures. */
  async erase(site: string): Promise<void> {
    const spend = this.sql.exec<{ v: number }>("SELECT v FROM meta WHERE k = 'reportedSpend'").toArray()[0]?.v ?? 0;
    if (spend > 0) await siteStatsStub(this.env, site).forgetCustomer(spend);
    await this.ctx.storage.deleteAll();
    this.body = null;
    this.createTables();
  }

  /** Writes the profile and remembers the events' ids; callers wrap it in their transaction. */
  private write(body: string, events: readonly Event[]): void {
    this.sql.exec("INSERT OR REPLACE INTO profile (k, body) VALUES (1, ?)", body);
    // A batch holds at most 100 events: within the 100 bound parameters SQLite allows here.
    this.sql.exec(`INSERT OR IGNORE INTO seen (id) VALUES ${events.map(() => "(?)").join(",")}`, ...events.map((event) => event.id));
    // Trimming now and then keeps the window near SEEN_IDS_KEPT at a fraction of the cost.
    this.writes += 1;
    if (this.writes % TRIM_EVERY === 1) {
      const last = this.sql.exec<{ seq: number }>("SELECT max(seq) AS seq FROM seen").one().seq;
      this.sql.exec("DELETE FROM seen WHERE seq <= ?", last - SEEN_IDS_KEPT);
    }
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

  private reported(orderId: string): boolean {
    return this.sql.exec("SELECT 1 FROM reported WHERE id = ?", orderId).toArray().length > 0;
  }
}

/**
 * The Durable Object stub of one visitor on one site.
 * @example const profile = await visitorStub(env, "demo", visitor).read();
 */
export function visitorStub(env: Env, site: string, visitor: string) {
  return env.VISITORS.get(env.VISITORS.idFromName(`${site}:${visitor}`));
}
