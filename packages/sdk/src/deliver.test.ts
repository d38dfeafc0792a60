import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { VitrineEvent } from "./types";
import { deliver, MAX_QUEUED, MAX_QUEUED_AGE_MS } from "./deliver";

const NOW = 1_790_000_000_000;

/** A queue in memory with the snippet's `_pending` and `_done`, and a worker answering `answer`. */
function setup(events: VitrineEvent[], answer: (events: VitrineEvent[]) => Promise<unknown>) {
  let queue = [...events];
  const sent: string[][] = [];
  const reported: string[] = [];
  const pending = async (count: number, size: number) =>
    [...queue].sort((a, b) => a.ts - b.ts).filter((event, i) => i < count && (size -= JSON.stringify(event).length + 1) > 0);
  const done = async (gone: VitrineEvent[]) => {
    queue = queue.filter((event) => !gone.includes(event));
  };
  const post = vi.fn(async (_path: string, fields: object) => {
    const { events: batch } = fields as { events: VitrineEvent[] };
    sent.push(batch.map((event) => event.id));
    return answer(batch);
  });
  const send = deliver(pending, done, post, () => true, (error) => reported.push(String(error)));
  return { send, sent, reported, post, left: () => queue.map((event) => event.id) };
}

const event = (id: string, ts = NOW): VitrineEvent => ({ id, type: "search", ts, query: id });
const status = (code: number, headers: Record<string, string> = {}) => Error(`answered ${code}`, { cause: new Response(null, { status: code, headers }) });

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  vi.spyOn(Math, "random").mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("deliver", () => {
  it("sends the queue oldest first in batches of 50, each taken off after a 2xx", async () => {
    const { send, sent, left } = setup(
      Array.from({ length: 120 }, (_, i) => event(`e${i}`, NOW - i)),
      async () => ({ accepted: 1 }),
    );
    send();
    await vi.runAllTimersAsync();
    expect(sent.map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(sent[0]![0]).toBe("e119");
    expect(left()).toEqual([]);
  });

  it("drops what is over the cap or older than 7 days, oldest first, and says how many", async () => {
    const old = Array.from({ length: 3 }, (_, i) => event(`old${i}`, NOW - MAX_QUEUED_AGE_MS - 1 - i));
    const fresh = Array.from({ length: MAX_QUEUED + 2 }, (_, i) => event(`new${i}`, NOW - MAX_QUEUED - 2 + i));
    const { send, sent, reported } = setup([...old, ...fresh], async () => ({ accepted: 1 }));
    send();
    await vi.runAllTimersAsync();
    // 3 too old, then the 2 oldest of the 502 that are left.
    expect(reported).toEqual([`Error: vitrine: dropped 5 queued events (more than ${MAX_QUEUED}, or older than 7 days)`]);
    expect(sent.flat()).toHaveLength(MAX_QUEUED);
    expect(sent.flat()).not.toContain("new1");
    expect(sent.flat()[0]).toBe("new2");
  });

  it("backs off after a network error, a 5xx or a 429, waiting as long as Retry-After asks when that is longer", async () => {
    const failures = [Error("offline"), status(503), status(429, { "retry-after": "30" })];
    const { send, post, left, reported } = setup([event("a")], async () => {
      const failure = failures.shift();
      if (failure) throw failure;
      return { accepted: 1 };
    });
    send();
    await vi.advanceTimersByTimeAsync(0);
    expect(post).toHaveBeenCalledTimes(1);
    // Backoff: 1 s, then 2 s (no jitter here), then the 30 s the 429 asked for.
    await vi.advanceTimersByTimeAsync(999);
    expect(post).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(post).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(post).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(post).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(post).toHaveBeenCalledTimes(4);
    expect(left()).toEqual([]);
    expect(reported).toHaveLength(3);
  });

  it("sends a refused batch again one event at a time, dropping only the refused event", async () => {
    const { send, sent, left } = setup([event("a", NOW - 2), event("bad", NOW - 1), event("c")], async (events) =>
      events.some((e) => e.id == "bad") ? null : { accepted: events.length },
    );
    send();
    await vi.runAllTimersAsync();
    expect(sent).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
    expect(left()).toEqual([]);
  });

  it("makes one delivery of calls within its delay", async () => {
    const { send, post } = setup([event("a")], async () => ({ accepted: 1 }));
    send(500);
    send(500);
    await vi.runAllTimersAsync();
    expect(post).toHaveBeenCalledTimes(1);
  });
});
