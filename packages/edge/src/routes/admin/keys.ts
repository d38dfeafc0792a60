import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { readBody } from "../../http/body";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";
import { CreateKeyRequest, createKey } from "../../keys/create";
import { forgetKey } from "../../keys/principal";
import { SCOPES, SCOPE_WORDS } from "../../keys/scopes";
import { keysStub } from "../../keys/site-keys";

/**
 * A site's keys (scope `keys:manage`): `GET /v1/sites/:site/keys` → `{site, keys, scopes}`;
 * `POST …/keys {name, scopes}` → `201 {token, key}` (the token is shown this once);
 * `DELETE …/keys/:id` → the revoked key. A key never grants a scope it lacks itself.
 * The order-signing secret: `POST …/keys/signing` → `201 {site, secret, signing}` (made or
 * rotated; the secret is shown this once, each one it retires verifies for its own hour, three live
 * at most), `GET …/keys/signing` → `{site, signing}` (random ids and times only), `DELETE …/keys/signing` removes it.
 * @example
 * curl -X POST $EDGE/v1/sites/demo/keys -H "authorization: Bearer $ADMIN_TOKEN" \
 *   -d '{"name":"Shop backend","scopes":["orders:write"]}'
 */
export const keys = new Hono<AppEnv>()
  .get("/", async (c) => {
    const site = pathParam(c, "site");
    return c.json({ site, keys: await keysStub(c.env, site).list(), scopes: SCOPES.map((scope) => ({ scope, words: SCOPE_WORDS[scope] })) });
  })
  .post("/", async (c) => {
    const site = pathParam(c, "site");
    const body = await readBody(c, CreateKeyRequest);
    const principal = c.get("principal");
    const beyond = principal.operator ? [] : body.scopes.filter((scope) => !principal.scopes.includes(scope));
    if (beyond.length > 0) {
      throw apiError(403, `POST ${c.req.path}: key "${principal.name}" cannot grant scopes it lacks: ${beyond.join(", ")}`, [{ path: "scopes", message: `cannot grant ${beyond.join(", ")}` }]);
    }
    const made = await createKey(c.env, site, body, principal.name);
    c.header("cache-control", "no-store");
    return c.json(made, 201);
  })
  .get("/signing", async (c) => {
    const site = pathParam(c, "site");
    return c.json({ site, signing: await keysStub(c.env, site).signingInfo() });
  })
  .post("/signing", async (c) => {
    const site = pathParam(c, "site");
    const principal = c.get("principal");
    const made = await keysStub(c.env, site).rotateSigning(principal.operator ? "operator" : principal.name);
    c.header("cache-control", "no-store");
    return c.json({ site, ...made }, 201);
  })
  .delete("/signing", async (c) => {
    const site = pathParam(c, "site");
    const removed = await keysStub(c.env, site).removeSigning();
    if (!removed) throw apiError(404, `DELETE ${c.req.path}: site "${site}" has no signing secret`, [{ path: "signing", message: "no signing secret" }]);
    return c.json({ site, removed: true });
  })
  .delete("/:id", async (c) => {
    const site = pathParam(c, "site");
    const id = c.req.param("id");
    const revoked = /^[0-9a-f]{12}$/.test(id) ? await keysStub(c.env, site).revoke(id) : null;
    if (!revoked) throw apiError(404, `DELETE ${c.req.path}: site "${site}" has no key "${id}"`, [{ path: "id", message: "no such key" }]);
    forgetKey(id);
    return c.json({ revoked: true, key: revoked });
  });

/**
 * `GET /v1/sites/:site/whoami` → who the key is: `{site, name, scopes, operator, keyId}` (any
 * valid key of the site; the console signs in with it).
 * @example curl $EDGE/v1/sites/demo/whoami -H "authorization: Bearer $KEY"
 */
export const whoami = new Hono<AppEnv>().get("/", (c) => {
  const site = pathParam(c, "site");
  const { operator, name, scopes, keyId } = c.get("principal");
  return c.json({ site, name, scopes, operator, keyId });
});
