import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, newSite, workerEnv } from "./helpers";

const worker = (exports as unknown as { default: Fetcher }).default;

/** A 1×1 PNG. */
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
const text = (s: string) => [...new TextEncoder().encode(s)];
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...text("JFIF"), 0, 1]);
const WEBP = new Uint8Array([...text("RIFF"), 4, 0, 0, 0, ...text("WEBPVP8 ")]);
const AVIF = new Uint8Array([0, 0, 0, 24, ...text("ftypmif1"), 0, 0, 0, 0, ...text("mif1avif")]);
const SVG = new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

function upload(site: string, bytes: Uint8Array, type: string, alt: string | null = "A test image", headers: Record<string, string> = ADMIN) {
  const query = alt === null ? "" : `?alt=${encodeURIComponent(alt)}`;
  return worker.fetch(new Request(`http://vitrine.test/v1/sites/${site}/images${query}`, { method: "POST", headers: { ...headers, "content-type": type }, body: bytes }));
}

const stored = async (site: string) => (await workerEnv.IMAGES.list({ prefix: `${site}/` })).objects.length;
const issues = async (res: Response) => ((await res.json()) as { error: { issues: { path: string; message: string }[] } }).error.issues;

describe("image uploads", () => {
  it("store a PNG under its content hash and serve it with immutable caching", async () => {
    const site = await newSite("img", demoConfig);
    const res = await upload(site, PNG, "image/png", "A red pixel");
    expect(res.status).toBe(201);
    const image = (await res.json()) as { path: string; url: string; type: string; size: number; alt: string };
    expect(image.path).toMatch(new RegExp(`^/v1/images/${site}/[0-9a-f]{64}\\.png$`));
    expect(image).toMatchObject({ type: "image/png", size: PNG.byteLength, alt: "A red pixel" });
    expect(image.url).toBe(`http://vitrine.test${image.path}`);
    const served = await worker.fetch(new Request(`http://vitrine.test${image.path}`));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    const again = await worker.fetch(new Request(`http://vitrine.test${image.path}`, { headers: { "if-none-match": served.headers.get("etag")! } }));
    expect(again.status).toBe(304);
    expect((await upload(site, PNG, "image/png")).status).toBe(201);
    expect(await stored(site)).toBe(1);
    const listed = (await (await call("GET", `/v1/sites/${site}/images`, undefined, { headers: ADMIN })).json()) as { images: { path: string }[] };
    expect(listed.images.map((entry) => entry.path)).toEqual([image.path]);
  });

  it("accept JPEG, WebP and AVIF by their bytes", async () => {
    const site = await newSite("img-types", demoConfig);
    for (const [bytes, type, ext] of [[JPEG, "image/jpeg", "jpg"], [WEBP, "image/webp", "webp"], [AVIF, "image/avif", "avif"]] as const) {
      const res = await upload(site, bytes, type);
      expect(res.status, type).toBe(201);
      expect(((await res.json()) as { path: string }).path.endsWith(`.${ext}`)).toBe(true);
    }
  });

  it("refuse an oversized upload with 413 and store nothing", async () => {
    const site = await newSite("img-big", demoConfig);
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(PNG.subarray(0, 8));
    const res = await upload(site, big, "image/png");
    expect(res.status).toBe(413);
    expect((await issues(res))[0]!.path).toBe("(root)");
    expect(await stored(site)).toBe(0);
  });

  it("refuse mistyped files by their bytes (415): a JPEG sent as PNG, text sent as PNG, SVG", async () => {
    const site = await newSite("img-type", demoConfig);
    const cases: [Uint8Array, string, RegExp][] = [
      [JPEG, "image/png", /bytes are image\/jpeg/],
      [new TextEncoder().encode("<html>not an image</html>"), "image/png", /not a PNG, JPEG, WebP or AVIF/],
      [SVG, "image/svg+xml", /SVG images are refused/],
      [SVG, "image/png", /SVG images are refused/],
    ];
    for (const [bytes, type, message] of cases) {
      const res = await upload(site, bytes, type);
      expect(res.status, type).toBe(415);
      const body = (await res.json()) as { error: { message: string; issues: { path: string }[] } };
      expect(body.error.message).toMatch(message);
      expect(body.error.issues[0]!.path).toBe("content-type");
    }
    expect(await stored(site)).toBe(0);
  });

  it("need alt text and config:write, and store nothing without them", async () => {
    const site = await newSite("img-alt", demoConfig);
    const noAlt = await upload(site, PNG, "image/png", null);
    expect(noAlt.status).toBe(400);
    expect((await issues(noAlt))[0]!.path).toBe("alt");
    const made = (await (await call("POST", `/v1/sites/${site}/keys`, { name: "Reader", scopes: ["config:read"] }, { headers: ADMIN })).json()) as { token: string };
    expect((await upload(site, PNG, "image/png", "alt", { authorization: `Bearer ${made.token}` })).status).toBe(403);
    expect(await stored(site)).toBe(0);
  });
});
