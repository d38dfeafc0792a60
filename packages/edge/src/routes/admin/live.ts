import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { pathParam } from "../../http/params";
import { loadConfig } from "../../config/store";
import { liveStub } from "../../live/counters";

/**
 * `GET /v1/sites/:site/live` (scope `config:read`) → distinct visitors per segment over the
 * last 24 hours and 7 days (HyperLogLog, about 3% error), and how often each rule served each
 * variant: `{site, visitors: {day, week}, segments: [{id, name, day, week}], served: [{part, rule, variant, day, week}]}`.
 * @example curl $EDGE/v1/sites/demo/live -H "authorization: Bearer $KEY"
 */
export const live = new Hono<AppEnv>().get("/", async (c) => {
  const site = pathParam(c, "site");
  const [config, summary] = await Promise.all([loadConfig(c.env, site), liveStub(c.env, site).summary(Date.now())]);
  const segments = config.segments.map((segment) => ({ id: segment.id, name: segment.name, ...(summary.segments[segment.id] ?? { day: 0, week: 0 }) }));
  c.header("cache-control", "no-store");
  return c.json({ site, visitors: summary.visitors, segments, served: summary.served });
});
