/** Event ids remembered for de-duplication; retries arrive within minutes, this covers weeks of visits. */
export const SEEN_IDS_KEPT = 5000;
/** How many flushes pass between trims of the window. */
const TRIM_EVERY = 8;
/** Bound parameters per statement: SQLite allows 100 here. */
const IDS_PER_INSERT = 100;

/**
 * The window of event ids a visitor's object has accepted, answered from memory once read: asking
 * whether an id was seen costs no query.
 *
 * The ids live in two places. Those of events already in the profile's snapshot are rows of the
 * SQLite table `seen`; those of the tail's events are in the tail's rows already (each row holds
 * its events), so a page view writes no id row at all. When the event log writes a snapshot, the
 * tail's ids move to `seen` in the same transaction (`flush`). Reading the window reads both. The
 * window is trimmed to about SEEN_IDS_KEPT ids now and then, in storage and in memory alike (both
 * keep insertion order).
 */
export class SeenIds {
  private ids: Set<string> | undefined;
  /** Ids accepted since the last flush: in the tail's rows, not yet in `seen`. */
  private pending: string[] = [];
  private flushes = 0;

  /** @param tailIds the ids of the events in the tail's rows, oldest first */
  constructor(
    private readonly sql: SqlStorage,
    private readonly tailIds: () => string[],
  ) {}

  /** Creates the table; the visitor's object calls it before its first write only. */
  create(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS seen (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE)");
  }

  has(id: string): boolean {
    return this.window().has(id);
  }

  /** Remembers ids whose events were just appended to the tail (inside the caller's transaction): memory only. */
  add(ids: readonly string[]): void {
    const window = this.window();
    for (const id of ids) {
      if (window.has(id)) continue;
      window.add(id);
      this.pending.push(id);
    }
  }

  /** Writes the tail's ids to `seen` (inside the transaction that writes the snapshot and empties the tail). */
  flush(): void {
    this.window();
    const ids = this.pending;
    if (ids.length === 0) return;
    for (let i = 0; i < ids.length; i += IDS_PER_INSERT) {
      const part = ids.slice(i, i + IDS_PER_INSERT);
      this.sql.exec(`INSERT OR IGNORE INTO seen (id) VALUES ${part.map(() => "(?)").join(",")}`, ...part);
    }
    this.pending = [];
    this.flushes += 1;
    if (this.flushes % TRIM_EVERY === 0) this.trim();
  }

  /** Deletes every id (inside the caller's transaction). */
  clear(): void {
    this.sql.exec("DELETE FROM seen");
    this.ids = new Set();
    this.pending = [];
  }

  /** Forgets the copy in memory; the next question reads storage. */
  reset(): void {
    this.ids = undefined;
    this.pending = [];
  }

  /** Keeps the newest SEEN_IDS_KEPT ids of `seen` (the tail's stay: they are few, and in its rows). */
  private trim(): void {
    const window = this.window();
    if (window.size <= SEEN_IDS_KEPT) return;
    const last = this.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM seen").one().seq ?? 0;
    this.sql.exec("DELETE FROM seen WHERE seq <= ?", last - SEEN_IDS_KEPT);
    let extra = window.size - SEEN_IDS_KEPT;
    for (const id of window) {
      if (extra-- <= 0) break;
      window.delete(id);
    }
  }

  private window(): Set<string> {
    if (this.ids === undefined) {
      this.ids = new Set(this.sql.exec<{ id: string }>("SELECT id FROM seen ORDER BY seq").toArray().map((row) => row.id));
      this.pending = this.tailIds().filter((id) => !this.ids!.has(id));
      for (const id of this.pending) this.ids.add(id);
    }
    return this.ids;
  }
}
