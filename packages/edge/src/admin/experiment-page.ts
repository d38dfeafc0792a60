import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { apiError } from "../http/errors";
import { pathParam } from "../http/params";
// The page's styles and scripts are plain browser files, bundled as text modules (wrangler.toml's
// rules), so they do not weigh on the worker's own bundle.
import PAGE_STYLE from "./assets/results.css";
import { PAGE_HELP } from "./page-help";
import CORE_SCRIPT from "./assets/results-core.client.js";
import CHARTS_SCRIPT from "./assets/results-charts.client.js";
import TABLES_SCRIPT from "./assets/results-tables.client.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** A fresh base64 nonce per page: the only script the page may run is the one it carries. */
function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The page shell: everything inline, no framework and nothing from elsewhere. Data arrives from
 * the JSON API with the admin key the reader gives once per tab (kept in sessionStorage).
 */
function page(site: string, experiment: string | null, scriptNonce: string): string {
  const title = experiment ? `Results of ${experiment}` : "Experiments";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · ${escapeHtml(site)} · Vitrine</title>
<style nonce="${scriptNonce}">${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the results</a>
<header>
  <p class="crumbs"><a href="/admin/sites/${escapeHtml(site)}/experiments">Experiments of ${escapeHtml(site)}</a></p>
  <h1 id="page-title">${escapeHtml(title)}</h1>
</header>
<main id="main" tabindex="-1" data-site="${escapeHtml(site)}" data-experiment="${escapeHtml(experiment ?? "")}">
  <form id="key-form" hidden>
    <h2>Admin key</h2>
    <p>The results are behind the site's admin key. It is kept in this tab only (sessionStorage) and sent to this worker alone.</p>
    <label for="admin-key">Admin key</label>
    <input id="admin-key" name="key" type="password" autocomplete="current-password" required spellcheck="false">
    <button type="submit">Show results</button>
  </form>
  <p id="status" role="status" aria-live="polite">Loading…</p>
  <div id="content"></div>
</main>
${experiment ? PAGE_HELP : ""}
<footer><button type="button" id="forget-key" hidden>Forget the admin key</button></footer>
<script nonce="${scriptNonce}">${CORE_SCRIPT}
${CHARTS_SCRIPT}
${TABLES_SCRIPT}
start();</script>
</body>
</html>`;
}

function answer(c: Context<AppEnv>, site: string, experiment: string | null) {
  const scriptNonce = nonce();
  c.header("content-security-policy", `default-src 'none'; script-src 'nonce-${scriptNonce}'; style-src 'nonce-${scriptNonce}'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`);
  c.header("cache-control", "no-store");
  c.header("x-content-type-options", "nosniff");
  c.header("referrer-policy", "no-referrer");
  return c.html(page(site, experiment, scriptNonce));
}

/**
 * The results pages: `GET /admin/sites/:site/experiments` (the list) and
 * `GET /admin/sites/:site/experiments/:id` (one experiment or holdout: rates with intervals,
 * cumulative lift by day, the SRM check, the verdict in words, the numbers as a table and CSV).
 * The pages themselves hold no data; their script reads it from the admin API.
 * @example app.route("/admin/sites/:site/experiments", experimentPages)
 */
export const experimentPages = new Hono<AppEnv>()
  .get("/", (c) => answer(c, pathParam(c, "site"), null))
  .get("/:id", (c) => {
    const id = c.req.param("id");
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(id)) throw apiError(404, `${c.req.path}: not found`);
    return answer(c, pathParam(c, "site"), id);
  });
