import type { Env } from "../env";
import { apiError } from "../http/errors";
import { IMAGE_TYPES, sniffImage } from "./sniff";

/** Largest image the console uploads: hero images are shown large, but 2 MB is plenty for WebP/AVIF. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * Where an image is served: its content hash in the name, so the address never changes meaning.
 * @example imagePath("demo", "3a7b…e1.webp") // "/v1/images/demo/3a7b…e1.webp"
 */
export const imagePath = (site: string, file: string) => `/v1/images/${site}/${file}`;

/** An uploaded image as the console and the API show it. */
export interface StoredImage {
  site: string;
  file: string;
  path: string;
  type: string;
  size: number;
  alt: string;
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * Checks an upload (declared type, magic bytes, size) and stores it in R2 under its SHA-256, so
 * the same image uploaded twice is one object. Throws a 4xx and stores nothing when a check fails.
 * @example const image = await storeImage(env, "demo", bytes, "image/png", "A red kite", "POST /v1/sites/demo/images");
 */
export async function storeImage(env: Env, site: string, bytes: Uint8Array, declared: string, alt: string, where: string): Promise<StoredImage> {
  if (bytes.byteLength === 0) throw apiError(400, `${where}: the body is empty; send the image's bytes`, [{ path: "(root)", message: "empty body" }]);
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw apiError(413, `${where}: the image is larger than ${MAX_IMAGE_BYTES} bytes`, [{ path: "(root)", message: `over ${MAX_IMAGE_BYTES} bytes` }]);
  const sniffed = sniffImage(bytes);
  if (sniffed === "svg") {
    throw apiError(415, `${where}: SVG images are refused (they can carry scripts); export the image as PNG, WebP or AVIF`, [{ path: "content-type", message: "SVG is refused" }]);
  }
  if (sniffed === null) throw apiError(415, `${where}: the file is not a PNG, JPEG, WebP or AVIF image (its bytes say so, whatever its name or type)`, [{ path: "content-type", message: "not a PNG, JPEG, WebP or AVIF image" }]);
  if (declared !== sniffed) {
    throw apiError(415, `${where}: the file was sent as "${declared}" but its bytes are ${sniffed}; send it with content-type ${sniffed}`, [{ path: "content-type", message: `bytes are ${sniffed}` }]);
  }
  const file = `${hex(await crypto.subtle.digest("SHA-256", bytes))}.${IMAGE_TYPES[sniffed]}`;
  await env.IMAGES.put(`${site}/${file}`, bytes, {
    httpMetadata: { contentType: sniffed, cacheControl: "public, max-age=31536000, immutable" },
    customMetadata: { alt },
  });
  return { site, file, path: imagePath(site, file), type: sniffed, size: bytes.byteLength, alt };
}

/**
 * The site's uploaded images, newest first (at most `limit`).
 * @example const images = await listImages(env, "demo");
 */
export async function listImages(env: Env, site: string, limit = 200): Promise<StoredImage[]> {
  // `include` asks for the metadata too (the runtime knows it; these types do not yet).
  const listed = await env.IMAGES.list({ prefix: `${site}/`, limit, include: ["httpMetadata", "customMetadata"] } as R2ListOptions);
  return listed.objects
    .sort((a, b) => b.uploaded.getTime() - a.uploaded.getTime())
    .map((object) => {
      const file = object.key.slice(site.length + 1);
      return { site, file, path: imagePath(site, file), type: object.httpMetadata?.contentType ?? "", size: object.size, alt: object.customMetadata?.alt ?? "" };
    });
}
