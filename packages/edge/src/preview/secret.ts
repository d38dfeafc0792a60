import type { Env } from "../env";
import { apiError } from "../http/errors";
import { keysStub } from "../keys/site-keys";
import type { PreviewClaims } from "./claims";
import { claimedSite, hmacKey, verifyPreview } from "./token";

/** A site's preview-signing key, kept per isolate for a minute (the secret never changes on its own). */
const keys = new Map<string, { key: Promise<CryptoKey>; expires: number }>();

/**
 * The HMAC key that signs and checks `site`'s preview links (its secret lives in the site's keys object).
 * @example const token = await signPreview(await previewKey(env, "demo"), claims);
 */
export function previewKey(env: Env, site: string, now = Date.now()): Promise<CryptoKey> {
  const hit = keys.get(site);
  if (hit && hit.expires > now) return hit.key;
  const key = keysStub(env, site).previewSecret().then(hmacKey);
  keys.set(site, { key, expires: now + 60_000 });
  key.catch(() => keys.delete(site));
  return key;
}

const WORDS = { malformed: "is not a preview link", forged: "was not signed by this worker", expired: "has expired" };

/**
 * The claims of a preview token for `site`, or a 403 naming what is wrong with it.
 * @example const claims = await checkPreview(env, "demo", c.req.query("vt_preview")!, "POST /v1/decide");
 */
export async function checkPreview(env: Env, site: string, token: string, where: string, now = Date.now()): Promise<PreviewClaims> {
  const refuse = (why: string) => apiError(403, `${where}: the preview link ${why}; open a new preview from the console`, [{ path: "vt_preview", message: why }]);
  const claimed = claimedSite(token);
  if (claimed === null) throw refuse(WORDS.malformed);
  if (claimed !== site) throw refuse(`is not for site "${site}"`);
  const checked = await verifyPreview(await previewKey(env, site, now), token, now);
  if ("refused" in checked) throw refuse(WORDS[checked.refused]);
  return checked.claims;
}
