import { DurableObject } from "cloudflare:workers";
import { classify, emptyProfile, foldEventsInto, spendWithin, type FoldContext } from "@vitrine/shared";
import type { Event, Profile, Settings, Traits, TrustedOrder } from "@vitrine/shared/schema";
import type { Env } from "../env";
import { Assignments, type Assignment, type ExperimentFacts } from "./assignments";
import { Outbox } from "./outbox";
import { OrderBook } from "./order-book";
import { EventLog } from "./event-log";
import { Meta } from "./meta";
import { SeenIds } from "./seen-ids";
import { DrawnPools } from "./drawn-pools";
import { poolStub } from "../offers/codes";
import { proofEvents, type ProofEvents } from "../offers/proof";
import { siteStatsStub, rememberSiteStats } from "../stats/site-stats";
import type { SiteStats as SiteStatsFigures } from "@vitrine/shared/schema";

export { SEEN_IDS_KEPT, SEEN_IDS_SLACK } from "./seen-ids";
export { SNAPSHOT_EVERY } from "./event-log";
/** How long an erased visitor's id keeps refusing events: longer than any page stays open or any queue retries. */
export const TOMBSTONE_MS = 30 * 86_400_000;
/** How soon a failed delivery to the site's figures is tried again. */
const RETRY_MS = 2_000;
const DAY_MS = 86_400_000;

export interface IngestContext extends FoldContext {
  now: number;
  site: string;
  visitor: string;
  /** An idle profile is deleted this long after its last event. */
  retentionMs: number;
}

/**
 * What a decide needs to classify the visitor inside their object, where the profile already is:
 * the profile then never crosses the boundary as JSON, only its traits do.
 */
export interface ClassifyInput {
  stats: SiteStatsFigures;
  settings: Settings;
  now: number;
  /** Also answer the visitor's {@link ProfileFacts} (an experiment's exposure, a cart reminder). */
  withFacts: boolean;
}

/** `recordJson`'s call, as JSON: `ingest`'s arguments. */
export interface RecordCall {
  events: Event[];
  context: IngestContext;
  classifyWith?: ClassifyInput | "nothing";
}

/** What a decide may need of the profile besides the traits: a few numbers, never the whole profile. */
export interface ProfileFacts {
  /** What the visitor spent in the last 365 days (`spendWithin`): an exposure's pre-experiment spend. */
  spend: number;
  /** The cart, for cart reminders. */
  cart?: Profile["cart"];
}

export interface IngestResult extends ExperimentFacts {
  /**
   * The profile as JSON, null when the visitor has never sent an event. A string crosses the
   * Durable Object boundary for less than a structured clone of the object costs; the caller
   * parses it once.
   */
  profileJson: string | null;
  accepted: number;
  duplicates: number;
  /** The visitor was erased (consent withdrawn, deletion): nothing was recorded. */
  erased?: boolean;
  /** The visitor's traits, when the call asked for them (ClassifyInput); the profile's JSON is then null. */
  traits?: Traits;
  /** With traits when the call asked `withFacts`. */
  facts?: ProfileFacts;
  /** What the new events add to the products' social-proof counters (views, ordered skus). */
  proof?: ProofEvents;
}

/**
 * One visitor's state: compact aggregates (bounded, see PROFILE_LIMITS) kept as a snapshot plus a
 * tail of the batches folded since (see EventLog), a bounded window of event ids, every order id,
 * the visitor's experiment arms, and an outbox of changes to the site's figures, in this object's
 * SQLite storage. Keyed by `site:visitor`. The object is the only writer of its storage, so what it
 * has read stays in memory; every write is one synchronous transaction, committed before the
 * answer leaves (the output gate), and any failed write drops what memory holds.
 *
 * Purchases the browser reports shape this visitor's own traits only; the site's figures (the
 * p90s every visitor is judged against) move only with trusted orders from the shop's backend,
 * through the outbox, each change exactly once. An erased visitor leaves a tombstone that refuses
 * their id for TOMBSTONE_MS; an idle profile is deleted after the site's retention period.
 */
