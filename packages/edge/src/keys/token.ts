/**
 * Site keys as strings: `vt_<site>_<id>_<secret>`. The site and id are public (they say which
 * site's key store to ask and which record to compare); the 256-bit secret is shown once, at
 * creation, and only its SHA-256 digest is stored. Site ids are slugs without `_`, ids and
 * secrets are hex, so the parts split unambiguously.
 */

const TOKEN = /^vt_([a-z0-9][a-z0-9-]{0,62})_([0-9a-f]{12})_([0-9a-f]{64})$/;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function randomHex(bytes: number): string {
  return hex(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * A new key for `site`: its public id and the full token (to show once, never to store).
 * @example const { id, token } = newKeyToken("demo"); // token: "vt_demo_3f9a…_…"
 */
export function newKeyToken(site: string): { id: string; token: string } {
  const id = randomHex(6);
  return { id, token: `vt_${site}_${id}_${randomHex(32)}` };
}

/**
 * The site and id of a well-formed key, or null for anything else (the operator token included).
 * @example parseKeyToken("vt_demo_0123456789ab_" + "0".repeat(64)) // { site: "demo", id: "0123456789ab" }
 */
export function parseKeyToken(token: string): { site: string; id: string } | null {
  const match = TOKEN.exec(token);
  return match ? { site: match[1]!, id: match[2]! } : null;
}

/**
 * SHA-256 of a string, as 64 hex characters.
 * @example await sha256Hex("abc") // "ba7816bf…"
 */
export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/**
 * Compares two strings in time that depends only on their length (digests always have the same
 * length, so nothing about a stored digest leaks through timing).
 * @example sameSecret(await sha256Hex(token), stored.hash)
 */
export function sameSecret(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

/**
 * A random secret of `bytes` bytes, hex-encoded (for preview signing).
 * @example const secret = randomSecret(32);
 */
export const randomSecret = (bytes = 32) => randomHex(bytes);
