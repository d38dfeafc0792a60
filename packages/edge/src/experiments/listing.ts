import type { SiteConfig } from "@vitrine/shared/schema";
import { reportedExperiments, type ReportedExperiment } from "./catalog";

/** One entry of `GET /v1/sites/:site/experiments`. */
export interface ListedExperiment extends ReportedExperiment {
  /** Exposed visitors so far, all arms. */
  visitors: number;
  /** First and last exposure (ms since the epoch), null before any. */
  firstExposure: number | null;
  lastExposure: number | null;
  /** Where the results are, as JSON (add `?format=csv` for CSV) and as a page. */
  links: { results: string; page: string };
}

const COUNTS = "SELECT experiment, COUNT(*) AS visitors, MIN(ts) AS first, MAX(ts) AS last FROM exposures WHERE site = ?1 GROUP BY experiment";

/**
 * The site's configured experiments and holdouts with their status and how many visitors each
 * has exposed so far (one grouped read of `RESULTS`).
 * @example (await listExperiments(env.RESULTS, config))[0] // { id: "hero-test", status: "running", visitors: 1200, … }
 */
export async function listExperiments(db: D1Database, config: SiteConfig): Promise<ListedExperiment[]> {
  const { results } = await db.prepare(COUNTS).bind(config.site).all<{ experiment: string; visitors: number; first: number; last: number }>();
  const counts = new Map(results.map((row) => [row.experiment, row]));
  return reportedExperiments(config).map((experiment) => {
    const row = counts.get(experiment.id);
    const id = encodeURIComponent(experiment.id);
    return {
      ...experiment,
      visitors: row?.visitors ?? 0,
      firstExposure: row?.first ?? null,
      lastExposure: row?.last ?? null,
      links: { results: `/v1/sites/${config.site}/experiments/${id}/results`, page: `/admin/sites/${config.site}/experiments/${id}` },
    };
  });
}
