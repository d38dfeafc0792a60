import { Hono } from "hono";
import { classify, decide } from "@vitrine/shared";
import type { Profile } from "@vitrine/shared/schema";
import type { AppEnv } from "../../env";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";
import { loadConfig } from "../../config/store";
import { visitorStub } from "../../profile/visitor-profile";
import { readSiteStats } from "../../stats/site-stats";
import { rulesTried } from "../../console/why";

/**
 * "Why this hero?" — `GET /v1/sites/:site/visitors/:visitor/decision` (scope `visitors:read`) →
 * `{site, visitor, traits, segments, decision, tried: {hero, sort}}`: the visitor's traits, the
 * segments they are in, each rule tried in order (held or not), and the decision with its
 * explain lines, from the same code that decides for the page. Reading records nothing.
 * @example curl $EDGE/v1/sites/demo/visitors/v_12345678/decision -H "authorization: Bearer $KEY"
 */
export const visitorDecision = new Hono<AppEnv>().get("/", async (c) => {
  const site = pathParam(c, "site");
  const visitor = pathParam(c, "visitor");
  const config = await loadConfig(c.env, site);
  const snapshot = await visitorStub(c.env, site, visitor).snapshot();
  if (snapshot.profileJson === null) throw apiError(404, `GET ${c.req.path}: no data is stored for visitor "${visitor}" on site "${site}"`, [{ path: "visitor", message: "no data stored" }]);
  const now = Date.now();
  const profile = JSON.parse(snapshot.profileJson) as Profile;
  const traits = classify(profile, await readSiteStats(c.env, site, now), now, config.settings);
  const assignments = Object.fromEntries(snapshot.assignments.map((entry) => [entry.experiment, entry.arm]));
  const decision = decide({ visitor, traits, config, assignments, now });
  return c.json({ site, visitor, traits, segments: decision.segments, decision, tried: rulesTried(config, traits, visitor, now) });
});
