import type { Context } from "hono";
import { classify, decide, defaultDecision, emptyProfile, type FullDecision } from "@vitrine/shared";
import type { SiteConfig } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { record } from "../routes/record";
import { readSiteStats } from "../stats/site-stats";
import { visitorStub } from "../profile/visitor-profile";
import { recordExposures } from "../exposure/record";
import { pageShows, targetsOf } from "../exposure/targets";
import { DECIDE_DEADLINE_MS } from "../routes/decide";
import { withDeadline } from "../http/deadline";
import { finishOffersWithin, withoutPooledOffers } from "../offers/slots";

const NO_FIGURES = { orders: 0, customers: 0, aovP90: null, spendP90: null };

/** A page's decision, and how to record the exposures of what the page turned out to show. */
export interface PageDecision {
  decision: FullDecision;
  /** The page view counts in the live numbers (as decide counts it): not for an erased visitor or a bot. */
  live: boolean;
  /** Records the exposure of each experiment whose slot (or "sort") the page carried; stores new arms. */
  expose(slots: readonly string[]): Promise<void>;
}

/**
 * Decides for a page the worker is about to serve, the way `POST /v1/decide` does — the site's
 * figures, then the visitor's traits (classified in their object), spend, cart and stored arms
 * (`record` with no events), `decide` —
 * but records no event: the page view reaches the profile through the snippet on the page, as in
 * client mode. A visitor seen for the first time (`fresh`) has no profile yet, so the visitor's
 * object is not asked. As the decide route does: the reads must answer within DECIDE_DEADLINE_MS
 * (else this rejects and the page is served as the origin sent it), explain lines are in page
 * words, and an erased visitor gets the default content (reason "consent"). The caller counts
 * the live numbers once the page went through (`live`): the snippet then records the page view
 * through collect, which counts nothing. A `fresh` visitor draws no single-use offer code (its
 * slot is emptied), and codes that do not come within the deadline leave their slots empty.
 * @example const { decision, expose } = await decidePage(c, { site, config, visitor, fresh: false, geo, now });
 */
export async function decidePage(
  c: Context<AppEnv>,
  input: { site: string; config: SiteConfig; visitor: string; fresh: boolean; geo: { country?: string; timezone?: string }; now: number },
): Promise<PageDecision> {
  const { site, config, visitor, now } = input;
  // The site's figures first (cached per isolate: rarely a round trip), so that the visitor's
  // object classifies where the profile is and answers traits, spend and cart, never the profile.
  const read = async () => {
    const stats = await readSiteStats(c.env, site, now);
    if (input.fresh) return [null, stats] as const;
    return [await record(c, { site, visitor, events: [], config, geo: input.geo, now, classifyWith: { stats, settings: config.settings, now, withFacts: true } }), stats] as const;
  };
  const [recorded, stats] = await withDeadline(read(), DECIDE_DEADLINE_MS, "the visitor's profile or the site's figures");
  if (recorded?.erased) {
    const traits = classify(emptyProfile(now), NO_FIGURES, now, config.settings);
    return { decision: defaultDecision({ visitor, traits, config, reason: "consent" }), live: false, expose: async () => {} };
  }
  const traits = recorded?.traits ?? classify(emptyProfile(now), stats, now, config.settings);
  const cart = recorded?.facts?.cart;
  const stored = recorded?.assignments ?? [];
  const assignments = Object.fromEntries(stored.map((a) => [a.experiment, a.arm]));
  const decision = decide({ visitor, traits, config, assignments, now, audience: "page", ...(cart && { cart }) });
  // A cookieless first page draws no single-use code: each such request comes with a new id, so a
  // client without cookies would empty the pool. Codes are drawn within the deadline; a code that did
  // not come in time leaves its slot empty, as on decide.
  if (input.fresh) withoutPooledOffers(decision);
  else await finishOffersWithin(c.env, site, decision, now, DECIDE_DEADLINE_MS);
  const expose = async (slots: readonly string[]) => {
    if (decision.experiments.length === 0) return;
    // A cookieless first page that shows no experiment stores nothing: the arm follows from the
    // id, so it is stored when a page first shows it (and a scraper never gets an object).
    if (input.fresh && !decision.experiments.some(({ id }) => pageShows(targetsOf(config, id), slots))) return;
    await recordExposures(c.env, visitorStub(c.env, site, visitor), { site, visitor, config, decision, assignments: stored, slots: [...slots], preSpend: recorded?.facts?.spend ?? 0, now });
  };
  return { decision, live: true, expose };
}

/**
 * What a bot is served: every slot's default and the default sort, as the decide route answers
 * bots; nothing is read or recorded.
 * @example botDecision(config, now).bot // true
 */
export function botDecision(config: SiteConfig, now: number): FullDecision {
  const traits = classify(emptyProfile(now), NO_FIGURES, now, config.settings);
  return defaultDecision({ visitor: "bot", traits, config, reason: "bot" });
}
