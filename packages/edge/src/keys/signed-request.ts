import type { Context } from "hono";
import type { AppEnv } from "../env";
import { apiError } from "../http/errors";
import { logEvent } from "../http/deadline";
import { keysStub } from "./site-keys";
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S, parseSignature, type SignatureHeader } from "./signature";

const HOW = 'sign with the site\'s secret: Vitrine-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>';

/**
 * Checks the `Vitrine-Signature` of a signed request on `site` against its exact body `text`, and
 * claims the signature so the same signed body is refused for the rest of its window. Answers the
 * parsed header (to give the claim back when nothing was recorded). Refuses with 401 a missing or
 * malformed header, a timestamp more than 5 minutes from the worker's clock, a site without a
 * signing secret, and a signature no live secret of this site made; with 409 a replay.
 * @example const signed = await verifySignature(c, "demo", await readText(c));
 */
export async function verifySignature(c: Context<AppEnv>, site: string, text: string, now = Date.now()): Promise<SignatureHeader> {
  const where = `${c.req.method} ${c.req.path}`;
  const refuse = (status: 401 | 409, reason: string, message: string) => {
    logEvent("warn", "signed request refused", { site, path: c.req.path, reason });
    return apiError(status, `${where}: ${message}`, [{ path: SIGNATURE_HEADER, message: reason }]);
  };
  const parsed = parseSignature(c.req.header(SIGNATURE_HEADER) ?? "");
  if (typeof parsed === "string") throw refuse(401, `malformed: ${parsed}`, `the Vitrine-Signature header is malformed (${parsed}); ${HOW}`);
  const skew = Math.round(now / 1000 - parsed.t);
  if (Math.abs(skew) > SIGNATURE_TOLERANCE_S) {
    throw refuse(401, "timestamp outside the tolerance window", `the signature's timestamp t=${parsed.t} is ${Math.abs(skew)} seconds ${skew > 0 ? "old" : "in the future"}; it must be within ${SIGNATURE_TOLERANCE_S} seconds of now — sign each request when it is sent`);
  }
  const outcome = await keysStub(c.env, site).checkSignature(parsed, text);
  if (outcome === "none") throw refuse(401, "no signing secret", `site "${site}" has no order-signing secret; make one with POST /v1/sites/${site}/keys/signing`);
  if (outcome === "forged") throw refuse(401, "signature does not match", `the signature does not match this body under any signing secret of site "${site}" (forged, another site's or a revoked secret, or the body changed after signing)`);
  if (outcome === "replayed") throw refuse(409, "replayed", `this signed body was already received; a retry must be signed again with a new timestamp (each order id still counts once)`);
  return parsed;
}
