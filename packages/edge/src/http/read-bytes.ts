import { apiError } from "./errors";

/**
 * Reads a request body as bytes, refusing it with 413 as soon as it passes `limit` (a declared
 * length over the limit is refused before reading anything).
 * @example const bytes = await readBytes(c.req.raw, MAX_IMAGE_BYTES, "POST /v1/sites/demo/images");
 */
export async function readBytes(req: Request, limit: number, where: string): Promise<Uint8Array> {
  const tooLarge = () => apiError(413, `${where}: the body is larger than ${limit} bytes`, [{ path: "(root)", message: `body over ${limit} bytes` }]);
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
