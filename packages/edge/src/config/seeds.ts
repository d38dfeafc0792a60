import { SiteConfig } from "@vitrine/shared/schema";
import type { Env } from "../env";

/** The KV record of a site's current config. */
export interface StoredConfig {
  version: number;
  updatedAt: number;
  config: SiteConfig;
}

/** KV key of a site's published config. */
export const configKey = (site: string) => `config:${site}`;

let parsedFrom: string | undefined;
let seeds = new Map<string, SiteConfig>();

/**
 * The configs the worker was started with (`SEED_CONFIGS`, a JSON array of site configs), by
 * site. A seed is version 0 of its site's history: what the site serves until a merchant stores
 * a config, and what rollback to version 0 restores. The worker knows no site by name; the local
 * start script seeds the demo shop this way. An invalid seed is a setup mistake and throws.
 * @example seedConfig(env, "demo")?.defaultHero // "default"
 */
export function seedConfig(env: Pick<Env, "SEED_CONFIGS">, site: string): SiteConfig | undefined {
  const text = env.SEED_CONFIGS ?? "";
  if (text !== parsedFrom) {
    seeds = parseSeeds(text);
    parsedFrom = text;
  }
  return seeds.get(site);
}

function parseSeeds(text: string): Map<string, SiteConfig> {
  const map = new Map<string, SiteConfig>();
  if (text.trim() === "") return map;
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (cause) {
    throw new Error(`vitrine: SEED_CONFIGS is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  if (!Array.isArray(list)) throw new Error("vitrine: SEED_CONFIGS must be a JSON array of site configs");
  list.forEach((entry, i) => {
    const parsed = SiteConfig.safeParse(entry);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`vitrine: SEED_CONFIGS[${i}] is not a valid site config (at ${first?.path.join(".") || "(root)"}: ${first?.message})`);
    }
    map.set(parsed.data.site, parsed.data);
  });
  return map;
}

/**
 * A site's seed as version 0 of its history, or null.
 * @example seedVersion(env, "demo")?.version // 0
 */
export function seedVersion(env: Pick<Env, "SEED_CONFIGS">, site: string): StoredConfig | null {
  const config = seedConfig(env, site);
  return config ? { version: 0, updatedAt: 0, config } : null;
}
