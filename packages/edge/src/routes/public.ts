import type { Context } from "hono";
import type { CollectRequest, DecideRequest, Event, Infer } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { readBody } from "../http/body";
import { allowOrigin } from "../http/origin";
import { visitorContext } from "../http/visitor-context";
import { loadConfig } from "../config/store";
import { forgetVisitor } from "../profile/forget";
import { apiError } from "../http/errors";
import { rateLimit } from "../http/rate-limit";

/**
 * The opening both public endpoints share: the body validated, the site's config loaded, the
 * browser's origin checked, and what the edge knows of the request. Nothing is stored yet.
 * @example const { body, config, who, now } = await openPublic(c, CollectRequest);
 */
export async function openPublic<S extends typeof CollectRequest | typeof DecideRequest>(c: Context<AppEnv>, schema: S) {
  const body = (await readBody(c, schema)) as Infer<S>;
  const config = await loadConfig(c.env, body.site);
  allowOrigin(c, config);
  await rateLimit(c, body.site, body.visitor);
  return { body, config, who: visitorContext(c, config.settings), now: Date.now() };
}

/** True when the batch withdraws consent: the visitor is to be forgotten, whatever else it says. */
export const withdrawsConsent = (events: readonly Event[] | undefined) => events?.some((event) => event.type === "consent" && event.granted === false) ?? false;

/**
 * Forgets a visitor now (consent withdrawn). Done before the bot and Global Privacy Control
 * checks, since those only stop new data from being stored. Only the visitor's own browser may
 * ask this way: the request must carry the site's origin (checked by `openPublic`) besides the
 * id; anyone else erases through `DELETE /v1/sites/:site/visitors/:visitor` with an admin key.
 * @example if (withdrawsConsent(body.events)) await forget(c, body.site, body.visitor);
 */
export async function forget(c: Context<AppEnv>, site: string, visitor: string): Promise<void> {
  if (!c.req.header("origin")) {
    throw apiError(403, `${c.req.method} ${c.req.path}: a consent withdrawal must come from the visitor's browser on the site (with its Origin); to erase a visitor from a server use DELETE /v1/sites/${site}/visitors/${visitor} with an admin key`, [
      { path: "origin", message: "a withdrawal needs the site's origin" },
    ]);
  }
  await forgetVisitor(c.env, site, visitor);
}

/** The answer to events from a visitor who was erased: refused, so the page drops them instead of retrying. */
export function erasedVisitor(c: Context<AppEnv>, visitor: string) {
  return apiError(410, `${c.req.method} ${c.req.path}: visitor "${visitor}" was erased (consent withdrawn or deleted); events for this id are refused, the page should start a new visitor id`, [
    { path: "visitor", message: "erased" },
  ]);
}
