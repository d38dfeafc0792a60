/**
 * The offer pools a visitor drew a single-use code from, in their object's SQLite table
 * `drawn_pools`: erasure and retention forget the visitor in exactly these pools, whatever the
 * site's config says now (an offer removed since still holds the code). A row goes only once its
 * pool has forgotten the visitor, so a failed forget is tried again.
 */
export class DrawnPools {
  constructor(private readonly sql: SqlStorage) {}

  /** Creates the table; the visitor's object calls it before its first write only. */
  create(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS drawn_pools (pool TEXT PRIMARY KEY)");
  }

  add(pool: string): void {
    this.sql.exec("INSERT OR IGNORE INTO drawn_pools (pool) VALUES (?)", pool);
  }

  all(): string[] {
    return this.sql.exec<{ pool: string }>("SELECT pool FROM drawn_pools").toArray().map((row) => row.pool);
  }

  remove(pool: string): void {
    this.sql.exec("DELETE FROM drawn_pools WHERE pool = ?", pool);
  }
}
