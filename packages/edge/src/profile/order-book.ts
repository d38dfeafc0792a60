/** Gaps between orders one customer adds to the site's figures at most: their latest. */
const MAX_GAPS = 50;

/** A year, for the 12-month spend behind the VIP threshold. */
const YEAR_MS = 365 * 86_400_000;

/**
 * Every order a visitor placed, by id, kept for as long as the visitor is: a purchase replayed
 * long after it left the profile's window of recent orders still counts once. Trusted orders
 * (from the shop's backend) are marked; only they make up the spend the site's figures hold for
 * this visitor (`contributed`).
 */
export class OrderBook {
  constructor(private readonly sql: SqlStorage) {}

  /** Creates the tables; the visitor's object calls it before its first write only. */
  create(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, total REAL NOT NULL, ts INTEGER NOT NULL, trusted INTEGER NOT NULL)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS contributed (k INTEGER PRIMARY KEY CHECK (k = 1), spend REAL NOT NULL)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS contributed_gaps (k INTEGER PRIMARY KEY CHECK (k = 1), days TEXT NOT NULL)");
  }

  /** Days between consecutive trusted orders, oldest first; the last MAX_GAPS of them. */
  trustedGaps(): number[] {
    const ts = this.sql.exec<{ ts: number }>("SELECT ts FROM orders WHERE trusted = 1 ORDER BY ts").toArray().map((row) => row.ts);
    return ts
      .slice(1)
      .map((t, i) => Math.round(((t - ts[i]!) / 86_400_000) * 100) / 100)
      .slice(-MAX_GAPS);
  }

  /** The gaps the site's figures hold for this visitor (the last change queued for them). */
  contributedGaps(): number[] {
    const row = this.sql.exec<{ days: string }>("SELECT days FROM contributed_gaps WHERE k = 1").toArray()[0];
    return row ? (JSON.parse(row.days) as number[]) : [];
  }

  setContributedGaps(days: readonly number[]): void {
    this.sql.exec("INSERT OR REPLACE INTO contributed_gaps (k, days) VALUES (1, ?)", JSON.stringify(days));
  }

  has(id: string): boolean {
    return this.sql.exec("SELECT 1 FROM orders WHERE id = ?", id).toArray().length > 0;
  }

  /** A trusted order's total and time as recorded, or undefined when the order is not trusted. */
  trusted(id: string): { total: number; ts: number } | undefined {
    return this.sql.exec<{ total: number; ts: number }>("SELECT total, ts FROM orders WHERE id = ? AND trusted = 1", id).toArray()[0];
  }

  isTrusted(id: string): boolean {
    return this.trusted(id) !== undefined;
  }

  /** Records an order; a browser-reported one later confirmed by the backend becomes trusted. */
  add(id: string, total: number, ts: number, trusted: boolean): void {
    this.sql.exec(
      "INSERT INTO orders (id, total, ts, trusted) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET trusted = max(trusted, excluded.trusted), total = CASE WHEN excluded.trusted = 1 THEN excluded.total ELSE total END",
      id,
      total,
      ts,
      trusted ? 1 : 0,
    );
  }

  /** The 12-month spend of trusted orders only: browser reports are hints and never count here. */
  trustedSpend(now: number): number {
    const sum = this.sql.exec<{ s: number | null }>("SELECT sum(total) AS s FROM orders WHERE trusted = 1 AND ts >= ?", now - YEAR_MS).one().s ?? 0;
    return Math.round(sum * 100) / 100;
  }

  /** The spend the site's figures hold for this visitor (the last change queued for them). */
  contributed(): number {
    return this.sql.exec<{ spend: number }>("SELECT spend FROM contributed WHERE k = 1").toArray()[0]?.spend ?? 0;
  }

  setContributed(spend: number): void {
    this.sql.exec("INSERT OR REPLACE INTO contributed (k, spend) VALUES (1, ?)", spend);
  }

  /** The site's figures no longer hold this visitor's spend. */
  forgetSpend(): void {
    this.setContributed(0);
    this.setContributedGaps([]);
  }
}
