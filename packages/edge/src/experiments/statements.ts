import type { ParsedExperimentMessage } from "./message-schema";

/**
 * The UTC date of a time, as results group days.
 * @example utcDay(Date.UTC(2026, 0, 5, 23, 59)) // "2026-01-05"
 */
export function utcDay(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

/**
 * Each write is keyed as the contract says, so a redelivered message changes nothing: the first
 * exposure and the first cart add of a visitor stand; an order is stored once, except that the
 * shop's trusted record of it replaces a browser-reported one (a hint never outranks the books).
 */
const SQL = {
  exposure: "INSERT OR IGNORE INTO exposures (site, experiment, visitor, arm, ts, day, pre_spend) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  conversion:
    "INSERT INTO conversions (site, experiment, order_id, visitor, arm, revenue, ts, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) " +
    "ON CONFLICT (site, experiment, order_id) DO UPDATE SET visitor = excluded.visitor, arm = excluded.arm, revenue = excluded.revenue, ts = excluded.ts, source = excluded.source " +
    "WHERE conversions.source = 'browser' AND excluded.source = 'trusted'",
  action: "INSERT OR IGNORE INTO actions (site, experiment, visitor, action, arm, ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
} as const;

/**
 * Prepares the writes of a batch of messages, one statement each, for a single `D1.batch()`.
 * @example await db.batch(resultStatements(db, [{ kind: "exposure", site: "demo", experiment: "hero-test", arm: "b", visitor: "v_12345678", ts: Date.now(), preSpend: 0 }]))
 */
export function resultStatements(db: D1Database, messages: readonly ParsedExperimentMessage[]): D1PreparedStatement[] {
  const prepared = new Map<keyof typeof SQL, D1PreparedStatement>();
  const statement = (kind: keyof typeof SQL) => {
    let found = prepared.get(kind);
    if (!found) prepared.set(kind, (found = db.prepare(SQL[kind])));
    return found;
  };
  return messages.map((m) => {
    switch (m.kind) {
      case "exposure":
        return statement("exposure").bind(m.site, m.experiment, m.visitor, m.arm, m.ts, utcDay(m.ts), m.preSpend);
      case "conversion":
        return statement("conversion").bind(m.site, m.experiment, m.order, m.visitor, m.arm, m.revenue, m.ts, m.source);
      case "action":
        return statement("action").bind(m.site, m.experiment, m.visitor, m.action, m.arm, m.ts);
    }
  });
}
