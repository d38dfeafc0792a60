import { Hono, type Context } from "hono";
import type { AppEnv } from "../../env";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";
import { historyStub } from "../../config/history";
import { seedVersion, type StoredConfig } from "../../config/seeds";
import { keysStub } from "../../keys/site-keys";
import { diffConfigs } from "../../console/diff";

async function version(c: Context<AppEnv>, site: string, name: "from" | "to"): Promise<StoredConfig> {
  const raw = c.req.query(name);
  const number = Number(raw);
  const stored = raw !== undefined && Number.isInteger(number) && number >= 0 ? ((await historyStub(c.env, site).get(number)) ?? (number === 0 ? seedVersion(c.env, site) : null)) : null;
  if (!stored) throw apiError(404, `GET ${c.req.path}: site "${site}" has no config version "${raw ?? ""}" (?${name}=)`, [{ path: name, message: "no such version" }]);
  return stored;
}

/**
 * A site's config history for people (scope `config:read`):
 * `GET /v1/sites/:site/history` → `{site, versions: [{version, updatedAt, note, summary, who}]}`
 * newest first, `who` being the name of the key that stored it;
 * `GET …/history/diff?from=2&to=5` → `{site, from, to, changes: [{path, kind, before, after, text}]}`.
 * @example curl "$EDGE/v1/sites/demo/history/diff?from=0&to=3" -H "authorization: Bearer $KEY"
 */
export const history = new Hono<AppEnv>()
  .get("/", async (c) => {
    const site = pathParam(c, "site");
    const [versions, authors] = await Promise.all([historyStub(c.env, site).list(site), keysStub(c.env, site).authors()]);
    const who = new Map(authors.map((entry) => [entry.version, entry.who]));
    return c.json({ site, versions: versions.map((entry) => ({ ...entry, who: who.get(entry.version) ?? (entry.version === 0 ? "seed" : null) })) });
  })
  .get("/diff", async (c) => {
    const site = pathParam(c, "site");
    const [from, to] = await Promise.all([version(c, site, "from"), version(c, site, "to")]);
    return c.json({ site, from: from.version, to: to.version, changes: diffConfigs(from.config, to.config) });
  });
