import type { FigureChange } from "../stats/site-stats";

/** A change to the site's figures waiting for delivery, numbered per visitor. */
export interface PendingChange {
  seq: number;
  change: FigureChange;
}

/**
 * The visitor's outbox to the site's figures: a change is written in the same transaction as the
 * order or erasure that causes it, then delivered (at once, or by alarm after a failure) and
 * applied by `SiteStats` exactly once thanks to its per-visitor sequence number. The numbering
 * survives an erasure, so a negative change after it is never mistaken for an old one.
 */
export class Outbox {
  /** Whether changes wait for delivery, once known: this object is the table's only writer. */
  private waiting: boolean | undefined;

  constructor(private readonly sql: SqlStorage) {}

  /** Creates the tables; the visitor's object calls it before its first write only. */
  create(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS outbox_seq (k INTEGER PRIMARY KEY CHECK (k = 1), seq INTEGER NOT NULL)");
  }

  /** The last number given (0 before the first change). */
  lastSeq(): number {
    return this.sql.exec<{ seq: number }>("SELECT seq FROM outbox_seq WHERE k = 1").toArray()[0]?.seq ?? 0;
  }

  /** Queues a change; call inside the transaction that records its cause. */
  add(change: FigureChange, after = this.lastSeq()): number {
    const seq = after + 1;
    this.sql.exec("INSERT INTO outbox (seq, body) VALUES (?, ?)", seq, JSON.stringify(change));
    this.sql.exec("INSERT OR REPLACE INTO outbox_seq (k, seq) VALUES (1, ?)", seq);
    this.waiting = true;
    return seq;
  }

  /** Whether any change waits for delivery (a query only the first time). */
  hasPending(): boolean {
    this.waiting ??= this.sql.exec("SELECT 1 FROM outbox LIMIT 1").toArray().length > 0;
    return this.waiting;
  }

  /** Forgets what it knows in memory; the next question reads storage. */
  reset(): void {
    this.waiting = undefined;
  }

  pending(): PendingChange[] {
    return this.sql
      .exec<{ seq: number; body: string }>("SELECT seq, body FROM outbox ORDER BY seq")
      .toArray()
      .map((row) => ({ seq: row.seq, change: JSON.parse(row.body) as FigureChange }));
  }

  /** Drops changes the site's figures have acknowledged. */
  delivered(upTo: number): void {
    this.sql.exec("DELETE FROM outbox WHERE seq <= ?", upTo);
    this.waiting = undefined;
  }
}
