import { foldEventsInto, type FoldContext } from "@vitrine/shared";
import { Event, readProfile, type Profile } from "@vitrine/shared/schema";

/** Events folded since the last snapshot before the next one is written. */
export const SNAPSHOT_EVERY = 32;

/** One accepted batch as the tail stores it: its events and what folding them needs. */
interface TailRow {
  events: Event[];
  ctx: FoldContext;
}

/**
 * A visitor's profile in storage as a snapshot plus a tail: each accepted batch is appended as one
 * small row (its events and the settings they were folded with), and the whole profile is written
 * only when SNAPSHOT_EVERY events have gathered in the tail (or when `snapshot` is asked for), in
 * the same transaction that empties the tail. A restarted object reads the snapshot and folds the
 * tail's rows again, in order: the same batches folded the same way give the same profile.
 *
 * A page view therefore writes a row of a few hundred bytes instead of the whole profile, and
 * nothing else: the row's events carry their ids, which the window of seen ids (`SeenIds`) reads
 * from the tail and writes to its own table only with the next snapshot.
 */
export class EventLog {
  /** Events in the tail, once read; undefined before the first `load`. */
  private tailEvents: number | undefined;

  /** @param onSnapshot runs inside the transaction that writes a snapshot and empties the tail */
  constructor(
    private readonly sql: SqlStorage,
    private readonly onSnapshot: () => void = () => {},
  ) {}

  /** Creates the tables; the visitor's object calls it before its first write only. */
  create(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS profile (k INTEGER PRIMARY KEY CHECK (k = 1), body TEXT NOT NULL)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS tail (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }

  /** The profile: the snapshot (checked by `readProfile`) with the tail folded in; null for none. */
  load(): Profile | null {
    const body = this.sql.exec<{ body: string }>("SELECT body FROM profile WHERE k = 1").toArray()[0]?.body;
    let profile = body === undefined ? null : readProfile(body);
    let events = 0;
    for (const row of this.sql.exec<{ seq: number; body: string }>("SELECT seq, body FROM tail ORDER BY seq")) {
      const { events: batch, ctx } = readTailRow(row.body, row.seq);
      profile = foldEventsInto(profile, batch, ctx);
      events += batch.length;
    }
    this.tailEvents = events;
    return profile;
  }

  /**
   * Appends a batch already folded into the profile (inside the caller's transaction); writes that
   * profile (`afterJson()`, made only then) as the snapshot instead when the tail is due one. Call
   * `load` first.
   */
  append(events: readonly Event[], ctx: FoldContext, afterJson: () => string): void {
    const tail = this.tailEvents ?? 0;
    if (tail + events.length >= SNAPSHOT_EVERY) return this.snapshot(afterJson());
    const row: TailRow = { events: [...events], ctx: { sessionMinutes: ctx.sessionMinutes, interestHalfLifeDays: ctx.interestHalfLifeDays, ...(ctx.geo && { geo: ctx.geo }) } };
    this.sql.exec("INSERT INTO tail (body) VALUES (?)", JSON.stringify(row));
    this.tailEvents = tail + events.length;
  }

  /** Writes the whole profile (as JSON) and empties the tail (inside the caller's transaction). */
  snapshot(profileJson: string): void {
    this.sql.exec("INSERT OR REPLACE INTO profile (k, body) VALUES (1, ?)", profileJson);
    this.onSnapshot();
    if (this.tailEvents !== 0) this.sql.exec("DELETE FROM tail");
    this.tailEvents = 0;
  }

  /** The ids of the tail's events, oldest first (read from storage: what an object restarted with a tail needs). */
  ids(): string[] {
    if (this.tailEvents === 0) return [];
    return this.sql
      .exec<{ id: SqlStorageValue }>("SELECT json_extract(e.value, '$.id') AS id FROM tail, json_each(tail.body, '$.events') AS e ORDER BY tail.seq, e.key")
      .toArray()
      .flatMap((row) => (typeof row.id === "string" ? [row.id] : []));
  }

  /** Whether folded events wait in the tail for a snapshot. */
  pending(): boolean {
    return (this.tailEvents ?? 0) > 0;
  }

  /** Deletes the profile (inside the caller's transaction). */
  clear(): void {
    this.sql.exec("DELETE FROM profile");
    this.sql.exec("DELETE FROM tail");
    this.tailEvents = 0;
  }

  /** Forgets what it knows of the tail; the next `load` reads it again. */
  reset(): void {
    this.tailEvents = undefined;
  }
}

/** A stored tail row, checked: the events as the contract defines them and the fold settings. */
function readTailRow(body: string, seq: number): TailRow {
  const where = `vitrine: stored event batch ${seq}`;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new Error(`${where} is not JSON (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  const row = value as Partial<TailRow> | null;
  if (!row || !Array.isArray(row.events) || !row.ctx || typeof row.ctx.sessionMinutes !== "number" || typeof row.ctx.interestHalfLifeDays !== "number") {
    throw new Error(`${where} is not {events, ctx}`);
  }
  const events = row.events.map((event: unknown, i) => {
    const parsed = Event.safeParse(event);
    if (!parsed.success) throw new Error(`${where} holds an invalid event at events.${i}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  return { events, ctx: row.ctx };
}
