import type { Context } from "hono";
import type { AppEnv } from "../env";
import { apiError } from "../http/errors";
import { logEvent } from "../http/deadline";
import { keysStub } from "./site-keys";
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S, outsideWindow, parseSignature, type SignatureHeader } from "./signature";

const HOW = 'sign with the site\'s secret: Vitrine-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>';

/**
 * Checks the `Vitrine-Signature` of a signed request on `site` against its exact body `text`, and
 * claims the request so the same signed body is refused for the rest of its window. Answers the
 * parsed header (to give the claim back when nothing was recorded). Refuses with 401 a missing or
 * malformed header, a timestamp more than 5 minutes from the worker's clock (or the key store's),
 * and a signature no live secret of this site made — with the same words whether the site has no
 * secret at all, so a caller without one learns nothing about which sites sign; with 409 a replay.
 * @example const signed = await verifySignature(c, "demo", await readText(c));
 */
export async function verifySignature(c: Context<AppEnv>, site: string, text: string, now = Date.now()): Promise<SignatureHeader> {
  const where = `${c.req.method} ${c.req.path}`;
  // `logged` may say more than the answer: logs are the operator's, answers the caller's.
  const refuse = (status: 401 | 409, reason: string, message: string, logged = reason) => {
    logEvent("warn", "signed request refused", { site, path: c.req.path, reason: logged });
    return apiError(status, `${where}: ${message}`, [{ path: SIGNATURE_HEADER, message: reason }]);
  };
  const parsed = parseSignature(c.req.header(SIGNATURE_HEADER) ?? "");
  if (typeof parsed === "string") throw refuse(401, `malformed: ${parsed}`, `the Vitrine-Signature header is malformed (${parsed}); ${HOW}`);
  const stale = (at: number) => {
    const skew = at / 1000 - parsed.t;
    const seconds = Number(Math.abs(skew).toFixed(3));
    return refuse(401, "timestamp outside the tolerance window", `the signature's timestamp t=${parsed.t} is ${seconds} seconds ${skew > 0 ? "old" : "in the future"}; it must be within ${SIGNATURE_TOLERANCE_S} seconds of now — sign each request when it is sent`);
  };
  if (outsideWindow(parsed.t, now)) throw stale(now);
  const outcome = await keysStub(c.env, site).checkSignature(parsed, text);
  if (outcome === "stale") throw stale(Date.now());
  if (outcome === "none" || outcome === "forged") {
    throw refuse(
      401,
      "signature does not match",
      `the signature does not match this body under any signing secret of site "${site}" (no secret made yet, a removed or expired one, another site's, forged, or the body changed after signing)`,
      outcome === "none" ? "no signing secret" : "signature does not match",
    );
  }
  if (outcome === "replayed") throw refuse(409, "replayed", `this signed body is in progress or was already received; a retry must be signed again with a new timestamp (each order id still counts once)`);
  return parsed;
}
