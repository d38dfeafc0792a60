import type { PreviewClaims } from "./claims";

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const raw = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  return Uint8Array.from(raw, (char) => char.charCodeAt(0));
}

/**
 * The HMAC-SHA-256 key for a site's preview secret (hex).
 * @example const key = await hmacKey(await keysStub(env, site).previewSecret());
 */
export function hmacKey(secretHex: string): Promise<CryptoKey> {
  const bytes = Uint8Array.from(secretHex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/**
 * A preview token: the claims as base64url JSON, a dot, and their HMAC. Short-lived by its
 * `expires`; only the worker, which holds the site's secret, can make or check one.
 * @example const token = await signPreview(key, { site: "demo", as: { segment: "big-spenders" }, label: "Big spenders", expires: Date.now() + 1_800_000 });
 */
export async function signPreview(key: CryptoKey, claims: PreviewClaims): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
  return `${payload}.${base64url(signature)}`;
}

/**
 * The site a token claims, read without checking it (to know whose secret checks it).
 * @example claimedSite(token) // "demo"
 */
export function claimedSite(token: string): string | null {
  try {
    const bytes = fromBase64url(token.split(".")[0] ?? "");
    const site = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as { site?: unknown }).site : null;
    return typeof site === "string" ? site : null;
  } catch {
    return null;
  }
}

/**
 * The claims of a token whose signature holds (checked in constant time by WebCrypto) and which
 * has not expired; otherwise why not.
 * @example const checked = await verifyPreview(key, token, Date.now()); if ("claims" in checked) …
 */
export async function verifyPreview(key: CryptoKey, token: string, now: number): Promise<{ claims: PreviewClaims } | { refused: "malformed" | "forged" | "expired" }> {
  const [payload = "", signature = "", extra] = token.split(".");
  const signatureBytes = fromBase64url(signature);
  if (extra !== undefined || !payload || !signatureBytes || token.length > 4096) return { refused: "malformed" };
  if (!(await crypto.subtle.verify("HMAC", key, signatureBytes, encoder.encode(payload)))) return { refused: "forged" };
  const claims = JSON.parse(new TextDecoder().decode(fromBase64url(payload)!)) as PreviewClaims;
  if (!(claims.expires > now)) return { refused: "expired" };
  return { claims };
}
