import { afterEach, describe, expect, it, vi } from "vitest";
import type { FullDecision } from "@vitrine/shared";
import type { Env } from "../src/env";
import { finishOffersWithin } from "../src/offers/slots";

/** An env whose offer-code pools answer `draw` as `draw` says (the only binding finishOffers touches for a held code). */
function envWithPools(draw: () => Promise<{ code: string; first: boolean }>): Env {
  return { OFFER_CODES: { idFromName: (name: string) => name, get: () => ({ draw }) } } as unknown as Env;
}

/** A decision whose `offer` slot draws from pool "launch" and whose `banner` slot draws nothing. */
function decision(): FullDecision {
  return {
    visitor: "v1",
    slots: { offer: { rule: "default", variant: "single-use", headline: "Your own code", offer: {} }, banner: { rule: "default", variant: "plain", headline: "Hello" } },
    pools: { offer: "launch" },
  } as unknown as FullDecision;
}

afterEach(() => vi.restoreAllMocks());

describe("finishOffersWithin", () => {
  it("hands out a code that comes in time", async () => {
    const d = decision();
    await finishOffersWithin(envWithPools(async () => ({ code: "ABC-123", first: false })), "demo", d, Date.now(), 200);
    expect(d.slots.offer?.offer?.code).toBe("ABC-123");
    expect(d.pools).toBeUndefined();
  });

  it("empties the slot whose code does not come within the deadline, and only that slot", async () => {
    const d = decision();
    // A pool that never answers: without the deadline this call would never return.
    await finishOffersWithin(envWithPools(() => new Promise(() => {})), "demo", d, Date.now(), 50);
    expect(d.slots.offer).toBeNull();
    expect(d.slots.banner?.headline).toBe("Hello");
    expect(d.pools).toBeUndefined();
  });

  it("moves every offer's end to the page's clock, also when the codes miss the deadline", async () => {
    const ends = Date.now() + 3_600_000;
    for (const draw of [async () => ({ code: "ABC-123", first: false }), () => new Promise<never>(() => {})]) {
      const d = decision();
      d.slots.banner = { ...d.slots.banner!, offer: { code: "EVENING20", endsAt: ends } } as FullDecision["slots"][string];
      await finishOffersWithin(envWithPools(draw), "demo", d, Date.now(), 50, 1_500);
      expect(d.slots.banner?.offer?.endsAt).toBe(ends - 1_500);
    }
  });

  it("moves the end of an offer that draws a code once, with its code", async () => {
    const ends = Date.now() + 3_600_000;
    const d = decision();
    d.slots.offer = { ...d.slots.offer!, offer: { endsAt: ends } } as FullDecision["slots"][string];
    await finishOffersWithin(envWithPools(async () => ({ code: "ABC-123", first: false })), "demo", d, Date.now(), 200, 1_500);
    expect(d.slots.offer?.offer).toEqual({ endsAt: ends - 1_500, code: "ABC-123" });
  });

  it("sets no timer when no slot draws a code", async () => {
    const timers = vi.spyOn(globalThis, "setTimeout");
    const d = decision();
    delete d.pools;
    await finishOffersWithin(envWithPools(() => Promise.reject(new Error("no pool should be asked"))), "demo", d, Date.now(), 50);
    expect(timers).not.toHaveBeenCalled();
    expect(d.slots.offer?.headline).toBe("Your own code");
  });
});
