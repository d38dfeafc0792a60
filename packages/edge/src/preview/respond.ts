import type { FullDecision } from "@vitrine/shared";
import type { ProductCard, SiteConfig } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { checkPreview } from "./secret";
import { previewDecision } from "./decide";

/**
 * What `POST /v1/decide?vt_preview=<token>` answers: the preview's decision for this page, after
 * the token is checked against the site's secret (403 when it is not valid). Nothing is recorded.
 * @example if (token !== undefined) return c.json(await previewAnswer(c.env, body, config, token, "POST /v1/decide"));
 */
export async function previewAnswer(
  env: Env,
  body: { site: string; visitor: string; products?: readonly ProductCard[] },
  config: SiteConfig,
  token: string,
  where: string,
): Promise<FullDecision> {
  const claims = await checkPreview(env, body.site, token, where);
  return previewDecision({ config, as: claims.as, label: claims.label, visitor: body.visitor, products: body.products, now: Date.now() });
}
