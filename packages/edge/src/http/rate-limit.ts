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
  const { VISITOR_LIMIT, ADDRESS_LIMIT, RATE_LIMITS } = c.env;
  if (RATE_LIMITS === "off") return;
  const address = c.req.header("cf-connecting-ip");
  const [byVisitor, byAddress] = await Promise.all([
    VISITOR_LIMIT?.limit({ key: `${site}:${visitor}` }),
    address && ADDRESS_LIMIT ? ADDRESS_LIMIT.limit({ key: `${site}:${fnv1a32(address).toString(36)}` }) : undefined,
  ]);
  const which = byVisitor?.success === false ? "visitor" : byAddress?.success === false ? "address" : null;
  if (!which) return;
  logEvent("warn", "rate limit refused a request", { site, by: which, path: c.req.path });
  throw apiError(429, `${c.req.method} ${c.req.path}: too many requests from this ${which}; wait ${RATE_LIMIT_RETRY_S} seconds`, [{ path: which === "visitor" ? "visitor" : "(rate)", message: `over the ${which} limit` }], undefined, {
    "retry-after": String(RATE_LIMIT_RETRY_S),
  });
}
