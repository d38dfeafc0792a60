import type { Profile } from "../schema/profile";
import type { Traits } from "../schema/traits";
import type { SiteStats } from "../schema/decision";
import type { Settings } from "../schema/config";
import { withDefaults } from "./settings";
import { classifyLifecycle, type OrderGapStats } from "./lifecycle";
import { classifyIntent } from "./intent";
import { classifyValue } from "./value";
import { productInterest, rankInterests } from "./interests";
import { localHour } from "./geo";
import { TRAIT_INTERESTS } from "./limits";
import { round2 } from "./round";

/**
 * Everything the rules may look at, computed from the profile at `now`: deterministic, and
 * each part explainable. `stats` may carry the site's gaps between orders (`OrderGapStats`),
 * which set the lifecycle's at-risk and lost thresholds.
 * @example
 * const traits = classify(profile, siteStats(state), Date.now(), config.settings);
 * traits.intent.kind // "buyer"
 */
export function classify(profile: Profile, stats: SiteStats & Partial<OrderGapStats>, now: number, settings: Settings): Traits {
  const s = withDefaults(settings);
  const ranked = rankInterests(profile.interests, now, s.interestHalfLifeDays);
  const interests = ranked.slice(0, TRAIT_INTERESTS).map(({ category, score, price }) => (price === undefined ? { category, score: round2(score) } : { category, score: round2(score), price }));
  const geo: Traits["geo"] = { localHour: localHour(now, profile.geo.timezone) };
  if (profile.geo.country) geo.country = profile.geo.country;
  if (profile.geo.timezone) geo.timezone = profile.geo.timezone;
  return {
    lifecycle: classifyLifecycle(profile, now, s, stats),
    intent: classifyIntent(profile, now),
    interests,
    product: productInterest(profile, ranked, now, s.interestHalfLifeDays, s.priceBands),
    value: classifyValue(profile, stats, now, s),
    source: { ...profile.session.source },
    firstSource: { ...profile.firstSource },
    geo,
  };
}
