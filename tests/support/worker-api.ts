import { inject } from "vitest";

export const workerUrl = () => inject("workerUrl");

/**
 * What `wrangler dev`'s proxy answers (503) to a request other than GET or HEAD that was in
 * flight while it reloaded the worker; it resends only GET and HEAD itself. A deployed worker
 * never answers this: it is the local dev server's, not Vitrine's (the worker's own 503s are JSON).
 */
const DEV_RELOAD = "Your worker restarted mid-request";

/**
 * `fetch(workerUrl() + path, init)`, sent again (up to twice, saying so on stderr) when the local
 * dev server answered that it reloaded the worker mid-request. The first one may or may not have
 * been handled, so only for requests that may be handled twice: events and orders carry ids the
 * worker counts once (a resent order is credited to experiments again, which the results store
 * once); a config PUT or rollback without `If-Match`, or a new key, at worst adds a version or
 * a key. Never for a request with `If-Match` (a handled first one makes the resend a 409).
 * @example const res = await workerFetch("/v1/decide", { method: "POST", body: JSON.stringify(body) });
 */
export async function workerFetch(path: string, init: RequestInit & { body?: string } = {}): Promise<Response> {
  if (new Headers(init.headers).has("if-match")) throw new Error(`workerFetch: ${path} carries If-Match; send it with fetch, which never resends it`);
  for (let attempt = 1; ; attempt += 1) {
    const res = await fetch(`${workerUrl()}${path}`, init);
    if (res.status !== 503 || attempt === 3) return res;
    const text = await res.clone().text();
    if (!text.startsWith(DEV_RELOAD)) return res;
    console.warn(`wrangler dev reloaded the worker during ${init.method ?? "GET"} ${path}; sending it again (attempt ${attempt + 1} of 3)`);
  }
}

const admin = () => ({ authorization: `Bearer ${inject("adminToken")}` });

/** What the worker stores for a visitor of `site`, through the admin export endpoint; null when nothing is. */
export async function exportVisitor(visitor: string, site = "demo"): Promise<{ profile: any; traits: any } | null> {
  const res = await workerFetch(`/v1/sites/${site}/visitors/${visitor}`, { headers: admin() });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`export of ${visitor} on site ${site} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { profile: any; traits: any };
}

/** Stores `config` as its site's current configuration through the admin API. */
export async function putSiteConfig(config: { site: string; [key: string]: unknown }): Promise<void> {
  const res = await workerFetch(`/v1/sites/${config.site}/config`, {
    method: "PUT",
    headers: { ...admin(), "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  if (!res.ok) throw new Error(`PUT of site ${config.site}'s config answered ${res.status}: ${await res.text()}`);
}

/** POSTs `body` as JSON to the worker (`workerFetch`) and answers the JSON it got; throws naming the status and the answer otherwise. */
export async function postJson(path: string, body: unknown, headers: Record<string, string>): Promise<any> {
  const res = await workerFetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}
