import type { Event } from "@vitrine/shared/schema";

/** One experiment (or holdout) arm a visitor was given, and when they first saw what it changes. */
export interface Assignment {
  experiment: string;
  arm: string;
  assignedAt: number;
  exposedAt: number | null;
}

/** What a visitor's experiments need to know after an ingest: their arms, and new purchases and cart adds to credit. */
export interface ExperimentFacts {
  assignments: Assignment[];
  purchases: { order: string; revenue: number; ts: number }[];
  cartAddedAt: number | null;
}

/**
 * A visitor's experiment arms in their Durable Object's SQLite: the first arm given is kept for
 * good (weights, traffic share and new arms never move a visitor), and each experiment exposes
 * the visitor once.
 */
export class Assignments {
  /** The stored arms, once read: this object is the table's only writer. */
  private arms: Assignment[] | undefined;

  constructor(private readonly sql: SqlStorage) {}

  /** Creates the tables; the visitor's object calls it before its first write only. */
  create(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS arms (experiment TEXT PRIMARY KEY, arm TEXT NOT NULL, assigned_at INTEGER NOT NULL, exposed_at INTEGER)");
  }

  /** The stored arms (copies: callers may keep them across calls). */
  all(): Assignment[] {
    this.arms ??= this.sql
      .exec<{ experiment: string; arm: string; assigned_at: number; exposed_at: number | null }>("SELECT experiment, arm, assigned_at, exposed_at FROM arms")
      .toArray()
      .map((row) => ({ experiment: row.experiment, arm: row.arm, assignedAt: row.assigned_at, exposedAt: row.exposed_at }));
    return this.arms.map((arm) => ({ ...arm }));
  }

  /** Deletes every arm (inside the caller's transaction). */
  clear(): void {
    this.sql.exec("DELETE FROM arms");
    this.arms = [];
  }

  /** Forgets the copy in memory; the next read goes to storage. */
  reset(): void {
    this.arms = undefined;
  }

  /** The arms, and what the freshly accepted events mean for them. */
  facts(fresh: readonly Event[]): ExperimentFacts {
    const purchases = fresh.flatMap((event) => (event.type === "purchase" && event.order ? [{ order: event.order.id, revenue: event.order.total, ts: event.ts }] : []));
    const carts = fresh.filter((event) => event.type === "add_to_cart").map((event) => event.ts);
    return { assignments: this.all(), purchases, cartAddedAt: carts.length ? Math.min(...carts) : null };
  }

  /**
   * Stores arms not stored yet (a stored arm is never replaced) and marks exposures; answers the
   * assignments exposed by this call, each experiment once.
   */
  record(assigned: readonly { id: string; arm: string }[], exposed: readonly string[], now: number): Assignment[] {
    this.arms = undefined; // read again after this write
    for (const { id, arm } of assigned) this.sql.exec("INSERT OR IGNORE INTO arms (experiment, arm, assigned_at) VALUES (?, ?, ?)", id, arm, now);
    const newly: Assignment[] = [];
    for (const id of exposed) {
      const row = this.sql.exec<{ arm: string; assigned_at: number }>("UPDATE arms SET exposed_at = ? WHERE experiment = ? AND exposed_at IS NULL RETURNING arm, assigned_at", now, id).toArray()[0];
      if (row) newly.push({ experiment: id, arm: row.arm, assignedAt: row.assigned_at, exposedAt: now });
    }
    return newly;
  }
}
