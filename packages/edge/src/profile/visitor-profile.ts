import { DurableObject } from "cloudflare:workers";
import { foldEventsInto, spendWithin, type FoldContext } from "@vitrine/shared";
import { readProfile, type Event, type Profile, type TrustedOrder } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { Assignments, type Assignment, type ExperimentFacts } from "./assignments";

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

export interface IngestResult extends ExperimentFacts {
  /**
   * The profile as JSON, null when the visitor has never sent an event. A string crosses the
   * Durable Object boundary for less than a structured clone of the object costs; the caller
   * parses it once.
   */
  profileJson: string | null;
  accepted: number;
  duplicates: number;
}

/**
 * One visitor's state: compact aggregates (bounded, see PROFILE_LIMITS), a bounded window of
 * event ids, and the visitor's experiment arms, in this object's SQLite storage. Keyed by
 * `site:visitor`.
 *
 * Purchases the browser reports shape this visitor's own traits only. The site's statistics
 * (the p90s every visitor is judged against) take trusted orders from the shop's backend, so
 * no client can move them; `reported` remembers which orders and how much spend went there.
 */
export class VisitorProfile extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly arms: Assignments;
  /**
   * The stored profile, parsed and checked once (`readProfile`) and kept in memory: this object
   * is its only writer. Dropped whenever a write fails, so memory never runs ahead of storage.
   */
  private profile: Profile | null | undefined;
  /** Writes since the seen-id window was last trimmed. */
  private writes = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.createTables();
    this.arms = new Assignments(this.sql);
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
   * Also answers the visitor's experiment arms and what the new events mean for them.
   */
  ingest(events: Event[], context: IngestContext): IngestResult {
    const knownOrders = new Set(this.load()?.orders.map((order) => order.id));
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
    if (fresh.length === 0) return { profileJson: this.json(), accepted: 0, duplicates, ...this.arms.facts([]) };
    const body = this.update(() => {
      const after = foldEventsInto(this.load(), fresh, context);
      const json = JSON.stringify(after);
      this.ctx.storage.transactionSync(() => this.write(json, fresh));
      this.profile = after;
      return json;
    });
    return { profileJson: body, accepted: fresh.length, duplicates, ...this.arms.facts(fresh) };
  }

  /**
   * Records orders from the shop's backend: folds those the browser did not already report into
   * the profile, and returns what the site statistics must add — each order once, however often
   * it is sent, with the spend this visitor last contributed replaced by the new figure — and
   * the visitor's exposures, to credit the orders to experiment arms.
   */
  recordTrustedOrders(orders: TrustedOrder[], context: IngestContext): { accepted: number; duplicates: number; orders: NewOrders | null; fresh: TrustedOrder[]; exposures: Assignment[] } {
    const exposures = this.arms.all().filter((arm) => arm.exposedAt !== null);
    const fresh = orders.filter((order, i) => !this.reported(order.id) && orders.findIndex((o) => o.id === order.id) === i);
    if (fresh.length === 0) return { accepted: 0, duplicates: orders.length, orders: null, fresh, exposures };
    const known = new Set(this.load()?.orders.map((order) => order.id));
    const events = fresh
      .filter((order) => !known.has(order.id))
      .map((order): Event => ({
        id: `order:${order.id}`,
        type: "purchase",
        ts: Math.min(order.ts ?? context.now, context.now),
        order: { id: order.id, total: order.total, currency: order.currency, coupon: order.coupon, skus: order.skus },
      }));
    const spendBefore = this.sql.exec<{ v: number }>("SELECT v FROM meta WHERE k = 'reportedSpend'").toArray()[0]?.v ?? 0;
    const spendAfter = this.update(() => {
      const before = this.load();
      const after = events.length ? foldEventsInto(before, events, context) : before;
      const spend = after ? spendWithin(after, context.now) : 0;
      const body = after && events.length ? JSON.stringify(after) : undefined;
      this.ctx.storage.transactionSync(() => {
        if (body) this.write(body, events);
        for (const order of fresh) this.sql.exec("INSERT INTO reported (id) VALUES (?)", order.id);
        this.sql.exec("INSERT OR REPLACE INTO meta (k, v) VALUES ('reportedSpend', ?)", spend);
      });
      if (body) this.profile = after;
      return spend;
    });
    return { accepted: fresh.length, duplicates: orders.length - fresh.length, orders: { totals: fresh.map((order) => order.total), spendBefore, spendAfter }, fresh, exposures };
  }

  /**
   * Stores arms given for the first time and marks exposures; answers the exposures that are new
   * (each experiment exposes a visitor once), with the visitor's 12-month spend before it.
   */
  enroll(assigned: { id: string; arm: string }[], exposed: string[], now: number): { exposed: Assignment[]; preSpend: number } {
    const profile = this.load();
    const preSpend = profile ? spendWithin(profile, now) : 0;
    return { exposed: this.arms.record(assigned, exposed, now), preSpend };
  }

  /** The stored profile, or null for a visitor never seen. */
  read(): Profile | null {
    return this.load();
  }

  /** The stored profile as JSON, or null for a visitor never seen. */
  readJson(): string | null {
    return this.json();
  }

  /** The profile and the visitor's arms, for a decide that records nothing: one round trip. */
  snapshot(): IngestResult {
    return { profileJson: this.json(), accepted: 0, duplicates: 0, ...this.arms.facts([]) };
  }

  /**
   * Forgets the visitor entirely (privacy deletion) and answers the spend they had contributed to
   * the site's figures, for the caller to take out.
   */
  async erase(): Promise<{ spend: number }> {
    const spend = this.sql.exec<{ v: number }>("SELECT v FROM meta WHERE k = 'reportedSpend'").toArray()[0]?.v ?? 0;
    await this.ctx.storage.deleteAll();
    this.profile = null;
    this.createTables();
    this.arms.create();
    return { spend };
  }

  /** Runs a write; on any failure the in-memory copy is dropped and re-read from storage next time. */
  private update<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      this.profile = undefined;
      throw error;
    }
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

  /**
   * The profile, read and checked once, then kept. Folding changes the kept object in place (a
   * copy would cost more than the fold); `update` drops it when the write does not commit.
   */
  private load(): Profile | null {
    if (this.profile === undefined) {
      const body = this.sql.exec<{ body: string }>("SELECT body FROM profile WHERE k = 1").toArray()[0]?.body;
      this.profile = body === undefined ? null : readProfile(body);
    }
    return this.profile;
  }

  private json(): string | null {
    const profile = this.load();
    return profile === null ? null : JSON.stringify(profile);
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
