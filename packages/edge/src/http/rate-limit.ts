import type { Context } from "hono";
import { fnv1a32 } from "@vitrine/shared";
import type { AppEnv } from "../env";
import { apiError } from "./errors";
import { logEvent } from "./deadline";

/** Seconds a refused client is told to wait: the limiters' period. */
export const RATE_LIMIT_RETRY_S = 10;

/**
 * Refuses a flood with 429 and Retry-After: one visitor of one site (30 requests per 10 s), and
 * one client address on one site (300 per 10 s, generous for shoppers behind one NAT). The
 * address is only hashed into the limiter's key, never stored. Without the bindings (or with
 * RATE_LIMITS="off") nothing is limited.
 * @example await rateLimit(c, body.site, body.visitor);
 */
export async function rateLimit(c: Context<AppEnv>, site: string, visitor: string): Promise<void> {
  const { VISITOR_LIMIT, RATE_LIMITS } = c.env;
  if (RATE_LIMITS === "off") return;
  const [byVisitor, byAddress] = await Promise.all([VISITOR_LIMIT?.limit({ key: `${site}:${visitor}` }), byAddressOf(c, site)]);
  const which = byVisitor?.success === false ? "visitor" : byAddress?.success === false ? "address" : null;
  if (!which) return;
  logEvent("warn", "rate limit refused a request", { site, by: which, path: c.req.path });
  throw apiError(429, `${c.req.method} ${c.req.path}: too many requests from this ${which}; wait ${RATE_LIMIT_RETRY_S} seconds`, [{ path: which === "visitor" ? "visitor" : "(rate)", message: `over the ${which} limit` }], undefined, {
    "retry-after": String(RATE_LIMIT_RETRY_S),
  });
}

/**
 * The address limiter's key: the site and a hash of the address (the address itself is never kept).
 * @example addressKey("demo", "203.0.113.7") // "demo:1x3k9b"
 */
export const addressKey = (site: string, address: string) => `${site}:${fnv1a32(address).toString(36)}`;

/** The address limiter's answer for this request's client on `site` (undefined: nothing to ask). */
function byAddressOf(c: Context<AppEnv>, site: string): Promise<RateLimitOutcome> | undefined {
  const address = c.req.header("cf-connecting-ip");
  return address && c.env.ADDRESS_LIMIT ? c.env.ADDRESS_LIMIT.limit({ key: addressKey(site, address) }) : undefined;
}

/**
 * Whether this client address is within the address limit on `site` (300 per 10 s, counted with
 * its collect and decide calls). Proxied pages ask it: over the limit a page is passed through as
 * the origin sent it — nothing decided, recorded or set — never refused, so the shop stays up.
 * @example if (!(await withinAddressLimit(c, site))) return originPage;
 */
export async function withinAddressLimit(c: Context<AppEnv>, site: string): Promise<boolean> {
  if (c.env.RATE_LIMITS === "off") return true;
  const outcome = await byAddressOf(c, site);
  if (outcome?.success !== false) return true;
  logEvent("warn", "rate limit: proxied page passed through unpersonalized", { site, by: "address", path: c.req.path });
  return false;
}
