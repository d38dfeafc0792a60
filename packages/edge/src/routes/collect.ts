import { Hono } from "hono";
import { CollectRequest } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { erasedVisitor, forget, openPublic, withdrawsConsent } from "./public";
import { record } from "./record";

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
  const result = await record(c, { site: body.site, visitor: body.visitor, events: body.events, config, geo: who.geo, now });
  if (result.erased) throw erasedVisitor(c, body.visitor);
  return c.json({ accepted: result.accepted, duplicates: result.duplicates }, 202);
});
