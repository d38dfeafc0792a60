import type { VisitorProfile } from "./profile/visitor-profile";
import type { SiteStats } from "./stats/site-stats";
import type { ConfigHistory } from "./config/history";
import type { ExperimentMessage } from "./experiments/messages";
import type { SiteKeys } from "./keys/site-keys";
import type { Principal } from "./keys/principal";
import type { LiveCounters } from "./live/counters";
import type { OfferCodes } from "./offers/codes";
import type { ProofCounters } from "./offers/proof";

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
  /** Each site's keys (hashed), who wrote each config version, and its preview-signing secret. */
  KEYS: DurableObjectNamespace<SiteKeys>;
  /** Each site's live numbers: distinct visitors per segment and what each rule served, by hour. */
  LIVE: DurableObjectNamespace<LiveCounters>;
  /** Single-use coupon codes, one object per offer pool (`site:pool`). */
  OFFER_CODES: DurableObjectNamespace<OfferCodes>;
  /** Social-proof counts per product, sharded by sku hash and split by visitor hash (offers/proof.ts). */
  PROOF: DurableObjectNamespace<ProofCounters>;
  /** Merchants' uploaded hero images, named by content hash (served at /v1/images/…). */
  IMAGES: R2Bucket;
  /** 30 requests per 10 s per visitor and site. */
  VISITOR_LIMIT?: RateLimit;
  /** 300 requests per 10 s per client address and site. */
  ADDRESS_LIMIT?: RateLimit;
  /** "off" turns the rate limits off (load tests on loopback). */
  RATE_LIMITS?: string;
  /**
   * The operator token: every scope on every site, for bootstrapping (creating the first key of a
   * site) and tools. Unset, only site keys open the admin endpoints.
   */
  ADMIN_TOKEN?: string;
  /**
   * Site configs the worker starts with, as a JSON array: each is version 0 of its site's
   * history (`npm start` seeds the demo shop this way).
   */
  SEED_CONFIGS?: string;
}

export type AppEnv = { Bindings: Env; Variables: { principal: Principal } };
