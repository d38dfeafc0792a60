// The demo shop as its own origin server, without the Vitrine snippet: what a shop looks like
// before proxy mode. The worker, in front of it, serves it on http://demo.localhost:PORT/ with the
// slots already personalized and the snippet added (packages/edge/src/proxy/). Used by
// `npm start`, the end-to-end tests and the benchmarks. Plain Node, binds 127.0.0.1 only.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** The built shop (`npm run build` makes it). */
export const DEMO_PUBLIC = join(root, "examples", "demo-store", "public");
const DEMO_CONFIG = join(root, "examples", "demo-store", "vitrine.config.json");

/** The host name a browser uses for the proxied demo: every `*.localhost` name reaches 127.0.0.1. */
export const PROXY_DEMO_HOST = "demo.localhost";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

/** The snippet tag every built page carries; the origin serves pages without it. */
const SNIPPET_TAG = /[ \t]*<script src="\/v1\/sdk\.js"[^>]*><\/script>\r?\n?/;

const NOT_FOUND = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found · Harbor Goods</title><link rel="stylesheet" href="/css/shop.css"></head>
<body><main class="wrap"><h1>Not found</h1><p>There is no page here. <a href="/">Back to the shop</a></p></main></body></html>
`;

/**
 * The demo's site config with proxy mode on: the worker forwards `demo.localhost` (any port) to
 * `originUrl` and keeps origin pages up to 30 seconds.
 * @example startWorker({ vars: { SEED_CONFIGS: JSON.stringify([proxyDemoSeed(origin.url)]) } })
 * @param {string} originUrl e.g. http://127.0.0.1:8788
 */
export function proxyDemoSeed(originUrl) {
  const config = JSON.parse(readFileSync(DEMO_CONFIG, "utf8"));
  return { ...config, proxy: { origin: originUrl, hosts: [PROXY_DEMO_HOST], cacheHtmlSeconds: 30 } };
}

/** The file a URL path names inside `dir`, or null when it would leave it. */
function fileFor(dir, pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = normalize(join(dir, path.endsWith("/") ? join(path, "index.html") : path));
  return file === dir || file.startsWith(dir + sep) ? file : null;
}

async function answer(dir, req, res) {
  const url = new URL(req.url ?? "/", "http://origin");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
    return res.end("demo origin: only GET and HEAD\n");
  }
  const file = fileFor(dir, url.pathname);
  const info = file ? await stat(file).catch(() => null) : null;
  if (info?.isDirectory()) {
    // As static hosts do: /c/mens → /c/mens/ (a redirect the proxy passes on).
    res.writeHead(301, { location: `${url.pathname}/${url.search}`, "cache-control": "public, max-age=300" });
    return res.end();
  }
  if (!file || !info) {
    res.writeHead(404, { "content-type": TYPES[".html"], "cache-control": "no-store" });
    return res.end(req.method === "HEAD" ? undefined : NOT_FOUND);
  }
  const type = TYPES[extname(file)] ?? "application/octet-stream";
  let body = await readFile(file);
  if (type.startsWith("text/html")) body = Buffer.from(body.toString("utf8").replace(SNIPPET_TAG, ""));
  res.writeHead(200, {
    "content-type": type,
    "content-length": body.length,
    // Pages may be kept a minute by shared caches (the worker keeps the origin's copy, never a visitor's).
    "cache-control": type.startsWith("text/html") ? "public, max-age=60" : "public, max-age=300",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Serves the built demo shop without the snippet on 127.0.0.1:`port` (0: any free port).
 * @example
 * const origin = await startDemoOrigin({ port: 8788 });
 * console.log(origin.url); // http://127.0.0.1:8788
 * await origin.stop();
 * @param {{ port?: number, dir?: string }} [options]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startDemoOrigin({ port = 0, dir = DEMO_PUBLIC } = {}) {
  if (!(await stat(join(dir, "index.html")).catch(() => null))) throw new Error(`vitrine: the demo shop is not built (${dir}/index.html is missing); run npm run build`);
  const server = createServer((req, res) => {
    answer(dir, req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`demo origin: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve, reject) => {
    server.once("error", (error) => reject(new Error(`vitrine: the demo origin cannot listen on 127.0.0.1:${port} (${error.code ?? error.message})`, { cause: error })));
    server.listen(port, "127.0.0.1", resolve);
  });
  const bound = /** @type {import("node:net").AddressInfo} */ (server.address()).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
