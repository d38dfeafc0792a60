import { Hono } from "hono";
import { CollectRequest } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { readBody } from "../http/body";
import { allowOrigin } from "../http/origin";
import { visitorContext } from "../http/visitor-context";
import { loadConfig } from "../config/store";
import { record } from "./record";

/**
 * `POST /v1/collect {site, visitor, events}` → `202 {accepted, duplicates}`. Bots and visitors
 * with Global Privacy Control are answered alike but nothing is stored.
 */
export const collect = new Hono<AppEnv>().post("/", async (c) => {
  const body = await readBody(c, CollectRequest);
  const config = await loadConfig(c.env, body.site);
  allowOrigin(c, config);
  const who = visitorContext(c);
  if (who.bot || who.gpc) {
    return c.json({ accepted: 0, duplicates: 0, ignored: body.events.length, reason: who.bot ? "bot" : "gpc" }, 202);
  }
  const result = await record(c, { site: body.site, visitor: body.visitor, events: body.events, config, geo: who.geo, now: Date.now() });
  return c.json({ accepted: result.accepted, duplicates: result.duplicates, ...(result.forgotten && { forgotten: true }) }, 202);
});
