import type { SiteConfig } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { CONFIG_CACHE_MS, loadConfig } from "../config/store";

import { hostCache as cache, hostKey } from "./host-index";

export { hostKey, publishProxyHosts } from "./host-index";

/** A proxied site: its id and validated config, whose `proxy` section is set. */
export interface ProxiedSite {
  site: string;
  config: SiteConfig & { proxy: NonNullable<SiteConfig["proxy"]> };
}


let seedsFrom: string | undefined;
let seedHosts = new Map<string, string>();

/** Hosts named by the seed configs' `proxy.hosts`. Validation is loadConfig's job: this only indexes. */
function seeded(env: Pick<Env, "SEED_CONFIGS">): Map<string, string> {
  const text = env.SEED_CONFIGS ?? "";
  if (text === seedsFrom) return seedHosts;
  seedsFrom = text;
  seedHosts = new Map();
  try {
    const list: unknown = text.trim() === "" ? [] : JSON.parse(text);
    for (const entry of Array.isArray(list) ? list : []) {
      const hosts: unknown = entry?.proxy?.hosts;
      if (typeof entry?.site === "string" && Array.isArray(hosts)) for (const host of hosts) if (typeof host === "string") seedHosts.set(host, entry.site);
    }
  } catch {
    // An unreadable SEED_CONFIGS fails loudly in loadConfig; here it proxies nothing.
  }
  return seedHosts;
}

/** The site that claims `key` (a host with or without its port): seeds first, then the KV index. */
async function claimedBy(env: Env, key: string, now: number): Promise<string | null> {
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.site;
  const site = seeded(env).get(key) ?? (await env.CONFIG.get(hostKey(key)));
  cache.set(key, { site, expires: now + CONFIG_CACHE_MS });
  return site;
}

/**
 * Which site's shop a request is for, by its host: `demo.localhost:8787` is looked up as itself,
 * then as `demo.localhost`. A site counts only while its current config still lists the host,
 * so a stale index entry never routes a host to a site that gave it up. Null: not proxied (the
 * request is the worker's own: its API, or the demo shop's assets).
 * @example const shop = await proxiedSite(env, new URL(c.req.url)); // { site: "demo", config } or null
 */
export async function proxiedSite(env: Env, url: URL, now = Date.now()): Promise<ProxiedSite | null> {
  for (const key of url.port ? [url.host, url.hostname] : [url.hostname]) {
    const site = await claimedBy(env, key, now);
    if (site === null) continue;
    let config: SiteConfig;
    try {
      config = await loadConfig(env, site, now);
    } catch {
      continue; // the site is gone or its config unreadable: serve nothing rather than guess
    }
    if (config.proxy?.hosts.includes(key)) return { site, config: config as ProxiedSite["config"] };
  }
  return null;
}
