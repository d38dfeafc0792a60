import type { Context } from "hono";
import type { SiteConfig } from "@vitrine/shared/schema";
import { apiError } from "./errors";

/**
 * Browser calls must come from one of the site's configured origins (or the worker's own).
 * Refused before anything is read or stored; allowed ones get CORS headers on the response.
 * @example allowOrigin(c, config); // throws 403 for an origin the site did not list
 */
export function allowOrigin(c: Context, config: SiteConfig): void {
  const origin = c.req.header("origin");
  if (!origin) return; // server-to-server and same-origin navigations send none
  const own = new URL(c.req.url).origin;
  if (origin !== own && !allowed(config).has(normalize(origin))) {
    throw apiError(403, `${c.req.method} ${c.req.path}: origin ${origin} is not allowed for site "${config.site}"; add it to the config's origins`);
  }
  c.header("access-control-allow-origin", origin);
  c.header("vary", "Origin");
}

/** `https://Shop.example:443` and `https://shop.example` are one origin. */
function normalize(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}

const normalized = new WeakMap<SiteConfig, Set<string>>();
/** The config's origins, normalized once per cached config. */
function allowed(config: SiteConfig): Set<string> {
  let set = normalized.get(config);
  if (!set) normalized.set(config, (set = new Set(config.origins.map(normalize))));
  return set;
}

/**
 * Preflight answer for the public endpoints; the origin itself is checked on the real request.
 * @example app.options("/v1/decide", preflight);
 */
export function preflight(c: Context): Response {
  const origin = c.req.header("origin") ?? "*";
  return c.body(null, 204, {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": "content-type",
    "access-control-max-age": "86400",
    vary: "Origin",
  });
}
