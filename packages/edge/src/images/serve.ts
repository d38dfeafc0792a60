import { Hono } from "hono";
import type { AppEnv } from "../env";
import { apiError } from "../http/errors";

const FILE = /^[0-9a-f]{64}\.(png|jpg|webp|avif)$/;
const SITE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * `GET /v1/images/:site/:file` — an uploaded image, public, named by its content hash and so
 * cached for a year as immutable; revalidation by ETag answers 304.
 * @example <img src="https://edge.example/v1/images/demo/3a7bd3…e1.webp" alt="…">
 */
export const images = new Hono<AppEnv>().get("/:site/:file", async (c) => {
  const site = c.req.param("site");
  const file = c.req.param("file");
  if (!SITE.test(site) || !FILE.test(file)) throw apiError(404, `${c.req.path}: no such image`);
  const object = await c.env.IMAGES.get(`${site}/${file}`, { onlyIf: c.req.raw.headers });
  if (!object) throw apiError(404, `${c.req.path}: no such image`);
  const headers = new Headers();
  object.writeHttpMetadata(headers);
  headers.set("etag", object.httpEtag);
  headers.set("cache-control", "public, max-age=31536000, immutable");
  headers.set("x-content-type-options", "nosniff");
  headers.set("content-security-policy", "default-src 'none'; sandbox");
  headers.set("cross-origin-resource-policy", "cross-origin");
  if (!("body" in object) || !object.body) return new Response(null, { status: 304, headers });
  return new Response(object.body, { status: 200, headers });
});
