import { DurableObject } from "cloudflare:workers";
import { SiteConfig, formatIssues } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { configKey, seedVersion, type StoredConfig } from "./seeds";
import { publishProxyHosts } from "../proxy/host-index";

/** A version as listed: when, by which change, and a one-line summary of what it holds. */
export interface ConfigVersion {
  version: number;
  updatedAt: number;
  note: string;
  summary: string;
}

/** Why a write was refused; the route turns it into a 4xx. */
export type WriteRefusal =
  | { refused: "stale"; current: number }
  | { refused: "unknown-version"; version: number }
  | { refused: "invalid"; version: number; issues: { path: string; message: string }[] };

/** A stored config, and whether every isolate can already read it from KV. */
export type WriteResult = StoredConfig & { published: boolean };

/** How soon a failed publication to KV is tried again. */
const REPUBLISH_MS = 2_000;

function summarize(config: SiteConfig): string {
  return `${config.segments.length} segments, ${Object.keys(config.heroes).length} heroes, ${config.heroRules.length} hero rules, ${config.sortRules.length} sort rules`;
}

/**
 * One site's config history, and the source of truth for its current version. Writes go
 * through this object one at a time, so versions are numbered without races and nothing is ever
 * overwritten; the current version is then published to KV, where every isolate reads it. A
 * publication that fails (KV allows about one write per second per key) is retried by an alarm.
 */
export class ConfigHistory extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS versions (version INTEGER PRIMARY KEY, updated_at INTEGER NOT NULL, note TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '', body TEXT NOT NULL)",
    );
    this.sql.exec("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
    // Histories written before summaries were stored gain the column (empty for old versions).
    const columns = this.sql.exec<{ name: string }>("PRAGMA table_info(versions)").toArray();
    if (!columns.some((column) => column.name === "summary")) this.sql.exec("ALTER TABLE versions ADD COLUMN summary TEXT NOT NULL DEFAULT ''");
  }

  /** Stores a validated config as the next version; `expected` guards against lost updates. */
  write(site: string, config: SiteConfig, note: string, expected?: number): Promise<WriteResult | WriteRefusal> {
    // One write at a time, publication included: two writes can never reach KV out of order.
    return this.ctx.blockConcurrencyWhile(async () => {
      const current = this.latest();
      if (expected !== undefined && expected !== current) return { refused: "stale" as const, current };
      const stored: StoredConfig = { version: current + 1, updatedAt: Date.now(), config };
      this.sql.exec(
        "INSERT INTO versions (version, updated_at, note, summary, body) VALUES (?, ?, ?, ?, ?)",
        stored.version,
        stored.updatedAt,
        note,
        summarize(config),
        JSON.stringify(config),
      );
      this.sql.exec("INSERT OR REPLACE INTO meta (k, v) VALUES ('site', ?)", site);
      return { ...stored, published: await this.publish(site, stored) };
    });
  }

  /** Makes an earlier version current again, as a new version (history is never rewritten); version 0 is the seed. */
  async rollback(site: string, version: number): Promise<WriteResult | WriteRefusal> {
    const stored = this.get(version) ?? (version === 0 ? seedVersion(this.env, site) : null);
    if (!stored) return { refused: "unknown-version", version };
    // The schema may have tightened since that version was written.
    const parsed = SiteConfig.safeParse(stored.config);
    if (!parsed.success) return { refused: "invalid", version, issues: formatIssues(parsed.error) };
    return this.write(site, parsed.data, `rollback to version ${version}`);
  }

  /** The current version; before the first write, the site's seed as version 0 (or null without one). */
  current(site: string): StoredConfig | null {
    return this.get(this.latest()) ?? seedVersion(this.env, site);
  }

  /** Newest first; the seed, when the site has one, is the last entry as version 0. */
  list(site: string, limit = 100): ConfigVersion[] {
    const seed = seedVersion(this.env, site);
    const stored = this.sql
      .exec<{ version: number; updated_at: number; note: string; summary: string }>("SELECT version, updated_at, note, summary FROM versions ORDER BY version DESC LIMIT ?", limit)
      .toArray()
      .map((row) => ({ version: row.version, updatedAt: row.updated_at, note: row.note, summary: row.summary }));
    return seed && stored.length < limit ? [...stored, { version: 0, updatedAt: 0, note: "seed (as shipped)", summary: summarize(seed.config) }] : stored;
  }

  get(version: number): StoredConfig | null {
    const row = this.sql.exec<{ version: number; updated_at: number; body: string }>("SELECT version, updated_at, body FROM versions WHERE version = ?", version).toArray()[0];
    return row ? { version: row.version, updatedAt: row.updated_at, config: JSON.parse(row.body) as SiteConfig } : null;
  }

  /**
   * Publishes the newest version again (after a failed or interrupted publication). Inside the
   * same critical section as writes, and reading the newest version there, so an older version
   * can never overtake a newer one in KV.
   */
  override async alarm(): Promise<void> {
    await this.ctx.blockConcurrencyWhile(async () => {
      const site = this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'site'").toArray()[0]?.v;
      const stored = site ? this.get(this.latest()) : null;
      if (site && stored) await this.publish(site, stored);
    });
  }

  /**
   * Puts a version into KV. The alarm is set before the put, so a publication that fails or never
   * finishes (the object restarted) is retried; a retry after a success republishes the newest
   * version, which changes nothing.
   */
  private async publish(site: string, stored: StoredConfig): Promise<boolean> {
    await this.ctx.storage.setAlarm(Date.now() + REPUBLISH_MS);
    try {
      await this.env.CONFIG.put(configKey(site), JSON.stringify(stored));
      // Proxy mode finds a site by host: index the hosts this version lists (and drop those it no longer does).
      await publishProxyHosts(this.env, stored.config, this.get(stored.version - 1)?.config ?? seedVersion(this.env, site)?.config);
      await this.ctx.storage.deleteAlarm();
      return true;
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", msg: "config publication failed; retrying", site, version: stored.version, error: String(error) }));
      return false;
    }
  }

  private latest(): number {
    return this.sql.exec<{ v: number | null }>("SELECT max(version) AS v FROM versions").one().v ?? 0;
  }
}

/**
 * The config history object of one site.
 * @example const versions = await historyStub(env, "demo").list();
 */
export function historyStub(env: Env, site: string) {
  return env.CONFIG_HISTORY.get(env.CONFIG_HISTORY.idFromName(site));
}
