import { Hono } from "hono";
import * as z from "zod/mini";
import { SiteConfig, SiteId, formatIssues } from "@vitrine/shared/schema";
import type { AppEnv } from "../../env";
import { readBody } from "../../http/body";
import { apiError } from "../../http/errors";
import { configKey, forgetConfig, type StoredConfig } from "../../config/store";
import { historyStub } from "../../config/history";
import { createKey } from "../../keys/create";
import { keysStub } from "../../keys/site-keys";
import { SCOPES } from "../../keys/scopes";
import { starterConfig } from "../../console/starter";

/** `POST /v1/sites` body: the new site's id, name and allowed origins, and what it starts from. */
export const NewSiteRequest = z.strictObject({
  site: SiteId,
  name: z.optional(z.string().check(z.maxLength(120))),
  origins: z._default(z.array(z.string()).check(z.maxLength(20)), []),
  /** `starter`: a small valid config; `copy`: the current config of site `copyFrom`. */
  starter: z._default(z.enum(["starter", "copy"]), "starter"),
  copyFrom: z.optional(SiteId),
});

/**
 * `POST /v1/sites {site, name?, origins, starter?, copyFrom?}` (operator only) → `201 {site,
 * version, token, key, snippet}`: stores the new site's first config version (live at once: the
 * worker drops its cached "not configured") and makes its first key with every scope.
 * @example
 * curl -X POST $EDGE/v1/sites -H "authorization: Bearer $ADMIN_TOKEN" \
 *   -d '{"site":"acme","origins":["https://acme.example"]}'
 */
export const sites = new Hono<AppEnv>().post("/", async (c) => {
  const where = `POST ${c.req.path}`;
  const body = await readBody(c, NewSiteRequest);
  const history = historyStub(c.env, body.site);
  const exists = (await history.current(body.site)) ?? (await c.env.CONFIG.get(configKey(body.site)));
  if (exists) throw apiError(409, `${where}: site "${body.site}" already exists; open it in the console instead`, [{ path: "site", message: "already exists" }]);
  let draft: unknown = starterConfig(body.site, body.name, body.origins);
  if (body.starter === "copy") {
    const from = body.copyFrom ? ((await historyStub(c.env, body.copyFrom).current(body.copyFrom)) ?? (await c.env.CONFIG.get<StoredConfig>(configKey(body.copyFrom), "json"))) : null;
    if (!from) throw apiError(400, `${where}: there is no site "${body.copyFrom ?? ""}" to copy`, [{ path: "copyFrom", message: "no such site" }]);
    draft = { ...from.config, site: body.site, name: body.name ?? from.config.name, origins: body.origins, experiments: [] };
  }
  const parsed = SiteConfig.safeParse(draft);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    throw apiError(400, `${where}: the new site's config is invalid at ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  const written = await history.write(body.site, parsed.data, "site created", 0);
  if ("refused" in written) throw apiError(409, `${where}: site "${body.site}" was created meanwhile`, [{ path: "site", message: "already exists" }]);
  forgetConfig(body.site);
  const principal = c.get("principal");
  await keysStub(c.env, body.site).noteAuthor(written.version, principal.name, principal.keyId);
  const { token, key } = await createKey(c.env, body.site, { name: "Site owner", scopes: SCOPES }, principal.name);
  const snippet = `<script src="${new URL("/v1/sdk.js", c.req.url).href}" data-site="${body.site}" async></script>`;
  c.header("cache-control", "no-store");
  return c.json({ site: body.site, version: written.version, token, key, snippet }, 201);
});
