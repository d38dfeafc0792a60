import { afterEach, describe, expect, it, vi } from "vitest";
import type { ExperimentMessage } from "../src/experiments/messages";
import { newVisitor, workerEnv } from "./helpers";
import { deliver } from "./experiments-data";

let siteCounter = 0;
const newResultsSite = () => `q-${Date.now().toString(36)}-${(siteCounter += 1)}`;
const T0 = Date.UTC(2026, 0, 5, 10);

const rows = async (table: "exposures" | "conversions" | "actions", site: string) =>
  (await workerEnv.RESULTS.prepare(`SELECT * FROM ${table} WHERE site = ?1 ORDER BY ts`).bind(site).all<Record<string, unknown>>()).results;

afterEach(() => vi.restoreAllMocks());

describe("the experiment events consumer", () => {
  it("writes exposures, conversions and cart adds, and acks each message", async () => {
    const site = newResultsSite();
    const visitor = newVisitor("qa");
    const messages: ExperimentMessage[] = [
      { kind: "exposure", site, experiment: "hero-test", arm: "b", visitor, ts: T0, preSpend: 120 },
      { kind: "action", site, experiment: "hero-test", arm: "b", visitor, action: "add_to_cart", ts: T0 + 60_000 },
      { kind: "conversion", site, experiment: "hero-test", arm: "b", visitor, order: "A-1", revenue: 49.5, ts: T0 + 120_000, source: "trusted" },
    ];
    const { ids, acked, retried } = await deliver(messages);
    expect(acked.sort()).toEqual(ids.sort());
    expect(retried).toEqual([]);
    expect(await rows("exposures", site)).toEqual([{ site, experiment: "hero-test", visitor, arm: "b", ts: T0, day: "2026-01-05", pre_spend: 120 }]);
    expect(await rows("actions", site)).toEqual([{ site, experiment: "hero-test", visitor, action: "add_to_cart", arm: "b", ts: T0 + 60_000 }]);
    expect(await rows("conversions", site)).toEqual([{ site, experiment: "hero-test", order_id: "A-1", visitor, arm: "b", revenue: 49.5, ts: T0 + 120_000, source: "trusted" }]);
  });

  it("stores a redelivered exposure, conversion or cart add once", async () => {
    const site = newResultsSite();
    const visitor = newVisitor("qr");
    const exposure: ExperimentMessage = { kind: "exposure", site, experiment: "hero-test", arm: "control", visitor, ts: T0, preSpend: 0 };
    const conversion: ExperimentMessage = { kind: "conversion", site, experiment: "hero-test", arm: "control", visitor, order: "B-1", revenue: 80, ts: T0 + 1000, source: "trusted" };
    const action: ExperimentMessage = { kind: "action", site, experiment: "hero-test", arm: "control", visitor, action: "add_to_cart", ts: T0 + 500 };
    await deliver([exposure, conversion, action]);
    // Redelivered in the same batch and in a later one, as at-least-once delivery may do.
    await deliver([exposure, conversion, conversion, action], 2);
    await deliver([{ ...exposure, ts: T0 + 9999, arm: "b" }, { ...conversion, revenue: 999 }]);
    expect(await rows("exposures", site)).toMatchObject([{ arm: "control", ts: T0 }]);
    expect(await rows("conversions", site)).toMatchObject([{ order_id: "B-1", revenue: 80 }]);
    expect(await rows("actions", site)).toHaveLength(1);
  });

  it("lets the shop's trusted record of an order replace a browser-reported one, never the reverse", async () => {
    const site = newResultsSite();
    const visitor = newVisitor("qt");
    const order = { kind: "conversion", site, experiment: "hero-test", arm: "b", visitor, order: "C-1", ts: T0 } as const;
    await deliver([{ ...order, revenue: 10, source: "browser" }]);
    await deliver([{ ...order, revenue: 12.5, source: "trusted" }]);
    await deliver([{ ...order, revenue: 1, source: "browser" }]);
    expect(await rows("conversions", site)).toMatchObject([{ order_id: "C-1", revenue: 12.5, source: "trusted" }]);
  });

  it("logs and acks a malformed message instead of retrying it, and still writes the good ones", async () => {
    const site = newResultsSite();
    const visitor = newVisitor("qm");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const good: ExperimentMessage = { kind: "exposure", site, experiment: "hero-test", arm: "b", visitor, ts: T0, preSpend: 0 };
    const bad = [
      { kind: "view", site, experiment: "hero-test", arm: "b", visitor, ts: T0 },
      { ...good, visitor: "x" },
      { ...good, kind: "conversion", order: "D-1", revenue: -5, source: "trusted" },
      "not even an object",
    ];
    const { ids, acked, retried } = await deliver([good, ...bad]);
    expect(acked.sort()).toEqual(ids.sort());
    expect(retried).toEqual([]);
    expect(await rows("exposures", site)).toHaveLength(1);
    expect(await rows("conversions", site)).toHaveLength(0);
    const lines = logged.mock.calls.map(([line]) => JSON.parse(String(line)) as { msg: string; issues: string[] });
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.msg.startsWith("experiment message refused"))).toBe(true);
    expect(lines[1]!.issues[0]).toMatch(/^visitor:/);
    expect(lines[2]!.issues[0]).toMatch(/^revenue:/);
  });

  it("retries the batch when D1 fails, and writes it on the next delivery", async () => {
    const site = newResultsSite();
    const visitor = newVisitor("qf");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const message: ExperimentMessage = { kind: "exposure", site, experiment: "hero-test", arm: "b", visitor, ts: T0, preSpend: 0 };
    const failing = vi.spyOn(workerEnv.RESULTS, "batch").mockRejectedValueOnce(new Error("D1_ERROR: database is locked"));
    const first = await deliver([message, { kind: "nonsense" }]);
    expect(first.retried).toEqual([first.ids[0]]);
    expect(first.acked).toEqual([first.ids[1]]);
    expect(logged.mock.calls.some(([line]) => String(line).includes("retrying"))).toBe(true);
    failing.mockRestore();
    const second = await deliver([message], 2);
    expect(second.acked).toEqual(second.ids);
    expect(await rows("exposures", site)).toHaveLength(1);
  });

  it("receives what the producer sends through the real queue", async () => {
    const site = newResultsSite();
    const visitor = newVisitor("qq");
    await workerEnv.EXPERIMENT_EVENTS.sendBatch([
      { body: { kind: "exposure", site, experiment: "hero-test", arm: "b", visitor, ts: T0, preSpend: 0 } },
      { body: { kind: "conversion", site, experiment: "hero-test", arm: "b", visitor, order: "Q-1", revenue: 20, ts: T0 + 1, source: "trusted" } },
    ]);
    await vi.waitFor(async () => expect(await rows("conversions", site)).toHaveLength(1), { timeout: 10_000, interval: 200 });
    expect(await rows("exposures", site)).toHaveLength(1);
  });
});
