import type { VisitorProfile } from "./profile/visitor-profile";
import type { SiteStats } from "./stats/site-stats";
import type { ConfigHistory } from "./config/history";

/** The worker's bindings, as declared in wrangler.toml. */
export interface Env {
  VISITORS: DurableObjectNamespace<VisitorProfile>;
  SITE_STATS: DurableObjectNamespace<SiteStats>;
  CONFIG_HISTORY: DurableObjectNamespace<ConfigHistory>;
  CONFIG: KVNamespace;
  ASSETS?: Fetcher;
  /** Bearer token for admin endpoints; admin is closed when unset. */
  ADMIN_TOKEN?: string;
  VITRINE_ENV?: string;
}

export type AppEnv = { Bindings: Env };
