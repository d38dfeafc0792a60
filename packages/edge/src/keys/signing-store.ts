import { SIGNING_OVERLAP_S, SIGNATURE_TOLERANCE_S, newSigningSecret, signatureOf, type SignatureHeader } from "./signature";
import { sameSecret } from "./token";

/** What a site's signing secret looks like when listed: never the secret itself. */
export interface SigningInfo {
  /** The current secret: its public id (the first hex digits after `vtsig_`) and when it was made. */
  current: { id: string; createdAt: number; createdBy: string } | null;
  /** The secret it replaced, still verifying until `validUntil` (ms) after a rotation. */
  previous: { id: string; validUntil: number } | null;
}

/** The outcome of checking a signature: `none` when the site has no signing secret. */
export type SignatureCheck = "ok" | "none" | "forged" | "replayed";

type Row = { id: string; secret: string; created_at: number; created_by: string; valid_until: number | null };

const idOf = (secret: string) => secret.slice(6, 18);

/**
 * A site's order-signing secrets, inside its key store (`SiteKeys`): the current one and, for an
 * hour after a rotation, the one before. HMAC needs the secret itself, so it is kept as is, but it
 * never leaves the key store — signatures are checked here — and is answered only once, when it is
 * made. The signatures seen in the last tolerance window are kept to refuse a replay.
 */
export class SigningSecrets {
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS signing (id TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, valid_until INTEGER)");
    sql.exec("CREATE TABLE IF NOT EXISTS signatures (sig TEXT PRIMARY KEY, expires INTEGER NOT NULL)");
  }

  private live(now: number): Row[] {
    return this.sql.exec<Row>("SELECT * FROM signing WHERE valid_until IS NULL OR valid_until > ? ORDER BY valid_until IS NULL DESC", now).toArray();
  }

  info(now = Date.now()): SigningInfo {
    const rows = this.live(now);
    const current = rows.find((row) => row.valid_until === null);
    const previous = rows.find((row) => row.valid_until !== null);
    return {
      current: current ? { id: current.id, createdAt: current.created_at, createdBy: current.created_by } : null,
      previous: previous ? { id: previous.id, validUntil: previous.valid_until! } : null,
    };
  }

  /** Makes a new current secret; the old one verifies for another hour. Answers the secret this once. */
  rotate(createdBy: string, now = Date.now()): { secret: string; signing: SigningInfo } {
    const secret = newSigningSecret();
    this.sql.exec("DELETE FROM signing WHERE valid_until IS NOT NULL");
    this.sql.exec("UPDATE signing SET valid_until = ? WHERE valid_until IS NULL", now + SIGNING_OVERLAP_S * 1000);
    this.sql.exec("INSERT INTO signing (id, secret, created_at, created_by) VALUES (?, ?, ?, ?)", idOf(secret), secret, now, createdBy);
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
   * matches, claims the signature so the same signed body is refused for the rest of its window.
   */
  async check(header: SignatureHeader, body: string, now = Date.now()): Promise<SignatureCheck> {
    const secrets = this.live(now);
    if (secrets.length === 0) return "none";
    let matched: string | null = null;
    for (const row of secrets) {
      const expected = await signatureOf(row.secret, header.t, body);
      for (const given of header.v1) if (sameSecret(expected, given)) matched = expected;
    }
    if (matched === null) return "forged";
    // Synchronous from here: the check and the claim cannot interleave with another request.
    this.sql.exec("DELETE FROM signatures WHERE expires < ?", now);
    if (this.sql.exec("SELECT 1 FROM signatures WHERE sig = ?", matched).toArray().length > 0) return "replayed";
    this.sql.exec("INSERT INTO signatures (sig, expires) VALUES (?, ?)", matched, (header.t + SIGNATURE_TOLERANCE_S) * 1000);
    return "ok";
  }

  /** Gives a claimed signature back (its orders were not recorded), so the backend may resend it. */
  release(header: SignatureHeader): void {
    for (const sig of header.v1) this.sql.exec("DELETE FROM signatures WHERE sig = ?", sig);
  }
}
