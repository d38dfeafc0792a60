import { SiteConfig, formatIssues } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { apiError } from "../http/errors";
import { configKey, seedConfig, type StoredConfig } from "./seeds";
import { logEvent, withDeadline } from "../http/deadline";

export { configKey, type StoredConfig } from "./seeds";

/** How long an isolate reuses a config it read from KV. */
export const CONFIG_CACHE_MS = 30_000;
/** How long a config read from KV may take before the last good config (or the seed) answers. */
export const KV_DEADLINE_MS = 500;

/** A null config caches "not configured", so unknown sites do not cost a KV read each. */
const cache = new Map<string, { config: SiteConfig | null; expires: number }>();
/** The last config each site served from KV that validated: what an invalid newer one falls back to. */
const lastGood = new Map<string, SiteConfig>();

/**
 * The site's validated config: KV first (cached per isolate for CONFIG_CACHE_MS), then the
 * site's seed (`SEED_CONFIGS`). Unknown sites get a 404. A stored config that no longer
 * validates is logged and the last good one (or the seed) is served instead.
 * @example const config = await loadConfig(env, "demo", Date.now())
 */
export async function loadConfig(env: Env, site: string, now = Date.now()): Promise<SiteConfig> {
  const hit = cache.get(site);
  if (hit && hit.expires > now) {
    if (hit.config) return hit.config;
    throw notConfigured(site);
  }
  let stored: StoredConfig | null;
  try {
    stored = await withDeadline(env.CONFIG.get<StoredConfig>(configKey(site), "json"), KV_DEADLINE_MS, "the config store (KV)");
  } catch (error) {
    const fallback = lastGood.get(site) ?? seedConfig(env, site);
    logEvent("error", fallback ? "config store failed; serving the last good config" : "config store failed; nothing to fall back on", { site, error: String(error) });
    if (!fallback) throw apiError(503, `the config of site "${site}" cannot be read right now; try again shortly`, [{ path: "site", message: "config store unavailable" }], error, { "retry-after": "5" });
    // A short cache: try the store again soon, but not on every request.
    cache.set(site, { config: fallback, expires: now + 5_000 });
    return fallback;
  }
  let config = stored ? validStored(site, stored) : undefined;
  config ??= (stored && lastGood.get(site)) || seedConfig(env, site);
  if (!config && stored) {
    throw apiError(503, `stored config for site "${site}" (version ${stored.version}) is invalid and no earlier good version is at hand; store a corrected config`, [
      { path: "config", message: `version ${stored.version} does not validate` },
    ]);
  }
  if (!config) {
    cache.set(site, { config: null, expires: now + CONFIG_CACHE_MS });
    throw notConfigured(site);
  }
  cache.set(site, { config, expires: now + CONFIG_CACHE_MS });
  return config;
}

function validStored(site: string, stored: StoredConfig): SiteConfig | undefined {
  const parsed = SiteConfig.safeParse(stored.config);
  if (parsed.success) {
    lastGood.set(site, parsed.data);
    return parsed.data;
  }
  const issues = formatIssues(parsed.error);
  logEvent("error", "stored config is invalid; serving the last good one", { site, version: stored.version, issues });
  return undefined;
}

function notConfigured(site: string) {
  return apiError(404, `site "${site}" is not configured`, [{ path: "site", message: `no config is stored for "${site}"` }]);
}

/** Drops the isolate's cached config for a site (after a write). */
export function forgetConfig(site: string): void {
  cache.delete(site);
}
