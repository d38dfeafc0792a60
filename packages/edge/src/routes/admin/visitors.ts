import { Hono } from "hono";
import { classify, decide } from "@vitrine/shared";
import type { Profile } from "@vitrine/shared/schema";
import type { AppEnv } from "../../env";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";
import { loadConfig } from "../../config/store";
import { visitorStub } from "../../profile/visitor-profile";
import { readSiteStats } from "../../stats/site-stats";
import { forgetVisitor } from "../../profile/forget";

/**
 * A visitor's data by API (privacy export and deletion):
 * `GET /v1/sites/:site/visitors/:visitor` → `{site, visitor, profile, traits, assignments, decision}`
 * — the full traits and the decision the rules make for them now, with the merchant's
 * explanation ("why this hero?"), from the same code that decides;
 * `DELETE …` → `{deleted: true}`.
 */
export const visitors = new Hono<AppEnv>()
  .get("/:visitor", async (c) => {
    const site = pathParam(c, "site");
    const visitor = pathParam(c, "visitor");
    const config = await loadConfig(c.env, site);
    const snapshot = await visitorStub(c.env, site, visitor).snapshot();
    const profile = snapshot.profileJson === null ? null : (JSON.parse(snapshot.profileJson) as Profile);
    if (!profile) throw apiError(404, `GET ${c.req.path}: no data is stored for visitor "${visitor}" on site "${site}"`, [{ path: "visitor", message: "no data stored" }]);
    const now = Date.now();
    const traits = classify(profile, await readSiteStats(c.env, site, now), now, config.settings);
    const arms = Object.fromEntries(snapshot.assignments.map((a) => [a.experiment, a.arm]));
    const decision = decide({ visitor, traits, config, assignments: arms, now, audience: "admin" });
    return c.json({ site, visitor, profile, traits, assignments: snapshot.assignments, decision });
  })
  .delete("/:visitor", async (c) => {
    const site = pathParam(c, "site");
    const visitor = pathParam(c, "visitor");
    await forgetVisitor(c.env, site, visitor);
    return c.json({ deleted: true, site, visitor });
  });
