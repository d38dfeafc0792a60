/** Event ids remembered for de-duplication; retries arrive within minutes, this covers weeks of visits. */
export const SEEN_IDS_KEPT = 5000;
/** How many writes pass between trims of the window. */
const TRIM_EVERY = 50;

/**
 * The window of event ids a visitor's object has accepted, in its SQLite table `seen` and, once
 * read, in memory: asking whether an id was seen costs no query. The window is trimmed to about
 * SEEN_IDS_KEPT ids now and then, in storage and in memory alike (both keep insertion order).
 */
export class SeenIds {
  private ids: Set<string> | undefined;
  private writes = 0;

  constructor(private readonly sql: SqlStorage) {}

  /** Creates the table; the visitor's object calls it before its first write only. */
  create(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS seen (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE)");
  }

  has(id: string): boolean {
    return this.window().has(id);
  }

  /** Remembers ids not seen before (inside the caller's transaction); a batch holds at most 100. */
  add(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const window = this.window();
    // At most 100 ids: within the 100 bound parameters SQLite allows here.
    this.sql.exec(`INSERT OR IGNORE INTO seen (id) VALUES ${ids.map(() => "(?)").join(",")}`, ...ids);
    for (const id of ids) window.add(id);
    this.writes += 1;
    if (this.writes % TRIM_EVERY !== 0 || window.size <= SEEN_IDS_KEPT) return;
    const last = this.sql.exec<{ seq: number }>("SELECT max(seq) AS seq FROM seen").one().seq;
    this.sql.exec("DELETE FROM seen WHERE seq <= ?", last - SEEN_IDS_KEPT);
    let extra = window.size - SEEN_IDS_KEPT;
    for (const id of window) {
      if (extra-- <= 0) break;
      window.delete(id);
    }
  }

  /** Deletes every id (inside the caller's transaction). */
  clear(): void {
    this.sql.exec("DELETE FROM seen");
    this.ids = new Set();
  }

  /** Forgets the copy in memory; the next question reads storage. */
  reset(): void {
    this.ids = undefined;
  }

  private window(): Set<string> {
    this.ids ??= new Set(this.sql.exec<{ id: string }>("SELECT id FROM seen ORDER BY seq").toArray().map((row) => row.id));
    return this.ids;
  }
}
