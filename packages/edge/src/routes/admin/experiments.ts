import { Hono, type Context } from "hono";
import type { AppEnv } from "../../env";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";
import { loadConfig } from "../../config/store";
import { findReported } from "../../experiments/catalog";
import { listExperiments } from "../../experiments/listing";
import { experimentResults } from "../../experiments/results";
import { resultsCsv } from "../../experiments/results-csv";

/** Experiment ids are config ids (lowercase slugs); holdouts are `holdout` and `holdout-<rule id>`. */
const EXPERIMENT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function experimentParam(c: Context<AppEnv>): string {
  const id = c.req.param("id") ?? "";
  if (!EXPERIMENT_ID.test(id)) {
    throw apiError(400, `${c.req.method} ${c.req.path}: invalid experiment id in the path; ids are lowercase slugs (a-z, 0-9, _, -)`, [{ path: "id", message: "not an experiment id" }]);
  }
  return id;
}

function formatParam(c: Context<AppEnv>): "json" | "csv" {
  const format = c.req.query("format") ?? "json";
  if (format === "json" || format === "csv") return format;
  throw apiError(400, `${c.req.method} ${c.req.path}: format must be "json" or "csv", got "${format}"`, [{ path: "format", message: 'expected "json" or "csv"' }]);
}

/**
 * Reads from the results store; a store whose migrations were never applied answers a 503 that
 * says how to apply them instead of a bare 500.
 */
async function fromResults<T>(c: Context<AppEnv>, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    if (!/no such table/i.test(String(cause))) throw cause;
    throw apiError(
      503,
      `${c.req.method} ${c.req.path}: the results store (D1 binding RESULTS) has no tables yet; apply its migrations with \`wrangler d1 migrations apply vitrine-results --local\` (with the same --persist-to as wrangler dev) or --remote`,
      [{ path: "(server)", message: "results store not migrated" }],
      cause,
    );
  }
}

/**
 * Experiment results (admin token):
 * `GET /v1/sites/:site/experiments` lists the configured experiments and holdouts with their
 * status and exposed visitors; `GET /v1/sites/:site/experiments/:id/results` answers the
 * analysed results as JSON, or with `?format=csv` one row per arm and day.
 * @example
 * curl $EDGE/v1/sites/demo/experiments/hero-test/results?format=csv -H "authorization: Bearer $ADMIN_TOKEN"
 */
export const experiments = new Hono<AppEnv>()
  .get("/", async (c) => {
    const site = pathParam(c, "site");
    const config = await loadConfig(c.env, site);
    return c.json({ site, experiments: await fromResults(c, () => listExperiments(c.env.RESULTS, config)) });
  })
  .get("/:id/results", async (c) => {
    const site = pathParam(c, "site");
    const id = experimentParam(c);
    const format = formatParam(c);
    const config = await loadConfig(c.env, site);
    const reported = findReported(config, id);
    if (!reported) {
      throw apiError(404, `${c.req.method} ${c.req.path}: site "${site}" has no experiment or holdout "${id}"; GET /v1/sites/${site}/experiments lists them`, [
        { path: "id", message: `no experiment or holdout "${id}" in the site's config` },
      ]);
    }
    const { results, aggregates } = await fromResults(c, () => experimentResults(c.env.RESULTS, site, reported));
    c.header("cache-control", "no-store");
    if (format === "json") return c.json(results);
    c.header("content-type", "text/csv; charset=utf-8; header=present");
    c.header("content-disposition", `attachment; filename="${site}-${id}-results.csv"`);
    return c.body(resultsCsv(results, aggregates));
  });
