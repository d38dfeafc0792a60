import { createApp } from "./app";
import type { Env } from "./env";
import { consumeExperimentEvents } from "./experiments/consumer";

export { VisitorProfile } from "./profile/visitor-profile";
export { SiteStats } from "./stats/site-stats";
export { ConfigHistory } from "./config/history";
export { SiteKeys } from "./keys/site-keys";
export { LiveCounters } from "./live/counters";
export { OfferCodes } from "./offers/codes";
export { ProofCounters } from "./offers/proof";

const app = createApp();

/**
 * The Cloudflare Worker: the Hono app with Vitrine's routes, and the consumer that writes
 * experiment exposures and conversions from the `EXPERIMENT_EVENTS` queue to D1.
 */
export default {
  fetch: app.fetch,
  queue: consumeExperimentEvents,
} satisfies ExportedHandler<Env, unknown>;
