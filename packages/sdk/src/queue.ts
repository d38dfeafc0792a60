import type { VitrineEvent } from "./types";
import type { LoadExtra } from "./extra";
import { tx } from "./queue-db";

/**
 * Sends `fields` (with the site, the visitor and `sentAt`) to `POST /v1/<path>`: resolves to the
 * answer, or to null when the worker refused the body (a 4xx no retry can fix); rejects when a
 * retry may help (network, 429, 5xx), with the response as the error's `cause`.
 * `leaving`: the page is going away, the request must outlive it (`keepalive`).
 */
export type Post = (path: string, fields: object, signal?: AbortSignal, leaving?: boolean) => Promise<any>;

/** What waits for delivery, oldest first: at most `count` events and `size` characters of JSON. */
export type Pending = (count: number, size: number) => Promise<VitrineEvent[]>;

/** Takes delivered (or dropped) events off the queue. Never rejects. */
export type Done = (events: VitrineEvent[]) => Promise<unknown>;

/**
 * The event queue, as `createQueue` makes it. Size hack: the `_` prefix lets the minifier
 * shorten these names, as it does locals.
 */
export interface Queue {
  /** Queues an event: in IndexedDB until the worker confirms it, and in this page's list. */
  _add(event: VitrineEvent): void;
  /** What waits for delivery (the IndexedDB queue, this page's list where IndexedDB fails). */
  _pending: Pending;
  _done: Done;
  /**
   * Delivers what waits through collect in `ms` milliseconds (default: on the next task): by the
   * lazy chunk's `deliver` (batches, retries), loaded on the first call. Called when something
   * is left that decide did not carry.
   */
  _send(ms?: number): void;
  /**
   * The page is going away: sends this page's list with `keepalive`. The events stay queued: the
   * answer may never reach this page, so the next one sends them again (the worker knows them).
   */
  _leave(): void;
  /** Consent was withdrawn: drops everything queued, the IndexedDB database included. */
  _clear(): void;
}

/**
 * The event queue. Events wait in IndexedDB (database `vitrine`, store `q`, keyed by event id)
 * so a page left early loses nothing, and leave it only once the worker confirmed them. Most
 * ride on the next decide (`_pending`, `_done`); what decide did not carry (tracked while the
 * page stays, or decide failed) goes through collect, by the lazy chunk's `deliver`
 * (`deliver.ts`). `allowed` is consent: without it nothing is stored or
 * sent (and the database is not even opened, which would create it again).
 * @example
 * const queue = createQueue(post, () => true, report, log, () => import("./extra"));
 * queue._add(event);
 * queue._send(500);
 */
export const createQueue = (
  post: Post,
  allowed: () => boolean,
  report: (error: unknown) => void,
  log: (error: unknown) => void,
  loadExtra: LoadExtra,
): Queue => {
  /** Queued on this page and not yet confirmed: what `_leave` sends. */
  let page: VitrineEvent[] = [];

  const pending: Pending = async (count, size) =>
    (await tx<VitrineEvent[]>("readonly", (store) => store.getAll()).catch(() => page))
      .sort((a, b) => a.ts - b.ts)
      .filter((event, i) => i < count && (size -= JSON.stringify(event).length + 1) > 0);
  const done: Done = (events) => {
    const ids = events.map((event) => event.id);
    page = page.filter((event) => !ids.includes(event.id));
    return tx("readwrite", (store) => ids.forEach((id) => store.delete(id))).catch(log);
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
    // The chunk keeps one delivery per page, made on the first call. If it cannot load (offline),
    // the next call tries again.
    _send: (ms) => allowed() && loadExtra().then((extra) => extra.c(pending, done, post, allowed, report)(ms), report),
    _leave: () => {
      // Not awaited, nothing taken off the queue: the answer may never come back to this page.
      if (allowed() && page[0]) post("collect", { events: page }, undefined, true).catch(log);
      page = [];
    },
    _clear: () => {
      // The delivery, if loaded, stops by itself: it sends nothing without consent.
      page = [];
      indexedDB.deleteDatabase("vitrine");
    },
  };
};
