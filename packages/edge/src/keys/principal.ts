import type { Env } from "../env";
import { SCOPES, type Scope } from "./scopes";
import { keysStub } from "./site-keys";
import { parseKeyToken, sameSecret, sha256Hex } from "./token";

/** Who is calling an admin endpoint: a site key, or the operator (`ADMIN_TOKEN`, every site and scope). */
export interface Principal {
  operator: boolean;
  /** The key's site; `"*"` for the operator. */
  site: string;
  /** The key's id; null for the operator. */
  keyId: string | null;
  /** The key's name, written into the config history as "who". */
  name: string;
  scopes: readonly Scope[];
}

/**
 * How long an isolate trusts what a site's key store said about a key. A revocation takes effect
 * at once on the isolate that made it and within this many seconds on every other one.
 */
export const KEY_CACHE_SECONDS = 5;

const MAX_CACHED = 1_000;
const cache = new Map<string, { principal: Principal | null; expires: number }>();

const OPERATOR: Principal = { operator: true, site: "*", keyId: null, name: "operator", scopes: SCOPES };

/**
 * The principal a bearer token stands for, or null when it is no valid key (wrong, unknown,
 * revoked) and not the operator token. Both comparisons run in constant time.
 * @example const who = await authenticate(env, "vt_demo_…"); // { site: "demo", scopes: [...] }
 */
export async function authenticate(env: Env, token: string, now = Date.now()): Promise<Principal | null> {
  const hash = await sha256Hex(token);
  if (env.ADMIN_TOKEN && sameSecret(hash, await sha256Hex(env.ADMIN_TOKEN))) return OPERATOR;
  const parsed = parseKeyToken(token);
  if (!parsed) return null;
  const hit = cache.get(hash);
  if (hit && hit.expires > now) return hit.principal;
  const record = await keysStub(env, parsed.site).verify(parsed.id, hash);
  const principal: Principal | null = record && record.site === parsed.site ? { operator: false, site: record.site, keyId: record.id, name: record.name, scopes: record.scopes } : null;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(hash, { principal, expires: now + KEY_CACHE_SECONDS * 1000 });
  return principal;
}

/**
 * Drops what this isolate remembers about a key (after revoking it here).
 * @example forgetKey("0123456789ab");
 */
export function forgetKey(keyId: string): void {
  for (const [hash, entry] of cache) if (entry.principal?.keyId === keyId) cache.delete(hash);
}
