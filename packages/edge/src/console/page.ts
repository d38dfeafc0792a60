import { Hono } from "hono";
import type { AppEnv } from "../env";
import { apiError } from "../http/errors";

/** The console's page: every view is drawn by the scripts it loads; nothing comes from elsewhere. */
const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vitrine console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/assets/console.css">
<script type="module" src="/admin/assets/main.client.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="brand">Vitrine <span>console</span></p>
  <nav aria-label="Console" id="nav"></nav>
  <p id="who" class="who"></p>
</header>
<main id="main" tabindex="-1"><p>Loading the console…</p><noscript>The console needs JavaScript.</noscript></main>
<div id="announcer" class="sr-only" aria-live="polite" aria-atomic="true"></div>
</body>
</html>
`;

/** No inline code, no other origins; images may come from https (where heroes live) and the worker. */
const SECURITY = {
  "content-security-policy": "default-src 'self'; img-src 'self' https: data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

const etags = new Map<string, string>();
async function etagOf(name: string, body: string): Promise<string> {
  let tag = etags.get(name);
  if (!tag) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
    tag = `"${Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("")}"`;
    etags.set(name, tag);
  }
  return tag;
}

/**
 * `/admin` — the merchant's console (sign in with a site key; the key stays in the tab's session
 * storage) — and its scripts and styles under `/admin/assets/`, revalidated by content hash.
 * @example app.route("/admin", consolePages);
 */
export const consolePages = new Hono<AppEnv>()
  .get("/", (c) => c.html(SHELL, 200, { ...SECURITY, "cache-control": "no-cache" }))
  .get("/assets/:name", async (c) => {
    const name = c.req.param("name");
    // Loaded on the first console request only: the decide path never pays for the console's files.
    const { CONSOLE_ASSETS } = await import("./assets");
    const asset = Object.hasOwn(CONSOLE_ASSETS, name) ? CONSOLE_ASSETS[name] : undefined;
    if (!asset) throw apiError(404, `${c.req.path}: no such console file`);
    const etag = await etagOf(name, asset.body);
    const headers = { ...SECURITY, "content-type": asset.type, "cache-control": "no-cache", etag };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, headers);
  });
