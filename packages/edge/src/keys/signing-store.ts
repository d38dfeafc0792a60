import { CLAIM_MARGIN_MS, SIGNING_OVERLAP_S, SIGNATURE_TOLERANCE_S, claimOf, newSigningSecret, outsideWindow, signatureOf, type SignatureHeader } from "./signature";
import { sameSecret } from "./token";

/** A secret that was rotated out and still verifies until `validUntil` (ms). */
export interface RetiredSecret {
  id: string;
  validUntil: number;
}

/** What a site's signing secrets look like when listed: never the secrets themselves. */
export interface SigningInfo {
  /** The current secret: a random public id (nothing of the secret) and when it was made. */
  current: { id: string; createdAt: number; createdBy: string } | null;
  /** The most recently retired secret still verifying, if any (the first of `retired`). */
  previous: RetiredSecret | null;
  /** Every retired secret still verifying, newest first (at most `MAX_LIVE_SECRETS - 1`). */
  retired: RetiredSecret[];
}

/**
 * The outcome of checking a signature: `none` when the site has no signing secret, `stale` when
 * `t` is outside the window by the key store's own clock.
 */
export type SignatureCheck = "ok" | "none" | "forged" | "replayed" | "stale";

/** Most secrets verifying at once: the current one and two retired ones still in their hour. */
export const MAX_LIVE_SECRETS = 3;

type Row = { id: string; secret: string; created_at: number; created_by: string; valid_until: number | null };

/** 12 random hex digits: a secret's public id, which tells nothing about the secret. */
const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * A site's order-signing secrets, inside its key store (`SiteKeys`): the current one and each one
 * rotated out in the last hour, until its own hour is over (at most `MAX_LIVE_SECRETS` in all). HMAC
 * needs the secret itself, so it is kept as is, but it never leaves the key store — signatures are
 * checked here — and is answered only once, when it is made. The requests seen in the last
 * tolerance window are kept (by `claimOf`) to refuse a replay.
 */
export class SigningSecrets {
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS signing (id TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, valid_until INTEGER)");
    // Ids were once the secret's first hex digits: give such rows a random id instead.
    sql.exec("UPDATE signing SET id = lower(hex(randomblob(6))) WHERE id = substr(secret, 7, 12)");
    // `sig` holds a request's claim (`claimOf`), not one of its signatures.
    sql.exec("CREATE TABLE IF NOT EXISTS signatures (sig TEXT PRIMARY KEY, expires INTEGER NOT NULL)");
  }

  private live(now: number): Row[] {
    return this.sql.exec<Row>("SELECT * FROM signing WHERE valid_until IS NULL OR valid_until > ? ORDER BY valid_until IS NULL DESC, valid_until DESC", now).toArray();
  }

  info(now = Date.now()): SigningInfo {
    const rows = this.live(now);
    const current = rows.find((row) => row.valid_until === null);
    const retired = rows.filter((row) => row.valid_until !== null).map((row) => ({ id: row.id, validUntil: row.valid_until! }));
    return {
      current: current ? { id: current.id, createdAt: current.created_at, createdBy: current.created_by } : null,
      previous: retired[0] ?? null,
      retired,
    };
  }

  /**
   * Makes a new current secret; the old one verifies for another hour, and secrets retired before
   * keep their own hour — but only the newest `MAX_LIVE_SECRETS - 1` retired ones are kept, so a
   * third rotation within an hour ends the oldest. Answers the secret this once.
   */
  rotate(createdBy: string, now = Date.now()): { secret: string; signing: SigningInfo } {
    const secret = newSigningSecret();
    this.sql.exec("UPDATE signing SET valid_until = ? WHERE valid_until IS NULL", now + SIGNING_OVERLAP_S * 1000);
    this.sql.exec("DELETE FROM signing WHERE valid_until <= ?", now);
    this.sql.exec(
      "DELETE FROM signing WHERE id NOT IN (SELECT id FROM signing ORDER BY valid_until DESC, created_at DESC LIMIT ?)",
      MAX_LIVE_SECRETS - 1,
    );
    this.sql.exec("INSERT INTO signing (id, secret, created_at, created_by) VALUES (?, ?, ?, ?)", newId(), secret, now, createdBy);
    return { secret, signing: this.info(now) };
  }

  /** Removes every secret at once: signed orders are refused until a new one is made. */
  remove(): boolean {
    const had = this.sql.exec("SELECT 1 FROM signing").toArray().length > 0;
    this.sql.exec("DELETE FROM signing");
    return had;
  }

  /**
   * Checks `header` against `body` with every live secret (constant-time compares) and, when one
   * matches, claims the request (`t` and body, whichever `v1=` entries it carries) so it is refused
   * until well after the last moment its window could accept it.
   */
  async check(header: SignatureHeader, body: string, now = Date.now()): Promise<SignatureCheck> {
    if (outsideWindow(header.t, now)) return "stale";
    const secrets = this.live(now);
    if (secrets.length === 0) return "none";
    let matched = false;
    for (const row of secrets) {
      const expected = await signatureOf(row.secret, header.t, body);
      for (const given of header.v1) if (sameSecret(expected, given)) matched = true;
    }
    if (!matched) return "forged";
    const claim = await claimOf(header.t, body);
    // Synchronous from here: the check and the claim cannot interleave with another request.
    this.sql.exec("DELETE FROM signatures WHERE expires < ?", now);
    if (this.sql.exec("SELECT 1 FROM signatures WHERE sig = ?", claim).toArray().length > 0) return "replayed";
    this.sql.exec("INSERT INTO signatures (sig, expires) VALUES (?, ?)", claim, (header.t + SIGNATURE_TOLERANCE_S) * 1000 + CLAIM_MARGIN_MS);
    return "ok";
  }

  /** Gives a claim back (`claimOf`; its orders were not recorded), so the backend may resend the request. */
  release(claim: string): void {
    this.sql.exec("DELETE FROM signatures WHERE sig = ?", claim);
  }
}
