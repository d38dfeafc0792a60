import type { VisitorProfile } from "./profile/visitor-profile";
import type { SiteStats } from "./stats/site-stats";
import type { ConfigHistory } from "./config/history";
import type { ExperimentMessage } from "./experiments/messages";

/** The worker's bindings, as declared in wrangler.toml. */
export interface Env {
  VISITORS: DurableObjectNamespace<VisitorProfile>;
  SITE_STATS: DurableObjectNamespace<SiteStats>;
  CONFIG_HISTORY: DurableObjectNamespace<ConfigHistory>;
  CONFIG: KVNamespace;
  ASSETS?: Fetcher;
  /** Per-visitor experiment exposures and conversions, for results (see migrations/). */
  RESULTS: D1Database;
  /** Exposures and conversions on their way to RESULTS, written in batches by the queue consumer. */
  EXPERIMENT_EVENTS: Queue<ExperimentMessage>;
  /** 30 requests per 10 s per visitor and site. */
  VISITOR_LIMIT?: RateLimit;
  /** 300 requests per 10 s per client address and site. */
  ADDRESS_LIMIT?: RateLimit;
  /** "off" turns the rate limits off (load tests on loopback). */
  RATE_LIMITS?: string;
  /** Bearer token for admin endpoints; admin is closed when unset. */
  ADMIN_TOKEN?: string;
  /**
   * Site configs the worker starts with, as a JSON array: each is version 0 of its site's
   * history (`npm start` seeds the demo shop this way).
   */
  SEED_CONFIGS?: string;
}

export type AppEnv = { Bindings: Env };
