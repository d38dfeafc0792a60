import type { Env } from "../env";
import { visitorStub } from "./visitor-profile";
import { loadConfig } from "../config/store";
import { poolStub } from "../offers/codes";

/**
 * Forgets a visitor (privacy deletion, consent withdrawn): their object erases everything it
 * holds but a tombstone, and its outbox takes their spend out of the site's figures exactly once;
 * the pools they drew single-use codes from forget whose the codes were (the codes stay spent).
 * The one path for both the admin API and a withdrawal from the page.
 * @example await forgetVisitor(env, "demo", "v_12345678");
 */
export async function forgetVisitor(env: Env, site: string, visitor: string): Promise<void> {
  // The object forgets the visitor in every pool they drew from (its own list, retried by alarm).
  await visitorStub(env, site, visitor).erase(site, visitor);
  // Codes drawn before the object kept that list: the pools of the site's offers now. A config that
  // cannot be read fails the erasure, which is safe to send again.
  const config = await loadConfig(env, site);
  const pools = new Set(Object.values(config.slots).flatMap((slot) => Object.values(slot.variants).flatMap((variant) => (variant.offer?.pool ? [variant.offer.pool] : []))));
  await Promise.all([...pools].map((pool) => poolStub(env, site, pool).forget(visitor)));
}
