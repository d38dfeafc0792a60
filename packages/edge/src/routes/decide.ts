import { Hono } from "hono";
import { classify, decide, defaultDecision, emptyProfile, type DefaultReason } from "@vitrine/shared";
import { DecideRequest, type SiteConfig } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { forget, openPublic, withdrawsConsent } from "./public";
import { pageFacts, record } from "./record";
import { executionContext } from "../http/execution-context";
import { readSiteStats } from "../stats/site-stats";
import { visitorStub } from "../profile/visitor-profile";
import { recordExposures } from "../exposure/record";
import { previewAnswer } from "../preview/respond";
import { countLive } from "../live/count";
import { forPage } from "./for-page";
import { DeadlineError, logEvent, withDeadline } from "../http/deadline";
import type { IngestResult } from "../profile/visitor-profile";
import { finishOffersWithin, proofFor } from "../offers/slots";
import type { ProofCount } from "../offers/proof";

/**
 * How long decide waits for the visitor's object and the site's figures before it answers the
 * default (a page that waits longer for its hero is worse off than one that gets the default).
 */
export const DECIDE_DEADLINE_MS = 800;
/** How long decide waits for its exposures to be queued and marked. */
export const EXPOSURE_DEADLINE_MS = 400;

const NO_FIGURES = { orders: 0, customers: 0, aovP90: null, spendP90: null };

/** Per config object (configs are cached per isolate): whether a decide needs the profile's facts (spend for experiments and holdouts, the cart for cart reminders), not only the traits. */
const enrolling = new WeakMap<SiteConfig, boolean>();
function needsProfileFacts(config: SiteConfig): boolean {
  let may = enrolling.get(config);
  if (may === undefined) {
    // Rule holdouts sit on any rule, cart reminders in any slot: a search of the whole config is
    // exact enough, once per config.
    const text = JSON.stringify(config);
    may = (config.experiments?.length ?? 0) > 0 || text.includes('"holdout"') || text.includes('"cart":true');
    enrolling.set(config, may);
  }
  return may;
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
  if (previewToken !== undefined) return c.json(forPage(await previewAnswer(c.env, body, config, previewToken, `POST ${c.req.path}`), { explain: body.explain }));

  const withdrawn = withdrawsConsent(body.events);
  if (withdrawn) await forget(c, body.site, body.visitor);

  if (withdrawn || who.bot || who.gpc) {
    const reason: DefaultReason = withdrawn ? "consent" : who.bot ? "bot" : "gpc";
    const traits = classify(emptyProfile(now), NO_FIGURES, now, config.settings);
    return c.json(forPage(defaultDecision({ visitor: body.visitor, traits, config, products: body.products, reason }), { explain: body.explain }));
  }

  // Read once: recorded, and counted live as the product and category views they are.
  const events = pageFacts(body.events ?? []);
  let recorded: IngestResult & { stale: number };
  let proof: ProofCount | undefined;
  try {
    // The site's figures are cached per isolate (rarely a round trip); with them the visitor's object
    // classifies where the profile is. Recording that runs past the deadline still finishes after the
    // answer (`record` keeps it alive), instead of being cut off with the request.
    const figures = readSiteStats(c.env, body.site, now);
    // Site figures that fail still leave the events recorded (classified against none; the page then gets the default below).
    const recording = figures
      .catch(() => NO_FIGURES)
      .then((stats) => record(c, { site: body.site, visitor: body.visitor, events, factsRead: true, config, geo: who.geo, now, sentAt: body.sentAt, classifyWith: { stats, settings: config.settings, now, withFacts: needsProfileFacts(config) } }));
    executionContext(c)?.waitUntil(recording.catch(() => undefined));
    // The products' counts only decide whether a badge shows: failing, they hide it, never the page's content.
    const counts = proofFor(c.env, body.site, config, events, now).catch((error: unknown) => {
      logEvent("warn", "social proof not read", { site: body.site, error: String(error) });
      return undefined;
    });
    [recorded, , proof] = await withDeadline(Promise.all([recording, figures, counts]), DECIDE_DEADLINE_MS, "the visitor's profile or the site's figures");
  } catch (error) {
    // Fail open: the page gets its default content at once. Late recording still lands (above);
    // a failed one is sent again by the snippet, which keeps its events after a fallback answer.
    logEvent("warn", "decide fell back to the default", { site: body.site, error: String(error) });
    const traits = classify(emptyProfile(now), NO_FIGURES, now, config.settings);
    return c.json(forPage(defaultDecision({ visitor: body.visitor, traits, config, products: body.products, reason: "fallback" }), { explain: body.explain }));
  }
  if (recorded.erased) {
    const decision = defaultDecision({ visitor: body.visitor, traits: classify(emptyProfile(now), NO_FIGURES, now, config.settings), config, products: body.products, reason: "consent" });
    return c.json(forPage(decision, { explain: body.explain }));
  }
  // The visitor's object classified them; what else the profile says (spend, cart) comes only when an experiment, holdout or cart reminder may need it.
  const traits = recorded.traits!;
  const cart = recorded.facts?.cart;
  const assignments = Object.fromEntries(recorded.assignments.map((a) => [a.experiment, a.arm]));
  const decision = decide({ visitor: body.visitor, traits, config, products: body.products, assignments, now, audience: "page", ...(cart && { cart }), ...(proof && { proof }) });
  // Within the deadline: a single-use code that did not come in time leaves its slot empty.
  await finishOffersWithin(c.env, body.site, decision, now, DECIDE_DEADLINE_MS, body.sentAt === undefined ? 0 : now - body.sentAt);
  if (decision.experiments.length > 0) {
    // Exposures never cost the page its answer: the page waits for them at most EXPOSURE_DEADLINE_MS,
    // and work that runs late still finishes after the answer (`waitUntil`) instead of being cut off.
    // A failure is logged and tried again on the next decide.
    const work = recordExposures(c.env, visitorStub(c.env, body.site, body.visitor), { site: body.site, visitor: body.visitor, config, decision, assignments: recorded.assignments, slots: body.slots, preSpend: recorded.facts?.spend ?? 0, now });
    executionContext(c)?.waitUntil(work.catch((error) => logEvent("warn", "exposures not recorded this time", { site: body.site, error: String(error) })));
    await withDeadline(work, EXPOSURE_DEADLINE_MS, "recording the exposures").catch((error) => {
      if (error instanceof DeadlineError) logEvent("info", "exposures finish after the answer", { site: body.site });
    });
  }

  // Live numbers (segments held, what each rule served), counted after the answer has gone.
  countLive(c, body.site, decision, events, who.geo.country);
  return c.json(forPage(decision, { explain: body.explain }));
});
