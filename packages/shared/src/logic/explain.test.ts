import { describe, expect, it } from "vitest";
import type { Condition } from "../schema/config";
import { describeCondition } from "./explain";
import { SETTINGS, traits } from "./__fixtures__/events";

const bigSpender: Condition = { trait: "value.bigSpender", op: "eq", value: true };
const vip: Condition = { trait: "value.vip", op: "eq", value: true };

describe("describeCondition: which threshold each value trait was judged against", () => {
  it.each([
    ["both the site's", { basis: "site", spendBasis: "site" }, "site threshold", "site threshold"],
    ["order value the site's, spend the fallback", { basis: "site", spendBasis: "fallback" }, "site threshold", "fallback threshold"],
    ["both fallbacks", { basis: "fallback", spendBasis: "fallback" }, "fallback threshold", "fallback threshold"],
    ["no spendBasis: basis stands for both", { basis: "site" }, "site threshold", "site threshold"],
  ] as const)("%s", (_name, bases, aovWords, spendWords) => {
    const t = traits({ value: { orders: 2, aov: 600, totalSpend: 1200, bigSpender: true, vip: true, thresholds: { aovP90: 90, spendP90: 1000, ...bases } } });
    expect(describeCondition(bigSpender, t, SETTINGS)).toBe(`average order $600.00 ≥ p90 $90.00, ${aovWords}`);
    expect(describeCondition(vip, t, SETTINGS)).toBe(`12-month spend $1,200.00 ≥ p90 $1,000.00, ${spendWords}`);
  });

  it("words a trait path that is no phrase's own, never an inherited one", () => {
    const cond = { trait: "constructor", op: "neq", value: "x" } as unknown as Condition;
    expect(describeCondition(cond, traits(), SETTINGS)).toBe("constructor is null");
  });
});
