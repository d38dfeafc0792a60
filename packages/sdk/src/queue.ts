import { MAX_BODY_BYTES } from "@vitrine/shared/limits";
import type { VitrineEvent } from "./types";
import { backoff } from "./backoff";
import { tx } from "./queue-db";

/**
 * Sends `fields` (with the site and visitor) to `POST /v1/<path>`: resolves to the answer, or to
 * null when the worker refused the body (a 4xx no retry can fix); rejects when a retry may help.
 * `leaving`: the page is going away, the request must outlive it (`keepalive`).
 */
export type Post = (path: string, fields: object, signal?: AbortSignal, leaving?: boolean) => Promise<any>;

/**
 * The event queue, as `createQueue` makes it. Size hack: the `_` prefix lets the minifier
 * shorten these names, as it does locals.
 */
export interface Queue {
  /** Queues an event: in IndexedDB until the worker confirms it, and in this page's list. */
  _add(event: VitrineEvent): void;
  /**
   * What waits for delivery, oldest first: the IndexedDB queue (this page's list where IndexedDB
   * fails), at most `count` events and `size` characters of JSON.
   */
  _pending(count: number, size: number): Promise<VitrineEvent[]>;
  /** Takes delivered events off the queue. Never rejects. */
  _done(events: VitrineEvent[]): Promise<unknown>;
  /** Delivers the queue through collect in `ms` milliseconds (default: on the next task). */
  _send(ms?: number): void;
  /**
   * The page is going away: sends this page's list with `keepalive`. The events stay queued: the
   * answer may never reach this page, so the next one sends them again (the worker knows them).
   */
  _leave(): void;
  /** Consent was withdrawn: drops everything queued, the IndexedDB database included. */
  _clear(): void;
}

/** Events per collect request. */
const BATCH = 50;

/**
 * The event queue. Events wait in IndexedDB (database `vitrine`, store `q`, keyed by event id)
 * so a page left early loses nothing; they go in batches through `post("collect")`, are retried
 * with backoff, and leave the queue only on a 2xx. A batch the worker refuses goes out again one
 * event at a time, so only the bad event is dropped. `allowed` is consent: without it nothing is
 * stored or sent (and the database is not even opened, which would create it again).
 * @example
 * const queue = createQueue(post, () => true, report, log);
 * queue._add(event);
 * queue._send(500);
 */
export const createQueue = (
  post: Post,
  allowed: () => boolean,
  report: (error: unknown) => void,
  log: (error: unknown) => void,
): Queue => {
  /** Queued on this page and not yet confirmed: what `_leave` sends. */
  let page: VitrineEvent[] = [],
    sending = 0,
    /** 1 once a batch was refused: from then on events go one per request. */
    oneByOne = 0,
    failures = 0,
    timer: ReturnType<typeof setTimeout> | undefined;

  const pending = async (count: number, size: number) =>
    (await tx<VitrineEvent[]>("readonly", (store) => store.getAll()).catch(() => page))
      .sort((a, b) => a.ts - b.ts)
      .filter((event, i) => i < count && (size -= JSON.stringify(event).length + 1) > 0);
  const done = (events: VitrineEvent[]) => {
    const ids = events.map((event) => event.id);
    page = page.filter((event) => !ids.includes(event.id));
    return tx("readwrite", (store) => ids.forEach((id) => store.delete(id))).catch(log);
  };
  const send = (ms = 0) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  const flush = async () => {
    if (sending || !allowed()) return;
    sending = 1;
    try {
      // At most the worker's body limit less room for the rest, in characters of JSON. (Not bytes:
      // text in other scripts can push a batch over; refused, its events then go one by one.)
      const batch = await pending(oneByOne || BATCH, MAX_BODY_BYTES - 4096);
      if (batch[0]) {
        const answer = await post("collect", { events: batch });
        failures = 0;
        if (answer === null && batch[1]) oneByOne = 1;
        else await done(batch);
        // Go on: the queue may hold more, or events came in meanwhile.
        send();
      }
    } catch (error) {
      report(error);
      send(backoff(failures++));
    }
    sending = 0;
  };

  return {
    _add: (event) => {
      if (allowed()) {
        page.push(event);
        tx("readwrite", (store) => store.put(event, event.id)).catch(log);
      }
    },
    _pending: pending,
    _done: done,
    _send: send,
    _leave: () => {
      // Not awaited, nothing taken off the queue: the answer may never come back to this page.
      if (allowed() && page[0]) post("collect", { events: page }, undefined, true).catch(log);
      page = [];
    },
    _clear: () => {
      clearTimeout(timer);
      page = [];
      indexedDB.deleteDatabase("vitrine");
    },
  };
};
