import { describe, expect, it, vi } from "vitest";
import type { Context } from "hono";
import type { AppEnv } from "../src/env";
import { isolateBatches } from "../src/http/isolate-batches";

/** A request's context as the batcher sees it: bindings and `waitUntil`, which collects what it keeps alive. */
function request() {
  const kept: Promise<unknown>[] = [];
  const c = { env: {}, executionCtx: { waitUntil: (work: Promise<unknown>) => kept.push(work) } } as unknown as Context<AppEnv>;
  return { c, kept };
}

describe("isolateBatches", () => {
  it("sends each key's items together once its first item has waited `ms`, and keeps the first request alive until then", async () => {
    const sent: [string, number[]][] = [];
    const batches = isolateBatches<number>({ ms: 50, max: 100, what: "test items", send: async (_env, key, items) => void sent.push([key, items]) });
    const first = request();
    batches.add(first.c, "a", 1);
    batches.add(request().c, "b", 10);
    const later = request();
    batches.add(later.c, "a", 2, 3);
    expect(sent).toEqual([]);
    // Only the request that started a batch waits for it.
    expect(first.kept).toHaveLength(1);
    expect(later.kept).toHaveLength(0);
    await first.kept[0];
    expect(sent).toContainEqual(["a", [1, 2, 3]]);
    await vi.waitFor(() => expect(sent).toContainEqual(["b", [10]]));
    expect(sent).toHaveLength(2);
  });

  it("sends a batch at once when it is full, and starts the next one afresh", async () => {
    const sent: number[][] = [];
    const batches = isolateBatches<number>({ ms: 10_000, max: 3, what: "test items", send: async (_env, _key, items) => void sent.push(items) });
    const full = request();
    batches.add(request().c, "k", 1, 2);
    batches.add(full.c, "k", 3);
    // The request that filled it keeps the send alive.
    expect(full.kept).toHaveLength(1);
    await full.kept[0];
    expect(sent).toEqual([[1, 2, 3]]);
    const next = request();
    batches.add(next.c, "k", 4);
    expect(next.kept).toHaveLength(1);
  });

  it("logs a failed send and loses only that batch", async () => {
    const sent: number[][] = [];
    let fail = true;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const batches = isolateBatches<number>({
      ms: 20,
      max: 100,
      what: "test items",
      send: async (_env, _key, items) => {
        if (fail) throw new Error("counter down");
        sent.push(items);
      },
    });
    const failing = request();
    batches.add(failing.c, "k", 1);
    await expect(failing.kept[0]).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('"msg":"test items not counted"'));
    fail = false;
    const working = request();
    batches.add(working.c, "k", 2);
    await working.kept[0];
    expect(sent).toEqual([[2]]);
    errors.mockRestore();
  });
});
