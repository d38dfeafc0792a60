import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { pathParam } from "../../http/params";
import { loadConfig } from "../../config/store";
import { liveStub } from "../../live/counters";
import { vocabulary as pickers } from "../../console/vocabulary";

/**
 * `GET /v1/sites/:site/vocabulary` (scope `config:read`) → what the console's pickers offer:
 * `{traits: [{path, kind, values?}], operators, sortStrategies, channels, categories, countries}`,
 * the categories and countries being those the site's visitors have shown lately and its config names.
 * @example curl $EDGE/v1/sites/demo/vocabulary -H "authorization: Bearer $KEY"
 */
export const vocabulary = new Hono<AppEnv>().get("/", async (c) => {
  const site = pathParam(c, "site");
  const [config, seen] = await Promise.all([loadConfig(c.env, site), liveStub(c.env, site).seen()]);
  return c.json(pickers(config, seen));
});
