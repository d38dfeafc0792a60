import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { Scope } from "./scopes";
import { randomSecret, sameSecret } from "./token";
import { SigningSecrets, type SignatureCheck, type SigningInfo } from "./signing-store";
import type { SignatureHeader } from "./signature";

/** A key as listed: never its secret or digest. */
export interface KeyRecord {
  id: string;
  site: string;
  name: string;
  scopes: Scope[];
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Who stored a config version (the key's name, or the operator). */
export interface Authorship {
  version: number;
  who: string;
  keyId: string | null;
  at: number;
}

type KeyRow = {
  id: string;
  site: string;
  name: string;
  scopes: string;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
  hash: string;
};

/** How often a key's "last used" time is written at most. */
const LAST_USED_EVERY_MS = 60_000;

const toRecord = (row: KeyRow): KeyRecord => ({
  id: row.id,
  site: row.site,
  name: row.name,
  scopes: row.scopes.split(",").filter(Boolean) as Scope[],
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/**
 * One site's access: its keys (SHA-256 digests only, several live at once so they can be
 * rotated), who wrote each config version, the secret that signs its preview links and the
 * secrets its backend signs trusted orders with (neither leaves the worker). One object per site, so sites never share a store.
 */
export class SiteKeys extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly signing: SigningSecrets;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS keys (id TEXT PRIMARY KEY, site TEXT NOT NULL, name TEXT NOT NULL, scopes TEXT NOT NULL, hash TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, last_used_at INTEGER, revoked_at INTEGER)",
    );
    this.sql.exec("CREATE TABLE IF NOT EXISTS authors (version INTEGER PRIMARY KEY, who TEXT NOT NULL, key_id TEXT, at INTEGER NOT NULL)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
    this.signing = new SigningSecrets(this.sql);
  }

  /** The site's order-signing secrets, listed without the secrets. */
  signingInfo(): SigningInfo {
    return this.signing.info();
  }

  /** Makes a new order-signing secret (the ones it retires verify for their hour); answered this once. */
  rotateSigning(createdBy: string): { secret: string; signing: SigningInfo } {
    return this.signing.rotate(createdBy);
  }

  /** Removes the site's order-signing secrets at once. */
  removeSigning(): boolean {
    return this.signing.remove();
  }

  /** Checks a signed orders body and claims its signature (see `SigningSecrets.check`). */
  checkSignature(header: SignatureHeader, body: string): Promise<SignatureCheck> {
    return this.signing.check(header, body);
  }

  /** Gives back the claim (`claimOf`) of a signed request whose orders were not recorded. */
  releaseSignature(claim: string): void {
    this.signing.release(claim);
  }

  /** Stores a new key by its digest. */
  create(input: { id: string; site: string; name: string; scopes: Scope[]; hash: string; createdBy: string }): KeyRecord {
    const now = Date.now();
    this.sql.exec(
      "INSERT INTO keys (id, site, name, scopes, hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      input.id,
      input.site,
      input.name,
      input.scopes.join(","),
      input.hash,
      now,
      input.createdBy,
    );
    return { id: input.id, site: input.site, name: input.name, scopes: input.scopes, createdAt: now, createdBy: input.createdBy, lastUsedAt: null, revokedAt: null };
  }

  /** Every key, newest first, revoked ones included (with the time they were revoked). */
  list(): KeyRecord[] {
    return this.sql.exec<KeyRow>("SELECT * FROM keys ORDER BY created_at DESC, id").toArray().map(toRecord);
  }

  /** Revokes a key at once; null when there is no such key. Revoking twice keeps the first time. */
  revoke(id: string): KeyRecord | null {
    this.sql.exec("UPDATE keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Date.now(), id);
    const row = this.sql.exec<KeyRow>("SELECT * FROM keys WHERE id = ?", id).toArray()[0];
    return row ? toRecord(row) : null;
  }

  /** The key with this id when its digest matches (compared in constant time) and it is not revoked. */
  verify(id: string, hash: string): KeyRecord | null {
    const row = this.sql.exec<KeyRow>("SELECT * FROM keys WHERE id = ?", id).toArray()[0];
    if (!row || !sameSecret(row.hash, hash) || row.revoked_at !== null) return null;
    const now = Date.now();
    if (row.last_used_at === null || now - row.last_used_at > LAST_USED_EVERY_MS) {
      this.sql.exec("UPDATE keys SET last_used_at = ? WHERE id = ?", now, id);
      row.last_used_at = now;
    }
    return toRecord(row);
  }

  /** Records who stored a config version. */
  noteAuthor(version: number, who: string, keyId: string | null): void {
    this.sql.exec("INSERT OR REPLACE INTO authors (version, who, key_id, at) VALUES (?, ?, ?, ?)", version, who, keyId, Date.now());
  }

  /** Who stored each config version this object knows of. */
  authors(): Authorship[] {
    return this.sql
      .exec<{ version: number; who: string; key_id: string | null; at: number }>("SELECT version, who, key_id, at FROM authors ORDER BY version DESC LIMIT 500")
      .toArray()
      .map((row) => ({ version: row.version, who: row.who, keyId: row.key_id, at: row.at }));
  }

  /** The site's preview-signing secret, made on first use. */
  previewSecret(): string {
    const found = this.sql.exec<{ value: string }>("SELECT value FROM secrets WHERE name = 'preview'").toArray()[0];
    if (found) return found.value;
    const value = randomSecret(32);
    this.sql.exec("INSERT INTO secrets (name, value) VALUES ('preview', ?)", value);
    return value;
  }
}

/**
 * The access object of one site.
 * @example const keys = await keysStub(env, "demo").list();
 */
export function keysStub(env: Env, site: string) {
  return env.KEYS.get(env.KEYS.idFromName(site));
}
