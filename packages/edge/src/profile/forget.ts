import type { Env } from "../env";
import { visitorStub } from "./visitor-profile";

/**
 * Forgets a visitor (privacy deletion, consent withdrawn): their object erases everything it
 * holds but a tombstone, and its outbox takes their spend out of the site's figures exactly once.
 * The one path for both the admin API and a withdrawal from the page.
 * @example await forgetVisitor(env, "demo", "v_12345678");
 */
export async function forgetVisitor(env: Env, site: string, visitor: string): Promise<void> {
  await visitorStub(env, site, visitor).erase(site, visitor);
}
