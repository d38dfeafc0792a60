import { Hono } from "hono";
import { CollectRequest } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { erasedVisitor, forget, openPublic, withdrawsConsent } from "./public";
import { record } from "./record";
import { apiError } from "../http/errors";
import { logEvent, withDeadline } from "../http/deadline";

/** How long collect waits for the visitor's object before it answers 503 with Retry-After. */
export const COLLECT_DEADLINE_MS = 2_000;

/**
 * `POST /v1/collect {site, visitor, events}` → `202 {accepted, duplicates}`. Bots and visitors
 * with Global Privacy Control are answered alike but nothing is stored; a withdrawn consent
 * forgets the visitor (`{forgotten: true}`); events for an erased visitor get 410.
 */
export const collect = new Hono<AppEnv>().post("/", async (c) => {
  const { body, config, who, now } = await openPublic(c, CollectRequest);
  if (withdrawsConsent(body.events)) {
    await forget(c, body.site, body.visitor);
    return c.json({ accepted: 0, duplicates: 0, forgotten: true }, 202);
  }
  if (who.bot || who.gpc) {
    return c.json({ accepted: 0, duplicates: 0, ignored: body.events.length, reason: who.bot ? "bot" : "gpc" }, 202);
  }
  let result;
  try {
    result = await withDeadline(record(c, { site: body.site, visitor: body.visitor, events: body.events, config, geo: who.geo, now, sentAt: body.sentAt, classifyWith: "nothing" }), COLLECT_DEADLINE_MS, "the visitor's profile");
  } catch (error) {
    // The snippet keeps the events and sends them again later; their ids make that safe.
    logEvent("warn", "collect could not record; asked to retry", { site: body.site, error: String(error) });
    throw apiError(503, "POST /v1/collect: the events could not be recorded right now; send them again later", [{ path: "events", message: "not recorded yet" }], error, { "retry-after": "5" });
  }
  if (result.erased) throw erasedVisitor(c, body.visitor);
  return c.json({ accepted: result.accepted, duplicates: result.duplicates, ...(result.stale > 0 && { stale: result.stale }) }, 202);
});
