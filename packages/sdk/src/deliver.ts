import { MAX_BODY_BYTES } from "@vitrine/shared/limits";
import type { Done, Pending, Post } from "./queue";
import { backoff } from "./backoff";

/** Events per collect request. */
const BATCH = 50;
/** Events the queue keeps at most; beyond, the oldest are dropped. */
export const MAX_QUEUED = 500;
/** How old a queued event may get (7 days): the worker refuses older ones (`stale`), so they are dropped here. */
export const MAX_QUEUED_AGE_MS = 6048e5;

/**
 * Delivery through `POST /v1/collect`, part of the lazy chunk: batches of what waits in the
 * queue, oldest first (up to 50 events and about 60 KiB), each taken off the queue only after a
 * 2xx; retried with exponential backoff (1 s doubling to a minute, with jitter, or the worker's
 * `Retry-After` when longer) on a network error, a 429 or a 5xx. A batch the worker refuses goes
 * out again one event at a time, so only the bad event is dropped. Before each batch the queue
 * is held to {@link MAX_QUEUED} events and {@link MAX_QUEUED_AGE_MS}, oldest dropped first, and
 * what was dropped is reported (`vitrine:error`). Returns `send(ms)`: deliver in `ms` milliseconds (default: on the next task); calls
 * within that time make one delivery.
 * @example const send = deliver(queue._pending, queue._done, post, () => consented, report); send();
 */
export const deliver = (pending: Pending, done: Done, post: Post, allowed: () => boolean, report: (error: unknown) => void) => {
  let sending = 0,
    /** 1 once a batch was refused: from then on events go one per request. */
    oneByOne = 0,
    failures = 0,
    timer: ReturnType<typeof setTimeout> | undefined;

  const send = (ms = 0) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  const flush = async () => {
    if (sending || !allowed()) return;
    sending = 1;
    try {
      const all = await pending(1e9, 1e9),
        dropped = all.filter((event, i) => i < all.length - MAX_QUEUED || event.ts < Date.now() - MAX_QUEUED_AGE_MS);
      if (dropped[0]) {
        await done(dropped);
        report(Error(`vitrine: dropped ${dropped.length} queued events (more than ${MAX_QUEUED}, or older than 7 days)`));
      }
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
      send(Math.max(backoff(failures++), 1e3 * +((error as { cause?: Response }).cause?.headers.get("retry-after") || 0)));
    }
    sending = 0;
  };
  return send;
};
