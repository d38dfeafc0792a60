import { createApp } from "./app";

export { VisitorProfile } from "./profile/visitor-profile";
export { SiteStats } from "./stats/site-stats";
export { ConfigHistory } from "./config/history";
export { SiteKeys } from "./keys/site-keys";
export { LiveCounters } from "./live/counters";

/** The Cloudflare Worker: the Hono app with Vitrine's routes. */
export default createApp();
