import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/** How a pool stands: codes uploaded, handed out, and left. */
export interface PoolStatus {
  total: number;
  assigned: number;
  left: number;
}

/**
 * One offer's pool of single-use coupon codes (keyed by `site:pool`), in this object's SQLite
 * storage. A code goes to exactly one visitor and stays theirs: `claim` answers the visitor's
 * code if they have one, else hands them the next free one. The object runs one call at a time
 * and `claim` does its read and write without awaiting, so concurrent decides never get the same
 * code; the unique index on `visitor` holds it in storage too.
 */
export class OfferCodes extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, visitor TEXT UNIQUE, at INTEGER)");
  }

  /** Adds codes to the pool; a code already in it (handed out or not) is kept as it is. */
  add(codes: readonly string[]): PoolStatus & { added: number } {
    const before = this.status().total;
    this.ctx.storage.transactionSync(() => {
      for (const code of codes) this.sql.exec("INSERT OR IGNORE INTO codes (code) VALUES (?)", code);
    });
    const status = this.status();
    return { ...status, added: status.total - before };
  }

  /** The visitor's code: the one they were given before, else the next free one; null when the pool is used up. */
  claim(visitor: string, now: number): string | null {
    return this.draw(visitor, now).code;
  }

  /** Like `claim`, and whether the code was handed to the visitor just now (`first`). */
  draw(visitor: string, now: number): { code: string | null; first: boolean } {
    const kept = this.peek(visitor);
    if (kept) return { code: kept, first: false };
    const row = this.sql.exec<{ code: string }>("UPDATE codes SET visitor = ?, at = ? WHERE code = (SELECT code FROM codes WHERE visitor IS NULL ORDER BY rowid LIMIT 1) RETURNING code", visitor, now).toArray()[0];
    return { code: row?.code ?? null, first: row !== undefined };
  }

  /** The code the visitor was given before, if any. */
  peek(visitor: string): string | null {
    return this.sql.exec<{ code: string }>("SELECT code FROM codes WHERE visitor = ?", visitor).toArray()[0]?.code ?? null;
  }

  /** Gives a deleted visitor's code up: it stays spent (never handed to anyone else), but no longer names them. */
  forget(visitor: string): void {
    this.sql.exec("UPDATE codes SET visitor = ? WHERE visitor = ?", `forgotten:${crypto.randomUUID()}`, visitor);
  }

  status(): PoolStatus {
    const row = this.sql.exec<{ total: number; assigned: number }>("SELECT count(*) AS total, count(visitor) AS assigned FROM codes").one();
    return { total: row.total, assigned: row.assigned, left: row.total - row.assigned };
  }
}

/**
 * The pool `pool` of `site`.
 * @example const code = await poolStub(env, "demo", "vip-codes").claim("v_12345678", Date.now());
 */
export function poolStub(env: Env, site: string, pool: string) {
  return env.OFFER_CODES.get(env.OFFER_CODES.idFromName(`${site}:${pool}`));
}
