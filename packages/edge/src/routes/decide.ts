import { Hono } from "hono";
import { classify, decide, defaultDecision, emptyProfile, type DefaultReason, type FullDecision } from "@vitrine/shared";
import { DecideRequest, type Decision, type Profile } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { forget, openPublic, withdrawsConsent } from "./public";
import { record } from "./record";
import { readSiteStats } from "../stats/site-stats";
import { visitorStub } from "../profile/visitor-profile";
import { recordExposures } from "../exposure/record";
import { previewAnswer } from "../preview/respond";
import { countLive } from "../live/count";

const NO_FIGURES = { orders: 0, customers: 0, aovP90: null, spendP90: null };

/** What the page gets: the explanation and coarse traits only when it asked for them. */
function forPage(decision: FullDecision, explain: boolean | undefined): Decision {
  if (explain) return decision;
  const { traits: _traits, explain: _explain, ...rest } = decision;
  return rest;
}

/**
 * `POST /v1/decide {site, visitor, events?, url?, products?, slots?, explain?}` → `200 Decision`.
 * The events are recorded first, so one round trip records the page view and decides what it
 * shows; experiments the page shows are exposed once.
 */
export const decideRoute = new Hono<AppEnv>().post("/", async (c) => {
  const { body, config, who, now } = await openPublic(c, DecideRequest);
  c.header("cache-control", "no-store");

  // Preview (`?vt_preview=<signed token>` from the console): decided as the token says; nothing recorded, counted or enrolled.
  const previewToken = c.req.query("vt_preview");
  if (previewToken !== undefined) return c.json(forPage(await previewAnswer(c.env, body, config, previewToken, `POST ${c.req.path}`), body.explain));

  const withdrawn = withdrawsConsent(body.events);
  if (withdrawn) await forget(c, body.site, body.visitor);

  if (withdrawn || who.bot || who.gpc) {
    const reason: DefaultReason = withdrawn ? "consent" : who.bot ? "bot" : "gpc";
    const traits = classify(emptyProfile(now), NO_FIGURES, now, config.settings);
    return c.json(forPage(defaultDecision({ visitor: body.visitor, traits, config, products: body.products, reason }), body.explain));
  }

  const [recorded, stats] = await Promise.all([
    record(c, { site: body.site, visitor: body.visitor, events: body.events ?? [], config, geo: who.geo, now }),
    readSiteStats(c.env, body.site, now),
  ]);
  const profile: Profile | null = recorded.profileJson === null ? null : (JSON.parse(recorded.profileJson) as Profile);
  const traits = classify(profile ?? emptyProfile(now), stats, now, config.settings);
  const assignments = Object.fromEntries(recorded.assignments.map((a) => [a.experiment, a.arm]));
  const decision = decide({ visitor: body.visitor, traits, config, products: body.products, assignments, now });
  if (decision.experiments.length > 0) {
    await recordExposures(c.env, visitorStub(c.env, body.site, body.visitor), { site: body.site, visitor: body.visitor, config, decision, assignments: recorded.assignments, slots: body.slots, profile, now });
  }

  // Live numbers (segments held, what each rule served), counted after the answer has gone.
  countLive(c, body.site, decision, body.events ?? [], who.geo.country);
  return c.json(forPage(decision, body.explain));
});
