import { DurableObject } from "cloudflare:workers";
import type { SiteConfig } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { configKey, type StoredConfig } from "./store";

/** A version as listed: when, by which change, and a one-line summary of what it holds. */
export interface ConfigVersion {
  version: number;
  updatedAt: number;
  note: string;
  summary: string;
}

/** Why a write was refused; the route turns it into a 4xx. */
export type WriteRefusal = { refused: "stale"; current: number } | { refused: "unknown-version"; version: number };

function summarize(config: SiteConfig): string {
  return `${config.segments.length} segments, ${Object.keys(config.heroes).length} heroes, ${config.heroRules.length} hero rules, ${config.sortRules.length} sort rules`;
}

/**
 * One site's config history. Writes go through this object, so versions are numbered without
 * races and nothing is ever overwritten; the current version is then published to KV, where
 * every isolate reads it.
 */
export class ConfigHistory extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS versions (version INTEGER PRIMARY KEY, updated_at INTEGER NOT NULL, note TEXT NOT NULL, body TEXT NOT NULL)");
  }

  /** Stores a validated config as the next version; `expected` guards against lost updates. */
  async write(site: string, config: SiteConfig, note: string, expected?: number): Promise<StoredConfig | WriteRefusal> {
    const current = this.latest();
    if (expected !== undefined && expected !== current) return { refused: "stale", current };
    const stored: StoredConfig = { version: current + 1, updatedAt: Date.now(), config };
    this.sql.exec("INSERT INTO versions (version, updated_at, note, body) VALUES (?, ?, ?, ?)", stored.version, stored.updatedAt, note, JSON.stringify(config));
    await this.env.CONFIG.put(configKey(site), JSON.stringify(stored));
    return stored;
  }

  /** Makes an earlier version current again, as a new version (history is never rewritten). */
  async rollback(site: string, version: number): Promise<StoredConfig | WriteRefusal> {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM versions WHERE version = ?", version).toArray()[0];
    if (!row) return { refused: "unknown-version", version };
    return this.write(site, JSON.parse(row.body) as SiteConfig, `rollback to version ${version}`);
  }

  /** Newest first. */
  list(limit = 100): ConfigVersion[] {
    return this.sql
      .exec<{ version: number; updated_at: number; note: string; body: string }>("SELECT version, updated_at, note, body FROM versions ORDER BY version DESC LIMIT ?", limit)
      .toArray()
      .map((row) => ({ version: row.version, updatedAt: row.updated_at, note: row.note, summary: summarize(JSON.parse(row.body) as SiteConfig) }));
  }

  get(version: number): StoredConfig | null {
    const row = this.sql.exec<{ version: number; updated_at: number; body: string }>("SELECT version, updated_at, body FROM versions WHERE version = ?", version).toArray()[0];
    return row ? { version: row.version, updatedAt: row.updated_at, config: JSON.parse(row.body) as SiteConfig } : null;
  }

  private latest(): number {
    return this.sql.exec<{ v: number | null }>("SELECT max(version) AS v FROM versions").one().v ?? 0;
  }
}

export function historyStub(env: Env, site: string) {
  return env.CONFIG_HISTORY.get(env.CONFIG_HISTORY.idFromName(site));
}
