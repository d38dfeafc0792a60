import { Hono } from "hono";
import { classify, emptyProfile } from "@vitrine/shared";
import { SiteId, VisitorId, formatIssues } from "@vitrine/shared/schema";
import type { AppEnv } from "../../env";
import { apiError } from "../../http/errors";
import { loadConfig } from "../../config/store";
import { visitorStub } from "../../profile/visitor-profile";
import { currentSiteStats } from "../../stats/site-stats";

function params(site: string, visitor: string, where: string) {
  for (const [name, schema, value] of [["site", SiteId, site], ["visitor", VisitorId, visitor]] as const) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw apiError(400, `${where}: invalid ${name} in the path: ${formatIssues(parsed.error)[0]?.message}`, [{ path: name, message: formatIssues(parsed.error)[0]?.message ?? "invalid" }]);
  }
}

/**
 * A visitor's data by API (privacy export and deletion):
 * `GET /v1/sites/:site/visitors/:visitor` → `{site, visitor, profile, traits}`;
 * `DELETE …` → `{deleted: true}`.
 */
export const visitors = new Hono<AppEnv>()
  .get("/:visitor", async (c) => {
    const site = c.req.param("site") ?? "";
    const visitor = c.req.param("visitor");
    params(site, visitor, `GET ${c.req.path}`);
    const config = await loadConfig(c.env, site);
    const profile = await visitorStub(c.env, site, visitor).read();
    if (!profile) throw apiError(404, `GET ${c.req.path}: no data is stored for visitor "${visitor}" on site "${site}"`);
    const now = Date.now();
    const traits = classify(profile ?? emptyProfile(now), await currentSiteStats(c.env, site, null, now), now, config.settings);
    return c.json({ site, visitor, profile, traits });
  })
  .delete("/:visitor", async (c) => {
    const site = c.req.param("site") ?? "";
    const visitor = c.req.param("visitor");
    params(site, visitor, `DELETE ${c.req.path}`);
    await visitorStub(c.env, site, visitor).erase();
    return c.json({ deleted: true, site, visitor });
  });
