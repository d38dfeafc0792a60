import { SiteConfig, formatIssues } from "@vitrine/shared/schema";
import demoConfig from "@vitrine/demo-store/config";
import type { Env } from "../env";
import { apiError } from "../http/errors";

/** How long an isolate reuses a config it read from KV. */
export const CONFIG_CACHE_MS = 30_000;

/** The KV record of a site's current config. */
export interface StoredConfig {
  version: number;
  updatedAt: number;
  config: SiteConfig;
}

export const configKey = (site: string) => `config:${site}`;

/** A null config caches "not configured", so unknown sites do not cost a KV read each. */
const cache = new Map<string, { config: SiteConfig | null; expires: number }>();
let builtIn: SiteConfig | undefined;

/** The demo shop's config, used for site `demo` until a merchant stores one. */
export function builtInDemoConfig(): SiteConfig {
  if (!builtIn) {
    // A failure here is a bug in the shipped demo config: fail loudly.
    builtIn = SiteConfig.parse(demoConfig);
  }
  return builtIn;
}

/**
 * The site's validated config: KV first (cached per isolate for CONFIG_CACHE_MS), then the
 * built-in demo config for `demo`. Unknown sites get a 404.
 * @example const config = await loadConfig(env, "demo", Date.now())
 */
export async function loadConfig(env: Env, site: string, now = Date.now()): Promise<SiteConfig> {
  const hit = cache.get(site);
  if (hit && hit.expires > now) {
    if (hit.config) return hit.config;
    throw apiError(404, `site "${site}" is not configured`);
  }
  const stored = await env.CONFIG.get<StoredConfig>(configKey(site), "json");
  let config: SiteConfig;
  if (stored) {
    const parsed = SiteConfig.safeParse(stored.config);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error);
      throw apiError(503, `stored config for site "${site}" (version ${stored.version}) is invalid at ${issues[0]?.path}`, issues);
    }
    config = parsed.data;
  } else if (site === "demo") {
    config = builtInDemoConfig();
  } else {
    cache.set(site, { config: null, expires: now + CONFIG_CACHE_MS });
    throw apiError(404, `site "${site}" is not configured`);
  }
  cache.set(site, { config, expires: now + CONFIG_CACHE_MS });
  return config;
}

/** Drops the isolate's cached config for a site (after a write). */
export function forgetConfig(site: string): void {
  cache.delete(site);
}
