import type { Context } from "hono";
import type { AppEnv } from "../env";
import { executionContext } from "./execution-context";

type Env = AppEnv["Bindings"];

/**
 * Items gathered per key in this isolate and sent together, instead of one call (and one write)
 * per request: the first item of a key waits up to `ms` for others, and a key holding `max` items
 * goes at once. The request that started a batch keeps the isolate alive until it is sent
 * (`waitUntil`). `send` failing is logged and costs that batch only — for counts that may fall
 * short, never for anything that must arrive.
 * @example
 * const views = isolateBatches<Hit>({ ms: 1_000, max: 200, what: "views", send: (env, key, hits) => stub(env, key).add(hits) });
 * views.add(c, "demo", { sku: "NC-100", ts: Date.now() });
 */
export function isolateBatches<T>(options: { ms: number; max: number; what: string; send: (env: Env, key: string, items: T[]) => Promise<unknown> }) {
  const pending = new Map<string, T[]>();
  const flush = (env: Env, key: string): Promise<void> => {
    const items = pending.get(key);
    pending.delete(key);
    if (!items || items.length === 0) return Promise.resolve();
    return options
      .send(env, key, items)
      .then(() => undefined)
      .catch((error: unknown) => console.error(JSON.stringify({ level: "warn", msg: `${options.what} not counted`, key, items: items.length, error: String(error) })));
  };
  return {
    /** Adds `item` to `key`'s batch (after the answer: nothing here makes the request wait). */
    add(c: Context<AppEnv>, key: string, ...items: T[]): void {
      const batch = pending.get(key);
      let done: Promise<void> | undefined;
      if (batch) {
        batch.push(...items);
        // The first item of the batch already waits for the flush; a full batch goes at once.
        if (batch.length >= options.max) done = flush(c.env, key);
      } else {
        pending.set(key, items);
        done = new Promise((resolve) => setTimeout(resolve, options.ms)).then(() => flush(c.env, key));
      }
      if (done) executionContext(c)?.waitUntil(done);
    },
  };
}