export class VisitorProfile extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly arms: Assignments;
  private readonly outbox: Outbox;
  private readonly orders: OrderBook;
  private readonly log: EventLog;
  private readonly metaTable: Meta;
  private readonly seen: SeenIds;
  private readonly pools: DrawnPools;
  /**
   * The profile, read once (snapshot + tail) and kept in memory. Dropped whenever a write fails,
   * so memory never runs ahead of storage.
   */
  private profile: Profile | null | undefined;
  /** The kept profile as JSON, made once per change: a decide that records nothing reuses it. */
  private profileJson: string | null | undefined;
  /** When the retention alarm is set for, as far as this instance knows. */
  private alarmAt: number | null | undefined;

  /**
   * Whether this visitor has any storage. A visitor only read (a decide without events for an
   * unknown id) gets none: tables are created by the first write.
   */
  private exists: boolean;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.arms = new Assignments(this.sql);
    this.outbox = new Outbox(this.sql);
    this.orders = new OrderBook(this.sql);
    this.log = new EventLog(this.sql, () => this.seen.flush());
    this.metaTable = new Meta(this.sql);
    this.seen = new SeenIds(this.sql, () => this.log.ids());
    this.pools = new DrawnPools(this.sql);
    this.exists = this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'profile'").toArray().length > 0;
    // Objects stored before a table existed gain it here.
    if (this.exists) this.createTables();
  }

  /** Creates the tables before the first write. */
  private ensure(): void {
    if (this.exists) return;
    this.createTables();
    this.exists = true;
  }

  private createTables(): void {
    this.arms.create();
    this.outbox.create();
    this.orders.create();
    this.log.create();
    this.seen.create();
    this.metaTable.create();
    this.pools.create();
  }

  /**
   * Folds the events it has not seen before into the profile, in one transaction. Events whose id
   * was seen, or purchases of an order already recorded, count as duplicates and change nothing.
   * Also answers the visitor's experiment arms and what the new events mean for them.
   */
  ingest(events: Event[], context: IngestContext, classifyWith?: ClassifyInput | "nothing"): IngestResult {
    if (!this.exists && events.length > 0) this.ensure();
    if (this.erasedAt() !== null) return { profileJson: null, accepted: 0, duplicates: 0, erased: true, ...this.arms.facts([]) };
    const batch = new Set<string>();
    const fresh: Event[] = [];
    const newOrders = new Set<string>();
    for (const event of events) {
      const orderId = event.type === "purchase" ? event.order?.id : undefined;
      if (batch.has(event.id) || this.seen.has(event.id) || (orderId !== undefined && (newOrders.has(orderId) || this.orders.has(orderId)))) continue;
      batch.add(event.id);
      if (orderId !== undefined) newOrders.add(orderId);
      fresh.push(event);
    }
    const duplicates = events.length - fresh.length;
    if (fresh.length === 0) return { ...this.answer(classifyWith), accepted: 0, duplicates, ...this.arms.facts([]) };
    this.commit(() => {
      const folded = foldEventsInto(this.load(), fresh, context);
      this.keep(folded, undefined);
      // The ids first: a snapshot the append writes moves them to the seen table with the tail's.
      this.seen.add(fresh.map((event) => event.id));
      this.log.append(fresh, context, () => this.json()!);
      for (const event of fresh) if (event.type === "purchase" && event.order) this.orders.add(event.order.id, event.order.total, event.ts, false);
      this.remember(context);
    });
    this.keepUntil(context.now + context.retentionMs);
    return { ...this.answer(classifyWith), accepted: fresh.length, duplicates, ...this.arms.facts(fresh), proof: proofEvents(fresh, false) };
  }

  /**
   * Records orders from the shop's backend: folds those the browser did not already report into
   * the profile, records every new one as trusted, and queues the change to the site's figures in
   * the same transaction, then delivers it. Answers every order of the call as recorded (`credit`)
   * and the visitor's exposures, to credit the orders to experiment arms.
   */
  async recordTrustedOrders(
    orders: TrustedOrder[],
    context: IngestContext,
  ): Promise<{ accepted: number; duplicates: number; erased?: number; figures: SiteStatsFigures | null; credit: TrustedOrder[]; exposures: Assignment[]; proof?: ProofEvents }> {
    this.ensure();
    const exposures = this.arms.all().filter((arm) => arm.exposedAt !== null);
    const distinct = orders.filter((order, i) => orders.findIndex((o) => o.id === order.id) === i);
    const fresh = distinct.filter((order) => !this.orders.isTrusted(order.id));
    if (this.erasedAt() !== null) return { accepted: 0, duplicates: 0, erased: orders.length, figures: null, credit: [], exposures };
    if (fresh.length === 0) return { accepted: 0, duplicates: orders.length, figures: null, credit: this.credit(distinct), exposures };
    const ts = (order: TrustedOrder) => Math.min(order.ts ?? context.now, context.now);
    const unknown = fresh.filter((order) => !this.orders.has(order.id));
    const events = unknown.map((order): Event => ({
      id: `order:${order.id}`,
      type: "purchase",
      ts: ts(order),
      order: { id: order.id, total: order.total, currency: order.currency, coupon: order.coupon, skus: order.skus },
    }));
    this.commit(() => {
      if (events.length) {
        const after = foldEventsInto(this.load(), events, context);
        this.keep(after, undefined);
        this.seen.add(events.map((event) => event.id));
        this.log.append(events, context, () => this.json()!);
      }
      this.markTrusted(fresh);
      for (const order of fresh) this.orders.add(order.id, order.total, ts(order), true);
      const spendAfter = this.orders.trustedSpend(context.now);
      const gapsBefore = this.orders.contributedGaps();
      const gapsAfter = this.orders.trustedGaps();
      this.outbox.add({ orders: fresh.map((order) => order.total), spendBefore: this.orders.contributed(), spendAfter, gapsBefore, gapsAfter });
      this.orders.setContributed(spendAfter);
      this.orders.setContributedGaps(gapsAfter);
      this.remember(context);
    });
    this.keepUntil(context.now + context.retentionMs);
    // Every newly confirmed order adds to the products' counts (browser reports never do), at its own time.
    const bought = fresh.map((order) => ({ type: "purchase", ts: ts(order), order: { skus: order.skus ?? [] } }));
    return { accepted: fresh.length, duplicates: orders.length - fresh.length, figures: await this.deliver(), credit: this.credit(distinct), exposures, proof: proofEvents(bought, true) };
  }

  /**
   * Every order of a call is trusted once it returns, so every one is credited to the arms: a
   * request cut short after the commit credited nothing, and the shop sends it again. The credit
   * carries the total and time as recorded, not as sent again, so a resend credits exactly what
   * the first send did; the results store each order once.
   */
  private credit(orders: readonly TrustedOrder[]): TrustedOrder[] {
    return orders.flatMap((order) => {
      const kept = this.orders.trusted(order.id);
      return kept ? [{ ...order, total: kept.total, ts: kept.ts }] : [];
    });
  }

  /**
   * Marks the profile's copies of `confirmed` orders trusted, with the backend's total, and writes
   * the profile as the snapshot (a tail replay would not bring the marks back). Trusted orders are
   * a few per customer, so the whole-profile write is rare. Call inside a transaction.
   */
  private markTrusted(confirmed: readonly TrustedOrder[]): void {
    const profile = this.load();
    if (!profile) return;
    let marked = false;
    for (const order of confirmed) {
      const kept = profile.orders.find((o) => o.id === order.id);
      if (!kept || kept.trusted) continue;
      kept.trusted = true;
      kept.total = order.total;
      marked = true;
    }
    if (!marked) return;
    this.keep(profile, undefined);
    this.log.snapshot(this.json()!);
  }

  /**
   * Stores arms given for the first time and marks exposures; answers the exposures that are new
   * (each experiment exposes a visitor once).
   */
  enroll(assigned: { id: string; arm: string }[], exposed: string[], context: Pick<IngestContext, "site" | "visitor" | "retentionMs" | "now">): { exposed: Assignment[] } {
    this.ensure();
    if (this.erasedAt() !== null) return { exposed: [] };
    // A visitor who only ever got arms (pages without events) is kept no longer than any other.
    const result = this.commit(() => {
      this.remember(context);
      // Retention counts from the last page this visitor was decided for, events or not.
      this.setMeta("touchedAt", String(context.now));
      return { exposed: this.arms.record(assigned, exposed, context.now) };
    });
    this.keepUntil(context.now + context.retentionMs);
    return result;
  }

  /**
   * Notes that the visitor drew a single-use code from `pool` (with their first code), so that
   * erasure and retention forget them there. An erased visitor's pool is forgotten at once.
   */
  async drewFrom(site: string, visitor: string, pool: string): Promise<void> {
    this.ensure();
    this.commit(() => {
      this.pools.add(pool);
      if (this.meta("visitor") === undefined) {
        this.setMeta("site", site);
        this.setMeta("visitor", visitor);
      }
    });
    if (this.erasedAt() !== null) await this.forgetPools();
  }

  /**
   * Has every pool the visitor drew from forget them (the codes stay spent); true when none is
   * left. A pool that does not answer stays listed and is tried again by alarm.
   */
  private async forgetPools(): Promise<boolean> {
    const site = this.meta("site");
    const visitor = this.meta("visitor");
    const pools = this.pools.all();
    if (pools.length === 0) return true;
    if (!site || !visitor) return false;
    let left = 0;
    for (const pool of pools) {
      try {
        await poolStub(this.env, site, pool).forget(visitor);
        this.commit(() => this.pools.remove(pool));
      } catch (error) {
        left += 1;
        console.error(JSON.stringify({ level: "warn", msg: "offer pool not reached; retrying by alarm", site, pool, error: String(error) }));
      }
    }
    if (left === 0) return true;
    this.alarmAt = Date.now() + RETRY_MS;
    await this.ctx.storage.setAlarm(this.alarmAt);
    return false;
  }

  /** The stored profile, or null for a visitor never seen (or erased). */
  read(): Profile | null {
    return this.load();
  }

  /**
   * `ingest`, or `snapshot` when there are no events, for the worker's routes (`record`): the call
   * and its answer cross the Durable Object boundary as one JSON string each way, for less than a
   * structured clone of the events, the site's settings and the traits costs.
   * @example JSON.parse(await stub.recordJson(JSON.stringify({ events, context, classifyWith: "nothing" }))).accepted
   */
  recordJson(call: string): string {
    const { events, context, classifyWith } = JSON.parse(call) as RecordCall;
    return JSON.stringify(events.length === 0 ? this.snapshot(classifyWith) : this.ingest(events, context, classifyWith));
  }

  /** The profile and the visitor's arms, for a decide that records nothing: one round trip. */
  snapshot(classifyWith?: ClassifyInput | "nothing"): IngestResult {
    if (!this.exists) return { ...this.answer(classifyWith), accepted: 0, duplicates: 0, assignments: [], purchases: [], cartAddedAt: null };
    if (this.erasedAt() !== null) return { profileJson: null, accepted: 0, duplicates: 0, erased: true, ...this.arms.facts([]) };
    return { ...this.answer(classifyWith), accepted: 0, duplicates: 0, ...this.arms.facts([]) };
  }

  /**
   * The profile as a call asked for it: its JSON; its traits (and the JSON only when asked too); or
   * "nothing" (collect, which answers counts only).
   */
  private answer(classifyWith: ClassifyInput | "nothing" | undefined): { profileJson: string | null; traits?: Traits; facts?: ProfileFacts } {
    if (classifyWith === "nothing") return { profileJson: null };
    if (!classifyWith) return { profileJson: this.json() };
    const { stats, settings, now, withFacts } = classifyWith;
    const profile = this.load();
    const traits = classify(profile ?? emptyProfile(now), stats, now, settings);
    if (!withFacts) return { profileJson: null, traits };
    return { profileJson: null, traits, facts: { spend: profile ? spendWithin(profile, now) : 0, ...(profile?.cart?.length && { cart: profile.cart }) } };
  }

  /**
   * Forgets the visitor (privacy deletion, consent withdrawn): everything is deleted but a
   * tombstone that refuses their id for TOMBSTONE_MS and the outbox, which takes their spend out
   * of the site's figures exactly once. Erasing twice changes nothing more.
   */
  async erase(site: string, visitor: string, now = Date.now()): Promise<void> {
    this.ensure();
    // One synchronous transaction: no other call can see a half-erased visitor.
    this.commit(() => {
      const spend = this.orders.contributed();
      const gaps = this.orders.contributedGaps();
      this.wipe();
      if (spend > 0 || gaps.length > 0) this.outbox.add({ orders: [], spendBefore: spend, spendAfter: 0, gapsBefore: gaps, gapsAfter: [] });
      this.setMeta("erasedAt", String(now));
      this.setMeta("site", site);
      this.setMeta("visitor", visitor);
    });
    this.alarmAt = now + TOMBSTONE_MS;
    await this.ctx.storage.setAlarm(this.alarmAt);
    // The erasure is committed: the site's figures hear of it without holding up the answer.
    this.ctx.waitUntil(this.deliver());
    // The pools the visitor drew codes from forget them before the answer (by alarm if one does not answer).
    await this.forgetPools();
  }

  /**
   * Deletes everything the visitor is, except the outbox (changes the site's figures still owe,
   * with their numbering) and the pools still to forget them. Call inside a transaction.
   */
  private wipe(): void {
    this.log.clear();
    this.seen.clear();
    this.metaTable.clear();
    this.arms.clear();
    for (const table of ["orders", "contributed", "contributed_gaps"]) this.sql.exec(`DELETE FROM ${table}`);
    this.keep(null, null);
  }

  /** Delivers pending changes to the site's figures; on failure, tries again by alarm. */
  private async deliver(): Promise<SiteStatsFigures | null> {
    const pending = this.outbox.pending();
    const site = this.meta("site");
    const visitor = this.meta("visitor");
    if (pending.length === 0 || !site || !visitor) return null;
    try {
      const { figures, applied } = await siteStatsStub(this.env, site).apply(visitor, pending);
      this.outbox.delivered(applied);
      rememberSiteStats(site, figures);
      return figures;
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", msg: "site figures not reached; retrying by alarm", site, pending: pending.length, error: String(error) }));
      await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
      this.alarmAt = Date.now() + RETRY_MS;
      return null;
    }
  }

  /** Delivers what is pending; ends a tombstone; deletes a profile idle past its retention. */
  override async alarm(): Promise<void> {
    this.alarmAt = null;
    if (!this.exists) return;
    await this.deliver();
    if (this.outbox.pending().length > 0) return; // deliver() set the next try
    const now = Date.now();
    const erasedAt = this.erasedAt();
    if (erasedAt !== null) {
      if (!(await this.forgetPools())) return; // forgetPools set the next try
      if (now - erasedAt >= TOMBSTONE_MS) this.commit(() => this.wipe());
      else this.keepUntil(erasedAt + TOMBSTONE_MS);
      return;
    }
    const profile = this.load();
    // A quiet moment: the tail becomes part of the snapshot, so a restart has nothing to fold.
    if (profile && this.log.pending()) this.commit(() => this.log.snapshot(this.json()!));
    const retention = Number(this.meta("retentionMs") ?? 0);
    if (retention <= 0) return;
    const lastSeen = Math.max(profile?.lastSeen ?? 0, Number(this.meta("touchedAt") ?? 0));
    if (now - lastSeen < retention) return this.keepUntil(lastSeen + retention);
    // Pools forget the visitor before the meta that names them goes.
    if (!(await this.forgetPools())) return;
    const spend = this.orders.contributed();
    const gaps = this.orders.contributedGaps();
    if (spend > 0 || gaps.length > 0) {
      this.commit(() => {
        this.outbox.add({ orders: [], spendBefore: spend, spendAfter: 0, gapsBefore: gaps, gapsAfter: [] });
        this.orders.forgetSpend();
      });
      if ((await this.deliver()) === null) return;
    }
    this.commit(() => this.wipe());
  }

  /**
   * Makes sure an alarm fires by `at` (one storage write only when it moves by more than a day).
   * While changes to the site's figures wait in the outbox, their retry alarm stays: the alarm
   * sets the retention time again once they are delivered.
   */
  private keepUntil(at: number): void {
    if (this.outbox.hasPending()) return;
    if (this.alarmAt === undefined) this.alarmAt = null; // a fresh instance re-arms once
    if (this.alarmAt !== null && Math.abs(this.alarmAt - at) < DAY_MS) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  /** Who this object is, for deliveries and the alarm, and the site's current retention period. */
  private remember(context: Pick<IngestContext, "site" | "visitor" | "retentionMs" | "now">): void {
    if (this.meta("visitor") === undefined) {
      this.setMeta("site", context.site);
      this.setMeta("visitor", context.visitor);
    }
    this.setMeta("retentionMs", String(context.retentionMs));
  }

  private meta(k: string): string | undefined {
    return this.metaTable.get(k);
  }

  private setMeta(k: string, v: string): void {
    this.metaTable.set(k, v);
  }

  private erasedAt(): number | null {
    const at = this.meta("erasedAt");
    return at === undefined ? null : Number(at);
  }

  /**
   * Runs `work` as one synchronous transaction; when it throws, storage rolls back and everything
   * this instance holds in memory is dropped, to be read again from storage.
   */
  private commit<T>(work: () => T): T {
    try {
      const result = this.ctx.storage.transactionSync(work);
      return result;
    } catch (error) {
      this.profile = undefined;
      this.profileJson = undefined;
      this.log.reset();
      this.seen.reset();
      this.metaTable.reset();
      this.arms.reset();
      this.outbox.reset();
      throw error;
    }
  }

  /**
   * The profile, read once (snapshot + tail), then kept. Folding changes the kept object in place
   * (a copy would cost more than the fold); `commit` drops it when the write does not commit.
   */
  private load(): Profile | null {
    if (!this.exists) return null;
    if (this.profile === undefined) this.profile = this.log.load();
    return this.profile;
  }

  /** The profile as JSON (made once per change). */
  private json(): string | null {
    if (this.profileJson === undefined) {
      const profile = this.load();
      this.profileJson = profile === null ? null : JSON.stringify(profile);
    }
    return this.profileJson;
  }

  /** Keeps the profile just written, and its JSON when made (undefined: made when first asked for), in memory. */
  private keep(profile: Profile | null, json: string | null | undefined): void {
    this.profile = profile;
    this.profileJson = json;
  }
}

/**
 * The Durable Object stub of one visitor on one site.
 * @example const profile = await visitorStub(env, "demo", visitor).read();
 */
export function visitorStub(env: Env, site: string, visitor: string) {
  return env.VISITORS.get(env.VISITORS.idFromName(`${site}:${visitor}`));
}
