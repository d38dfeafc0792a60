/** Event ids remembered for de-duplication; retries arrive within minutes, this covers weeks of visits. */
export const SEEN_IDS_KEPT = 5000;
/** How far past SEEN_IDS_KEPT the window may grow before a flush trims it (a trim is one DELETE). */
export const SEEN_IDS_SLACK = 500;
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
 * window is trimmed to the newest SEEN_IDS_KEPT ids whenever a flush finds it SEEN_IDS_SLACK past that,
 * in storage and in memory alike (both keep insertion order).
 */
export class SeenIds {
  private ids: Set<string> | undefined;
  /** Ids accepted since the last flush: in the tail's rows, not yet in `seen`. */
  private pending: string[] = [];

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
    if (this.window().size > SEEN_IDS_KEPT + SEEN_IDS_SLACK) this.trim();
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

  /** Keeps the newest SEEN_IDS_KEPT ids (called right after a flush: every id is in `seen`). */
  private trim(): void {
    const window = this.window();
    // By count, not by seq arithmetic: the window in memory holds exactly the table's rows here.
    this.sql.exec("DELETE FROM seen WHERE seq < (SELECT seq FROM seen ORDER BY seq DESC LIMIT 1 OFFSET ?)", SEEN_IDS_KEPT - 1);
    let extra = window.size - SEEN_IDS_KEPT;
    for (const id of window) {
      if (extra-- <= 0) break;
      window.delete(id);
    }
  }

  private window(): Set<string> {
    if (this.ids === undefined) {
      const ids = new Set(this.sql.exec<{ id: string }>("SELECT id FROM seen ORDER BY seq").toArray().map((row) => row.id));
      const pending: string[] = [];
      // The tail may name an id twice (a trusted order's `order:<id>` after a page sent the same id).
      for (const id of this.tailIds()) {
        if (ids.has(id)) continue;
        ids.add(id);
        pending.push(id);
      }
      this.ids = ids;
      this.pending = pending;
    }
    return this.ids;
  }
}
