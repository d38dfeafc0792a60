import { Hono } from "hono";
import source, { etag, extra, extraEtag } from "@vitrine/sdk/snippet-source";
import type { AppEnv } from "../env";

/**
 * Serves one of the snippet's files, cacheable for five minutes and revalidated by its content
 * hash, so a new release reaches every page within minutes. Readable from any origin: the lazy
 * part is loaded with `import()`, which fetches in CORS mode.
 */
const script = (body: string, hash: string) => {
  const ETAG = `"${hash}"`;
  return new Hono<AppEnv>().get("/", (c) => {
    const headers = {
      "content-type": "application/javascript; charset=utf-8",
      "cache-control": "public, max-age=300, stale-while-revalidate=86400",
      etag: ETAG,
      "access-control-allow-origin": "*",
    };
    if (c.req.header("if-none-match") === ETAG) return c.body(null, 304, headers);
    return c.body(body, 200, headers);
  });
};

/** `GET /v1/sdk.js` — the browser snippet. */
export const sdk = script(source, etag);

/** `GET /v1/sdk-extra.js` — the snippet's lazy part, an ES module it loads on first use. */
export const sdkExtra = script(extra, extraEtag);
