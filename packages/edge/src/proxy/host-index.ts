import type { SiteConfig } from "@vitrine/shared/schema";
import type { Env } from "../env";

/**
 * The index of proxied hosts in KV, kept free of HTTP types: the config history (a Durable
 * Object) publishes it. Finding a request's site is hosts.ts.
 */

/** KV key that names the site a proxied host belongs to (written when a config is published). */
export const hostKey = (host: string) => `proxy-host:${host}`;

/** host → site (or null: not proxied), per isolate, for as long as a config is cached. */
export const hostCache = new Map<string, { site: string | null; expires: number }>();

/**
 * Publishes which hosts a site's config proxies (KV `proxy-host:<host>` → site) and withdraws
 * hosts an earlier version listed and this one does not. Call after storing a config.
 * @example await publishProxyHosts(env, config, previous);
 */
export async function publishProxyHosts(env: Pick<Env, "CONFIG">, config: SiteConfig, previous?: SiteConfig | null): Promise<void> {
  const now = new Set(config.proxy?.hosts ?? []);
  const gone = (previous?.proxy?.hosts ?? []).filter((host) => !now.has(host));
  await Promise.all([
    ...[...now].map((host) => env.CONFIG.put(hostKey(host), config.site)),
    ...gone.map(async (host) => {
      if ((await env.CONFIG.get(hostKey(host))) === config.site) await env.CONFIG.delete(hostKey(host));
    }),
  ]);
  for (const host of [...now, ...gone]) hostCache.delete(host);
}
