import type { Context } from "hono";
import type { CollectRequest, DecideRequest, Event, Infer } from "@vitrine/shared/schema";
import type { AppEnv } from "../env";
import { readBody } from "../http/body";
import { allowOrigin } from "../http/origin";
import { visitorContext } from "../http/visitor-context";
import { loadConfig } from "../config/store";
import { forgetVisitor } from "../profile/forget";

/**
 * The opening both public endpoints share: the body validated, the site's config loaded, the
 * browser's origin checked, and what the edge knows of the request. Nothing is stored yet.
 * @example const { body, config, who, now } = await openPublic(c, CollectRequest);
 */
export async function openPublic<S extends typeof CollectRequest | typeof DecideRequest>(c: Context<AppEnv>, schema: S) {
  const body = (await readBody(c, schema)) as Infer<S>;
  const config = await loadConfig(c.env, body.site);
  allowOrigin(c, config);
  return { body, config, who: visitorContext(c, config.settings), now: Date.now() };
}

/** True when the batch withdraws consent: the visitor is to be forgotten, whatever else it says. */
export const withdrawsConsent = (events: readonly Event[] | undefined) => events?.some((event) => event.type === "consent" && event.granted === false) ?? false;

/**
 * Forgets a visitor now (consent withdrawn). Done before the bot and Global Privacy Control
 * checks, since those only stop new data from being stored.
 * @example if (withdrawsConsent(body.events)) await forget(c, body.site, body.visitor);
 */
export async function forget(c: Context<AppEnv>, site: string, visitor: string): Promise<void> {
  await forgetVisitor(c.env, site, visitor);
}
