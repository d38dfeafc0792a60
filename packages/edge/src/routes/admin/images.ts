import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { apiError } from "../../http/errors";
import { pathParam } from "../../http/params";
import { readBytes } from "../../http/read-bytes";
import { listImages, MAX_IMAGE_BYTES, storeImage } from "../../images/store";

/**
 * A site's hero images (R2): `POST /v1/sites/:site/images?alt=…` with the image's bytes as the
 * body and its type as `content-type` (scope `config:write`) → `201 {path, url, type, size, alt}`;
 * `GET …/images` (scope `config:read`) → `{site, images}`. PNG, JPEG, WebP and AVIF up to 2 MB,
 * checked by their bytes; SVG is refused. Alt text is required.
 * @example
 * curl -X POST "$EDGE/v1/sites/demo/images?alt=Kids%20in%20rain%20boots" -H "authorization: Bearer $KEY" \
 *   -H "content-type: image/webp" --data-binary @hero.webp
 */
export const imageUploads = new Hono<AppEnv>()
  .get("/", async (c) => {
    const site = pathParam(c, "site");
    return c.json({ site, images: await listImages(c.env, site) });
  })
  .post("/", async (c) => {
    const site = pathParam(c, "site");
    const where = `POST ${c.req.path}`;
    const alt = (c.req.query("alt") ?? "").trim();
    if (alt.length === 0 || alt.length > 200) {
      throw apiError(400, `${where}: alt text is required (1-200 characters, ?alt=…): it tells people who cannot see the image what it shows`, [{ path: "alt", message: "alt text is required (1-200 characters)" }]);
    }
    const declared = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const bytes = await readBytes(c.req.raw, MAX_IMAGE_BYTES, where);
    const image = await storeImage(c.env, site, bytes, declared, alt, where);
    return c.json({ ...image, url: new URL(image.path, c.req.url).href }, 201);
  });
