import { Hono } from "hono";
import { SiteConfig } from "@vitrine/shared/schema";
import type { AppEnv } from "../../env";
import { readBody } from "../../http/body";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";

/** As large as a config may be when stored. */
const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * `POST /v1/sites/:site/validate <config>` (scope `config:read`): checks a config exactly as
 * `PUT …/config` would and stores nothing. `200 {ok: true}`, or the same `400` with
 * `error.issues[{path, message}]` a save would get, so the console marks fields before saving.
 * @example curl -X POST $EDGE/v1/sites/demo/validate -H "authorization: Bearer $KEY" -d @config.json
 */
export const validate = new Hono<AppEnv>().post("/", async (c) => {
  const site = pathParam(c, "site");
  const body = await readBody(c, SiteConfig, MAX_CONFIG_BYTES);
  if (body.site !== site) throw apiError(400, `POST ${c.req.path}: the config is for site "${body.site}" but the path says "${site}"`, [{ path: "site", message: `must be "${site}"` }]);
  return c.json({ ok: true });
});
