import { Hono, type Context } from "hono";
import { SiteConfig, SiteConfigRollback } from "@vitrine/shared/schema";
import type { AppEnv } from "../../env";
import { readBody } from "../../http/body";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";
import { configKey, forgetConfig, type StoredConfig } from "../../config/store";
import { seedVersion } from "../../config/seeds";
import { historyStub, type WriteRefusal, type WriteResult } from "../../config/history";

/** Configs are bigger than event batches. */
const MAX_CONFIG_BYTES = 256 * 1024;

/** The history object is the truth (KV may lag behind it; version 0 is the seed); KV covers configs stored without it. */
async function current(c: Context<AppEnv>, site: string): Promise<StoredConfig> {
  const stored = (await historyStub(c.env, site).current(site)) ?? (await c.env.CONFIG.get<StoredConfig>(configKey(site), "json"));
  if (stored) return stored;
  throw apiError(404, `${c.req.method} ${c.req.path}: site "${site}" is not configured`, [{ path: "site", message: `no config is stored for "${site}"` }]);
}

function answer(c: Context<AppEnv>, site: string, result: WriteResult | WriteRefusal) {
  if ("refused" in result) {
    if (result.refused === "invalid") {
      throw apiError(422, `${c.req.method} ${c.req.path}: version ${result.version} no longer passes validation (${result.issues[0]?.path}: ${result.issues[0]?.message}); store a corrected config instead`, result.issues);
    }
    if (result.refused === "stale") {
      throw apiError(409, `${c.req.method} ${c.req.path}: the config changed meanwhile (now version ${result.current}); reload it and apply your change again`, [{ path: "if-match", message: `current version is ${result.current}` }]);
    }
    throw apiError(404, `${c.req.method} ${c.req.path}: site "${site}" has no config version ${result.version}`, [{ path: "version", message: "no such version" }]);
  }
  forgetConfig(site);
  c.header("etag", `"${result.version}"`);
  return c.json(result);
}

/** `If-Match: "3"` (or `3`): write only if version 3 is still current. */
function expectedVersion(c: Context): number | undefined {
  const header = c.req.header("if-match");
  if (header === undefined || header === "*") return undefined;
  const version = Number(header.replace(/^W\//, "").replace(/"/g, ""));
  if (!Number.isInteger(version) || version < 0) throw apiError(400, `${c.req.method} ${c.req.path}: If-Match must be a config version such as "3", got ${header}`, [{ path: "if-match", message: "not a version" }]);
  return version;
}

/**
 * A site's configuration, validated as a whole and versioned on every change:
 * `GET /v1/sites/:site/config`, `PUT …/config` (optionally `If-Match: "<version>"`),
 * `GET …/config/versions`, `GET …/config/versions/:version`, `POST …/config/rollback {version}`.
 */
export const config = new Hono<AppEnv>()
  .get("/", async (c) => {
    const stored = await current(c, pathParam(c, "site"));
    c.header("etag", `"${stored.version}"`);
    return c.json(stored);
  })
  .put("/", async (c) => {
    const site = pathParam(c, "site");
    const body = await readBody(c, SiteConfig, MAX_CONFIG_BYTES);
    if (body.site !== site) throw apiError(400, `PUT ${c.req.path}: the config is for site "${body.site}" but the path says "${site}"`, [{ path: "site", message: `must be "${site}"` }]);
    return answer(c, site, await historyStub(c.env, site).write(site, body, "update", expectedVersion(c)));
  })
  .get("/versions", async (c) => {
    const site = pathParam(c, "site");
    return c.json({ site, versions: await historyStub(c.env, site).list(site) });
  })
  .get("/versions/:version", async (c) => {
    const site = pathParam(c, "site");
    const version = Number(c.req.param("version"));
    const stored = Number.isInteger(version) ? ((await historyStub(c.env, site).get(version)) ?? (version === 0 ? seedVersion(c.env, site) : null)) : null;
    if (!stored) throw apiError(404, `GET ${c.req.path}: site "${site}" has no config version ${c.req.param("version")}`, [{ path: "version", message: "no such version" }]);
    return c.json(stored);
  })
  .post("/rollback", async (c) => {
    const site = pathParam(c, "site");
    const { version } = await readBody(c, SiteConfigRollback);
    return answer(c, site, await historyStub(c.env, site).rollback(site, version));
  });
