import { Hono } from "hono";
import source, { etag } from "@vitrine/sdk/snippet-source";
import type { AppEnv } from "../env";

const ETAG = `"${etag}"`;

/**
 * `GET /v1/sdk.js` — the browser snippet, cacheable for five minutes and revalidated by its
 * content hash, so a new release reaches every page within minutes.
 */
export const sdk = new Hono<AppEnv>().get("/", (c) => {
  const headers = {
    "content-type": "application/javascript; charset=utf-8",
    "cache-control": "public, max-age=300, stale-while-revalidate=86400",
    etag: ETAG,
    "access-control-allow-origin": "*",
  };
  if (c.req.header("if-none-match") === ETAG) return c.body(null, 304, headers);
  return c.body(source, 200, headers);
});
