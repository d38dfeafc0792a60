import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { readBody } from "../../http/body";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";
import { loadConfig } from "../../config/store";
import { PreviewRequest, type PreviewAs } from "../../preview/claims";
import { previewKey } from "../../preview/secret";
import { signPreview } from "../../preview/token";

/**
 * `POST /v1/sites/:site/preview {segment} | {traits: {values, interests}}` (scope `config:read`)
 * → `201 {token, label, expires}`: a signed, short-lived link parameter. Open any shop page with
 * `?vt_preview=<token>`: the page shows what that segment (or those traits) would get, with a
 * "Preview: …" bar, and nothing is recorded, counted or enrolled.
 * @example
 * curl -X POST $EDGE/v1/sites/demo/preview -H "authorization: Bearer $KEY" -d '{"segment":"big-spenders"}'
 */
export const preview = new Hono<AppEnv>().post("/", async (c) => {
  const site = pathParam(c, "site");
  const body = await readBody(c, PreviewRequest);
  const config = await loadConfig(c.env, site);
  let as: PreviewAs;
  let label: string;
  if (body.segment !== undefined && body.traits === undefined) {
    const segment = config.segments.find((candidate) => candidate.id === body.segment);
    if (!segment) throw apiError(400, `POST ${c.req.path}: site "${site}" has no segment "${body.segment}"`, [{ path: "segment", message: "no such segment" }]);
    as = { segment: segment.id };
    label = segment.name;
  } else if (body.traits !== undefined && body.segment === undefined) {
    as = { traits: body.traits };
    const parts = [...(body.traits.interests.length ? [`interested in ${body.traits.interests.join(", ")}`] : []), ...Object.entries(body.traits.values).map(([path, value]) => `${path} ${String(value)}`)];
    label = parts.length ? `hand-made traits (${parts.join("; ")})` : "a new visitor";
  } else {
    throw apiError(400, `POST ${c.req.path}: preview as a segment or as traits, one of the two`, [{ path: "segment", message: "give segment or traits, not both or neither" }]);
  }
  const expires = Date.now() + body.minutes * 60_000;
  const token = await signPreview(await previewKey(c.env, site), { site, as, label, expires });
  c.header("cache-control", "no-store");
  return c.json({ token, label, expires }, 201);
});
