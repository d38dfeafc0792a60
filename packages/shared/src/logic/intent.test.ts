import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Event } from "../schema/event";
import { foldEvents } from "./fold";
import { BUYER_MODEL, buyerFeatures, classifyIntent, engagedMinutes } from "./intent";
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
    // Real sessions: a long look without a cart ends in an order about one time in five.
    ["direct arrival, a long look at five products, no cart", [page(-25), view(-24, "A"), view(-20, "B"), view(-16, "C"), view(-12, "D"), view(-8, "E"), page(-2)], "browser"],
    ["a single glance at the home page", [page(0)], "browser"],
    ["arrived from a review, one product", [page(-2, "https://shop.test/", review), view(-1, "A")], "browser"],
    ["three quick cartless visits from social", [page(-days(3), "https://shop.test/", "https://t.co/x"), page(-days(2), "https://shop.test/", "https://t.co/x"), page(-days(1), "https://shop.test/", "https://t.co/x"), view(0, "A")], "researcher"],
    ["a researcher who finally carts", [...researcher, view(0, "R0"), cart(1, "R0")], "buyer"],
  ])("%s → %s", (_name, events, kind) => {
    expect(intentOf(events).kind).toBe(kind);
  });

  it("explains each signal in plain words, with its contribution to the log-odds", () => {
    expect(intentOf(researcher).reasons).toEqual([
      "3 product or category pages, 3 min engaged this session (+0.50)",
      "returning visitor (−0.95)",
      "4 sessions without a cart (research +2.80)",
      "4 arrivals from reviews or articles (research +2.70)",
      "12 product views over 4 sessions, none carted (research +1.35)",
    ]);
    expect(intentOf([page(-20), ev("search", -19, { query: "q" }), view(-18, "A"), view(-15, "B"), cart(-9, "B"), ev("checkout", -8), purchase(-5, "o1", 10)]).reasons).toEqual([
      "2 product or category pages, 2 min engaged this session (+0.19)",
      "searched, then opened a product (+0.60)",
      "added to cart this session (+1.80)",
      "reached checkout this session (+1.50)",
      "ordered this session (+1.20)",
      "came straight to the shop (+0.40)",
      "cart this session (research −1.50)",
      "checkout this session (research −1.00)",
      "ordered this session (research −1.50)",
    ]);
    expect(intentOf([page(-9, "https://shop.test/account/login"), page(-8, "https://shop.test/pages/shipping"), page(-1, "https://shop.test/")]).reasons).toEqual([
      "opened an account page (+0.44)",
      "read about shipping, returns or the shop (+0.16)",
      "came straight to the shop (+0.40)",
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

/** One direct session of `pages` product pages, `secondsEach` apart, then a closing page view. */
function session(pages: number, secondsEach: number, extra: Event[] = []): Event[] {
  const start = -60;
  const views = Array.from({ length: pages }, (_, i) => view(start + (i * secondsEach) / 60, `S${i}`));
  return [page(start - 1), ...views, ...extra, page(start + (pages * secondsEach) / 60)];
}
const buyerOf = (events: Event[]) => intentOf(events).buyer;

describe("classifyIntent: the shipped buyer weights", () => {
  it("keep growing with engagement well past eight product pages, as real buyers' sessions do", () => {
    const scores = [1, 3, 8, 15, 30, 60].map((pages) => buyerOf(session(pages, 50)));
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThan(scores[i - 1]!);
    expect(scores.at(-1)! - scores[2]!).toBeGreaterThan(0.1);
  });

  it("count at most a minute per page: a tab left open is not reading", () => {
    expect(buyerOf(session(3, 25 * 60))).toBe(buyerOf(session(3, 60)));
    expect(buyerOf(session(3, 60))).toBeGreaterThan(buyerOf(session(3, 10)));
  });

  it("weigh account pages up and returning visits down, as the calibration found", () => {
    const base = session(5, 40);
    const withAccount = [page(-62, "https://shop.test/account/login"), ...base];
    const returning = [page(-3 * 24 * 60), ...base];
    expect(buyerOf(withAccount)).toBeGreaterThan(buyerOf(base));
    expect(buyerOf(returning)).toBeLessThan(buyerOf(base));
  });

  it("rank a carting session above the same session without the cart, and checkout above that", () => {
    const plain = buyerOf(session(4, 40));
    const carted = buyerOf(session(4, 40, [cart(-50, "S1")]));
    const checkedOut = buyerOf(session(4, 40, [cart(-50, "S1"), ev("checkout", -49)]));
    expect(plain).toBeLessThan(carted);
    expect(carted).toBeLessThan(checkedOut);
  });

  it.each([
    [{ catalogPages: 0, catalogDwellMs: 0, accountPages: 0, infoPages: 0, returning: false }, [0, 0, 0, 0, 0, 0, 0]],
    [{ catalogPages: 2, catalogDwellMs: 600_000, accountPages: 1, infoPages: 0, returning: true }, [Math.log1p(2), 0, 0, 0, 1, 0, 1]],
    [{ catalogPages: 30, catalogDwellMs: 1_200_000, accountPages: 0, infoPages: 3, returning: false }, [Math.log1p(2), Math.log1p(10) - Math.log1p(2), Math.log1p(20) - Math.log1p(10), 0, 0, 1, 0]],
  ])("reads %j as the fitted model's inputs", (activity, expected) => {
    buyerFeatures(activity).forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 10));
  });

  it("caps engaged time per page", () => {
    expect(engagedMinutes({ catalogPages: 3, catalogDwellMs: 600_000 })).toBe(3);
    expect(engagedMinutes({ catalogPages: 3, catalogDwellMs: 90_000 })).toBe(1.5);
  });

  it("keep the curve's slopes non-negative, so more engagement never lowers the score", () => {
    for (const w of BUYER_MODEL.engaged) expect(w).toBeGreaterThanOrEqual(0);
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
