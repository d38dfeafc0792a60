import type { Context, MiddlewareHandler } from "hono";
import type { SiteConfig } from "@vitrine/shared/schema";
import { apiError } from "./errors";

/**
 * Browser calls must come from one of the site's configured origins (or the worker's own).
 * Refused before anything is read or stored. The CORS headers themselves are set by `publicCors`.
 * @example allowOrigin(c, config); // throws 403 for an origin the site did not list
 */
export function allowOrigin(c: Context, config: SiteConfig): void {
  const origin = c.req.header("origin");
  if (!origin) return; // server-to-server and same-origin navigations send none
  const own = new URL(c.req.url).origin;
  if (origin !== own && !allowed(config).has(normalize(origin))) {
    throw apiError(403, `${c.req.method} ${c.req.path}: origin ${origin} is not allowed for site "${config.site}"; add it to the config's origins`, [
      { path: "origin", message: `${origin} is not among site "${config.site}"'s origins` },
    ]);
  }
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

/** Adds `value` to a comma-separated `Vary` without repeating it. */
function appendVary(headers: Headers, value: string): void {
  const current = headers.get("vary");
  if (!current) return headers.set("vary", value);
  const parts = current.split(",").map((part) => part.trim().toLowerCase());
  if (!parts.includes(value.toLowerCase()) && !parts.includes("*")) headers.set("vary", `${current}, ${value}`);
}

/**
 * CORS for the public endpoints, in one place: answers preflights, and after the route has run
 * lets the calling origin read the answer. A success only happens for an allowed origin
 * (`allowOrigin`, which needs the site's config, refuses the rest with 403); errors, the 403
 * included, are readable too, since they hold no data and tell the snippet to drop what no retry
 * can fix. Never used on admin routes.
 * @example app.use("/v1/decide", publicCors);
 */
export const publicCors: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header("origin");
  if (c.req.method === "OPTIONS") {
    return c.body(null, 204, {
      "access-control-allow-origin": origin ?? "*",
      "access-control-allow-methods": "POST, OPTIONS",
      "access-control-allow-headers": "content-type",
      "access-control-max-age": "86400",
      vary: "Origin",
    });
  }
  await next();
  if (!origin) return;
  // Error answers may be frozen: copy before setting headers.
  c.res = new Response(c.res.body, c.res);
  c.res.headers.set("access-control-allow-origin", origin);
  // So the snippet can wait as long as a 429 or 503 asks.
  c.res.headers.set("access-control-expose-headers", "retry-after");
  appendVary(c.res.headers, "Origin");
};
