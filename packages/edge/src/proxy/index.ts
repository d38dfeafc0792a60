import type { MiddlewareHandler } from "hono";
import type { AppEnv, Env } from "../env";
import { SAME_ORIGIN_PREFIX } from "./handoff";
import { proxiedSite } from "./hosts";
import { servePage } from "./page";
import { executionContext } from "../http/execution-context";
import { sameOrigin } from "./same-origin";

export { publishProxyHosts, proxiedSite, hostKey } from "./hosts";
export { SAME_ORIGIN_PREFIX } from "./handoff";

/** What the middleware dispatches `/_vt/v1/*` to: the worker's own app. */
interface Dispatcher {
  fetch(request: Request, env: Env, ctx?: ExecutionContext): Response | Promise<Response>;
}

/**
 * Proxy mode. A request whose host a site's config lists under `proxy.hosts` is that shop's:
 * `/_vt/v1/{sdk.js,decide,collect}` are the worker's own routes on the shop's origin, everything
 * else goes to `proxy.origin` and comes back (personalized when it is a page). Any other host is
 * the worker's own and goes on to its routes. Mounted first, so a shop's own `/v1/…` paths reach
 * the shop.
 * @example app.use("*", proxyMode(() => app));
 */
export function proxyMode(app: () => Dispatcher): MiddlewareHandler<AppEnv> {
  /** Requests this middleware hands to the app itself, which must not be proxied again. */
  const inner = new WeakSet<Request>();
  return async (c, next) => {
    if (inner.has(c.req.raw)) return next();
    const url = new URL(c.req.url);
    const shop = await proxiedSite(c.env, url);
    if (!shop) return next();
    if (url.pathname.startsWith(SAME_ORIGIN_PREFIX + "/")) {
      return sameOrigin(c, (request) => {
        inner.add(request);
        return app().fetch(request, c.env, executionContext(c));
      });
    }
    return servePage(c, shop);
  };
}
