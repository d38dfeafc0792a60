import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Event } from "../schema/event";
import { foldEvents } from "./fold";
import { classifyIntent } from "./intent";
import { cart, CTX, DAY, ev, MIN, NOW, page, purchase, view } from "./__fixtures__/events";

const intentOf = (events: Event[]) => classifyIntent(foldEvents(null, events, CTX), NOW);
const review = "https://www.rtings.com/headphones/reviews/best";
const days = (n: number) => (n * DAY) / MIN;

/** Four sessions over a week from review sites, twelve products, never a cart. */
const researcher = [0, 1, 2, 3].flatMap((s) => {
  const start = -days(6 - 2 * s) - 30;
  return [page(start, "https://shop.test/c/headphones", review), view(start + 2, `R${3 * s}`), view(start + 4, `R${3 * s + 1}`), view(start + 6, `R${3 * s + 2}`)];
});

describe("classifyIntent: journeys as a shopper would read them", () => {
  it.each([
    ["four sessions over a week from reviews, twelve products, never a cart", researcher, "researcher"],
    [
      "one session: search, three products with time on them, cart, checkout",
      [page(-20, "https://shop.test/", "https://www.google.com/"), ev("search", -19, { query: "anc" }), view(-18, "A"), view(-15, "B"), view(-12, "C"), cart(-9, "C"), ev("checkout", -8)],
      "buyer",
    ],
    ["direct arrival, deep product engagement, cart", [page(-25), view(-24, "A"), view(-20, "B"), view(-16, "C"), view(-12, "D"), view(-8, "E"), cart(-3, "E")], "buyer"],
    ["direct arrival, a long look at five products", [page(-25), view(-24, "A"), view(-20, "B"), view(-16, "C"), view(-12, "D"), view(-8, "E"), page(-2)], "buyer"],
    ["a single glance at the home page", [page(0)], "browser"],
    ["arrived from a review, one product", [page(-2, "https://shop.test/", review), view(-1, "A")], "browser"],
    ["three quick cartless visits from social", [page(-days(3), "https://shop.test/", "https://t.co/x"), page(-days(2), "https://shop.test/", "https://t.co/x"), page(-days(1), "https://shop.test/", "https://t.co/x"), view(0, "A")], "researcher"],
    ["a researcher who finally carts", [...researcher, view(0, "R0"), cart(1, "R0")], "buyer"],
  ])("%s → %s", (_name, events, kind) => {
    expect(intentOf(events).kind).toBe(kind);
  });

  it("explains each signal in plain words", () => {
    expect(intentOf(researcher).reasons).toEqual([
      "3 product pages this session (+)",
      "4 min on product pages this session (+)",
      "4 sessions without a cart (research)",
      "4 arrivals from reviews or articles (research)",
      "12 product views over 4 sessions, none carted (research)",
    ]);
    expect(intentOf([page(-20), ev("search", -19, { query: "q" }), view(-18, "A"), view(-15, "B"), cart(-9, "B"), ev("checkout", -8), purchase(-5, "o1", 10)]).reasons).toEqual([
      "2 product pages this session (+)",
      "10 min on product pages this session (+)",
      "searched, then opened a product (+)",
      "added to cart this session (+)",
      "reached checkout this session (+)",
      "ordered this session (+)",
      "came straight to the shop (+)",
      "cart this session (less research)",
      "checkout this session (less research)",
      "ordered this session (less research)",
    ]);
  });

  it("gives an unseen visitor low scores and no reasons", () => {
    const intent = classifyIntent(foldEvents(null, [], CTX), NOW);
    expect(intent.kind).toBe("browser");
    expect(intent.reasons).toEqual([]);
  });

  it("forgets research older than a month", () => {
    const old = researcher.map((e) => ({ ...e, ts: e.ts - 60 * DAY }));
    expect(classifyIntent(foldEvents(null, [...old, page(0)], CTX), NOW).reasons).not.toContain("4 sessions without a cart (research)");
  });

  it("keeps scores within 0..1", () => {
    const intent = intentOf(researcher);
    for (const score of [intent.buyer, intent.researcher]) expect(score).toBeGreaterThanOrEqual(0), expect(score).toBeLessThanOrEqual(1);
  });
});

describe("classifyIntent: the buyer score ranks sessions by how likely they are to buy", () => {
  const step = fc.oneof(
    fc.constant("view" as const),
    fc.constant("cart" as const),
    fc.constant("page" as const),
    fc.constant("search" as const),
    fc.constant("checkout" as const),
  );
  const make = (kind: "view" | "cart" | "page" | "search" | "checkout", at: number, i: number): Event =>
    kind === "view" ? view(at, `P${i % 7}`) : kind === "cart" ? cart(at, `P${i % 7}`) : kind === "search" ? ev("search", at, { query: "q" }) : kind === "checkout" ? ev("checkout", at) : page(at);

  it.each(["view", "cart"] as const)("adding a %s to the current session never lowers it", (added) => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 25 }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 29 }),
        (earlier, session, insertAt, gapMinutes) => {
          const history = earlier.map((kind, i) => make(kind, -days(10) + i * 40, i));
          const current = session.map((kind, i) => make(kind, -60 + i * 2, i));
          // Inside the session (a late event too) or after its last event, within the inactivity limit.
          const at = insertAt < current.length ? -60 + insertAt * 2 - 1 : -60 + (current.length - 1) * 2 + gapMinutes;
          const lateExtra = make(added, at, 99);
          const before = classifyIntent(foldEvents(null, [...history, ...current], CTX), NOW).buyer;
          const after = classifyIntent(foldEvents(null, [...history, ...current, lateExtra], CTX), NOW).buyer;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});
