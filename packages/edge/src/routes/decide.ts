import { Hono } from "hono";
import { classify, decide, defaultDecision, emptyProfile } from "@vitrine/shared";
import { DecideRequest, type Profile } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { forget, openPublic, withdrawsConsent } from "./public";
import { record } from "./record";

const NO_FIGURES = { orders: 0, customers: 0, aovP90: null, spendP90: null };

/**
 * `POST /v1/decide {site, visitor, events?, url?, products?}` → `200 Decision`. The events are
 * recorded first, so one round trip records the page view and decides what it shows.
 */
export const decideRoute = new Hono<AppEnv>().post("/", async (c) => {
  const { body, config, who, now } = await openPublic(c, DecideRequest);
  c.header("cache-control", "no-store");
  const withdrawn = withdrawsConsent(body.events);
  if (withdrawn) await forget(c, body.site, body.visitor);

  if (withdrawn || who.bot || who.gpc) {
    const traits = classify(emptyProfile(now), NO_FIGURES, now, config.settings);
    const decision = defaultDecision({ visitor: body.visitor, traits, config, products: body.products, reason: who.bot ? "bot" : "gpc" });
    if (!withdrawn) return c.json(decision);
    return c.json({ ...decision, explain: ["Consent was withdrawn: this visitor's data was deleted; default content, nothing recorded."] });
  }

  const { profileJson, stats } = await record(c, { site: body.site, visitor: body.visitor, events: body.events ?? [], config, geo: who.geo, now });
  const profile = profileJson === null ? emptyProfile(now) : (JSON.parse(profileJson) as Profile);
  const traits = classify(profile, stats, now, config.settings);
  return c.json(decide({ visitor: body.visitor, traits, config, products: body.products }));
});
