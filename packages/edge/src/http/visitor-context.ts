import type { Context } from "hono";
import { isbot } from "isbot";

/** What the edge knows about the request beyond its body. */
export interface VisitorContext {
  bot: boolean;
  /** Global Privacy Control (`Sec-GPC: 1`): nothing is stored. */
  gpc: boolean;
  geo: { country?: string; timezone?: string };
}

/**
 * Reads bot status, GPC and geography from the request. `request.cf` is filled by Cloudflare
 * (and by local workerd with a placeholder); the IP address is never read.
 * @example const { bot, gpc, geo } = visitorContext(c);
 */
export function visitorContext(c: Context): VisitorContext {
  const cf = (c.req.raw as { cf?: { country?: unknown; timezone?: unknown } }).cf;
  const geo: VisitorContext["geo"] = {};
  if (typeof cf?.country === "string" && /^[A-Z]{2}$/.test(cf.country)) geo.country = cf.country;
  if (typeof cf?.timezone === "string" && cf.timezone.length < 64) geo.timezone = cf.timezone;
  return {
    bot: isbot(c.req.header("user-agent") ?? ""),
    gpc: c.req.header("sec-gpc") === "1",
    geo,
  };
}
