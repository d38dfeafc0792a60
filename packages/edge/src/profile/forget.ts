import type { Env } from "../env";
import { forgetSiteCustomer } from "../stats/site-stats";
import { visitorStub } from "./visitor-profile";

/**
 * Forgets a visitor (privacy deletion, consent withdrawn): their object erases everything it
 * holds, then the spend they had contributed leaves the site's figures. The one path for both
 * the admin API and a withdrawal from the page.
 * @example await forgetVisitor(env, "demo", "v_12345678");
 */
export async function forgetVisitor(env: Env, site: string, visitor: string): Promise<void> {
  const { spend } = await visitorStub(env, site, visitor).erase();
  await forgetSiteCustomer(env, site, spend);
}
