import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { apiError } from "./errors";
import { authenticate } from "../keys/principal";
import { scopeFor } from "../keys/scopes";
import { SIGNATURE_HEADER } from "../keys/signature";

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/** `/v1/sites/<site>/<resource>/…` → its site and resource (empty strings when absent). */
function target(path: string): { site: string; resource: string } {
  const [, , , site = "", resource = ""] = path.split("/");
  return { site, resource };
}

/**
 * Admin endpoints need `Authorization: Bearer <key>`: a site key (`vt_<site>_…`, made in the
 * console or with `node scripts/keys.mjs create`) that belongs to the site in the path and
 * carries the scope the endpoint needs (see `keys/scopes.ts`), or the operator token
 * (`ADMIN_TOKEN`, every site and scope, for bootstrapping and tools). Keys are stored as
 * SHA-256 digests and compared in constant time. No key → 401; a valid key on another site, or
 * without the scope → 403. The caller is kept as `c.get("principal")`. `POST …/orders` with a
 * `Vitrine-Signature` header is the exception: its signature, not a key, decides.
 * @example app.use("/v1/sites/*", adminAuth);
 */
export const adminAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const where = `${c.req.method} ${c.req.path}`;
  // A signed trusted-orders request is judged by its signature, in its route (routes/admin/orders.ts).
  if (c.req.method === "POST" && target(c.req.path).resource === "orders" && c.req.header(SIGNATURE_HEADER) !== undefined) return next();
  const token = BEARER.exec(c.req.header("authorization") ?? "")?.[1];
  if (!token) throw apiError(401, `${where}: a valid "Authorization: Bearer <site key>" header is required`, [{ path: "authorization", message: "no bearer key" }]);
  const principal = await authenticate(c.env, token);
  if (!principal) throw apiError(401, `${where}: the key is not valid (unknown, revoked or mistyped); sign in again with a current key`, [{ path: "authorization", message: "invalid or revoked key" }]);
  const { site, resource } = target(c.req.path);
  if (!principal.operator) {
    if (site === "") throw apiError(403, `${where}: only the operator token may create sites`, [{ path: "authorization", message: "operator only" }]);
    if (site !== principal.site) {
      throw apiError(403, `${where}: key "${principal.name}" belongs to site "${principal.site}" and cannot act on site "${site}"`, [{ path: "authorization", message: `a key of site "${principal.site}"` }]);
    }
    const scope = scopeFor(c.req.method, resource);
    if (scope === null) throw apiError(403, `${where}: only the operator token may do this`, [{ path: "authorization", message: "operator only" }]);
    if (scope !== "any" && !principal.scopes.includes(scope)) {
      throw apiError(403, `${where}: key "${principal.name}" lacks the scope "${scope}"`, [{ path: "authorization", message: `needs scope ${scope}` }]);
    }
  }
  c.set("principal", principal);
  await next();
};
