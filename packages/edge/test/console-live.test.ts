import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call, decide, ev, newSite, newVisitor } from "./helpers";
import { createHll, hllAdd, hllCount, hllMerge } from "../src/live/hll";

const KIDS = ["Kids", "Toys"];
const kidsVisit = () => [ev("category_view", { categories: KIDS }, 3), ev("product_view", { categories: KIDS, product: { sku: "KT-1", price: 30, categories: KIDS } }, 1)];

type Live = { visitors: { day: number; week: number }; segments: { id: string; day: number; week: number }[]; served: { part: string; rule: string; variant: string; day: number; week: number }[] };
/**
 * A decide, made again while it answered the fallback default: on a loaded machine the visitor's
 * object can miss decide's deadline, and only decisions made are counted live (as a real
 * visitor's next page would be).
 */
async function decided(...args: Parameters<typeof decide>) {
  for (let attempt = 1; ; attempt += 1) {
    const decision = await decide(...args);
    if (decision.hero.reason.basis !== "fallback") return decision;
    if (attempt === 5) throw new Error(`decide for ${String(args[0].visitor)} fell back to the default 5 times`);
  }
}
const live = async (site: string) => (await (await call("GET", `/v1/sites/${site}/live`, undefined, { headers: ADMIN })).json()) as Live;

describe("live numbers", () => {
  it("count the visitors each segment held and what each rule served, as decisions are made", async () => {
    const config = structuredClone(demoConfig);
    config.segments.push({ id: "kids-fans", name: "Kids fans", description: "", when: { interest: "kids" } } as never);
    const site = await newSite("live", config);
    const fans = [newVisitor("fan"), newVisitor("fan"), newVisitor("fan")];
    for (const visitor of fans) {
      await decided({ site, visitor, events: kidsVisit() });
      await decided({ site, visitor });
    }
    await decided({ site, visitor: newVisitor("plain") });
    await decided({ site, visitor: newVisitor("bot") }, { headers: { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" } });
    // Counted after each answer has gone (waitUntil): give a loaded machine time.
    await expect.poll(async () => (await live(site)).visitors.day, { timeout: 20_000 }).toBe(4);
    const numbers = await live(site);
    expect(numbers.visitors).toEqual({ day: 4, week: 4 });
    expect(numbers.segments.find((segment) => segment.id === "kids-fans")).toMatchObject({ day: 3, week: 3 });
    expect(numbers.segments.find((segment) => segment.id === "vip")).toMatchObject({ day: 0, week: 0 });
    expect(numbers.served).toEqual(expect.arrayContaining([
      { part: "hero", rule: "interest-kids", variant: "kids", day: 6, week: 6 },
      { part: "hero", rule: "default", variant: "default", day: 1, week: 1 },
    ]));
  });

  it("need config:read", async () => {
    const site = await newSite("live-scope", demoConfig);
    const made = (await (await call("POST", `/v1/sites/${site}/keys`, { name: "Orders", scopes: ["orders:write"] }, { headers: ADMIN })).json()) as { token: string };
    expect((await call("GET", `/v1/sites/${site}/live`, undefined, { headers: { authorization: `Bearer ${made.token}` } })).status).toBe(403);
  });
});

describe("HyperLogLog sketch", () => {
  it("counts small sets exactly and large ones within 5%, and merges as a union", () => {
    const small = createHll();
    for (const id of ["a", "b", "c", "a"]) hllAdd(small, id);
    expect(hllCount(small)).toBe(3);
    const left = createHll();
    const right = createHll();
    for (let i = 0; i < 20_000; i++) hllAdd(i % 2 ? left : right, `visitor-${i}`);
    for (let i = 0; i < 5_000; i++) hllAdd(left, `visitor-${i}`);
    const union = hllMerge(hllMerge(createHll(), left), right);
    expect(Math.abs(hllCount(union) - 20_000) / 20_000).toBeLessThan(0.05);
    expect(hllAdd(union, "visitor-1")).toBe(false);
  });
});
