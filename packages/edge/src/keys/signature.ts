/**
 * Signed trusted orders: a shop's backend signs the body of `POST /v1/sites/:site/orders` with
 * its site's signing secret instead of sending a key. The header is
 * `Vitrine-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`; several
 * `v1=` entries may be sent (while a secret is being rotated).
 */

/** The header that carries a signature. */
export const SIGNATURE_HEADER = "vitrine-signature";

/** How far (seconds) a signature's timestamp may lie from the worker's clock, either way. */
export const SIGNATURE_TOLERANCE_S = 300;

/** How long (seconds) the previous secret still verifies after a rotation, so a backend can switch over. */
export const SIGNING_OVERLAP_S = 3_600;

/**
 * How long (ms) past its window a claimed signature is still remembered: the worker and the key
 * store read different clocks, so a claim outlives the last moment either could accept it.
 */
export const CLAIM_MARGIN_MS = 60_000;

/** Most `v1=` entries one header may carry. */
const MAX_SIGNATURES = 4;

const PAIR = /^(t|v1)=([0-9a-f]+)$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** A parsed `Vitrine-Signature` header. */
export interface SignatureHeader {
  t: number;
  v1: string[];
}

/**
 * Parses the header, or says what is wrong with it (one sentence, for a 401's issue).
 * @example parseSignature("t=1764547200,v1=" + "ab".repeat(32)) // { t: 1764547200, v1: ["abab…"] }
 */
export function parseSignature(header: string): SignatureHeader | string {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const match = PAIR.exec(part.trim());
    if (!match) return `"${part.trim().slice(0, 40)}" is not t=<unix seconds> or v1=<64 hex digits>`;
    if (match[1] === "t") {
      if (t !== null) return "t= appears more than once";
      if (!/^[0-9]{1,12}$/.test(match[2]!)) return "t= must be whole seconds since the Unix epoch";
      t = Number(match[2]);
    } else {
      if (!HEX64.test(match[2]!)) return "v1= must be 64 lowercase hex digits (HMAC-SHA256)";
      v1.push(match[2]!);
    }
  }
  if (t === null) return "t=<unix seconds> is missing";
  if (v1.length === 0) return "v1=<hex HMAC-SHA256> is missing";
  if (v1.length > MAX_SIGNATURES) return `at most ${MAX_SIGNATURES} v1= entries`;
  return { t, v1 };
}

/**
 * Whether a signature made at `t` (unix seconds) is outside the tolerance window at `now` (ms),
 * compared exactly: 300.001 seconds either way is outside.
 * @example outsideWindow(1764547200, 1764547200_000 + 300_001) // true
 */
export function outsideWindow(t: number, now: number): boolean {
  return Math.abs(now - t * 1000) > SIGNATURE_TOLERANCE_S * 1000;
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The hex HMAC-SHA256 of `t + "." + body` under `secret` (the secret string's UTF-8 bytes are the key).
 * @example await signatureOf("vtsig_…", 1764547200, '{"orders":[]}') // "5f0c…"
 */
export async function signatureOf(secret: string, t: number, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(`${t}.${body}`)));
}

/**
 * What a signed request is remembered by to refuse its replay: the hex SHA-256 of `t + "." + body`,
 * the very bytes every `v1=` entry signs — so a header split into its entries is the same request.
 * @example await claimOf(1764547200, '{"orders":[]}') // "9a4f…"
 */
export async function claimOf(t: number, body: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${t}.${body}`)));
}

/**
 * The whole header for a body, as a shop's backend would send it (tests and tools).
 * @example headers["vitrine-signature"] = await signHeader(secret, body);
 */
export async function signHeader(secret: string, body: string, t = Math.floor(Date.now() / 1000)): Promise<string> {
  return `t=${t},v1=${await signatureOf(secret, t, body)}`;
}

/**
 * A new signing secret: `vtsig_` and 64 hex digits (256 bits).
 * @example newSigningSecret() // "vtsig_9c1e…"
 */
export function newSigningSecret(): string {
  return `vtsig_${Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
