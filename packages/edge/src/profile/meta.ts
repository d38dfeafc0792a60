/**
 * Small facts about a visitor's object (who it is, the retention period, an erasure, the last
 * decide) in its SQLite table `meta`, read once per instance and then answered from memory: the
 * object is the table's only writer. `reset` drops the copy when a transaction did not commit.
 */
export class Meta {
  private values: Map<string, string> | undefined;

  constructor(private readonly sql: SqlStorage) {}

  /** Creates the table; the visitor's object calls it before its first write only. */
  create(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
  }

  get(k: string): string | undefined {
    return this.all().get(k);
  }

  /** Writes a value; writes nothing when it is already stored. */
  set(k: string, v: string): void {
    const values = this.all();
    if (values.get(k) === v) return;
    this.sql.exec("INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)", k, v);
    values.set(k, v);
  }

  /** Deletes every value (inside the caller's transaction). */
  clear(): void {
    this.sql.exec("DELETE FROM meta");
    this.values = new Map();
  }

  /** Forgets the copy in memory; the next read goes to storage. */
  reset(): void {
    this.values = undefined;
  }

  private all(): Map<string, string> {
    this.values ??= new Map(this.sql.exec<{ k: string; v: string }>("SELECT k, v FROM meta").toArray().map((row) => [row.k, row.v]));
    return this.values;
  }
}
