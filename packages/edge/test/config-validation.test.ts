import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { ADMIN, call } from "./helpers";

type ErrorBody = { error: { status: number; message: string; issues: { path: string; message: string }[] } };
const put = (site: string, config: unknown) => call("PUT", `/v1/sites/${site}/config`, config, { headers: ADMIN });
let n = 0;
const fresh = () => {
  n += 1;
  const site = `valid-${Date.now().toString(36)}-${n}`;
  return { site, config: structuredClone({ ...demoConfig, site }) as Record<string, any> };
};

describe("config validation names what is wrong", () => {
  it("refuses a misspelt optional key, suggests the right one, and keeps the stored value", async () => {
    const { site, config } = fresh();
    expect((await put(site, { ...config, settings: { fallbackAovP90: 250 } })).status).toBe(200);
    const res = await put(site, { ...config, settings: { fallbackAOVP90: 500 } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.issues).toContainEqual({ path: "settings.fallbackAOVP90", message: 'unknown key "fallbackAOVP90" (did you mean "fallbackAovP90"?)' });
    const stored = (await (await call("GET", `/v1/sites/${site}/config`, undefined, { headers: ADMIN })).json()) as { config: { settings: { fallbackAovP90: number } } };
    expect(stored.config.settings.fallbackAovP90).toBe(250);
  });

  it("points a bad operator inside `all` at the operator, with the operators it accepts", async () => {
    const { site, config } = fresh();
    config.segments[0].when = { all: [{ trait: "value.bigSpender", op: "equals", value: true }] };
    const { error } = (await (await put(site, config)).json()) as ErrorBody;
    expect(error.issues[0]!.path).toBe("segments.0.when.all.0.op");
    expect(error.issues[0]!.message).toMatch(/expected one of "eq"\|"neq"/);
  });

  it("reads English messages from the validator, not a bare 'Invalid input'", async () => {
    const res = await call("POST", "/v1/decide", { site: "demo", visitor: 42 });
    const { error } = (await res.json()) as ErrorBody;
    expect(error.issues).toEqual([{ path: "visitor", message: "Invalid input: expected string, received number" }]);
  });

  it("refuses a condition nested deeper than the evaluator goes, at the depth where it stops", async () => {
    const { site, config } = fresh();
    let when: unknown = { trait: "value.vip", op: "eq", value: true };
    for (let i = 0; i < 40; i++) when = { not: when };
    config.segments[0].when = when;
    const res = await put(site, config);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.issues[0]!.path).toBe(`segments.0.when.${Array(33).fill("not").join(".")}`);
    expect(error.issues[0]!.message).toBe("conditions nest at most 32 levels deep");
  });

  it("refuses an unknown key in an event and names it", async () => {
    const res = await call("POST", "/v1/collect", { site: "demo", visitor: "unknown-key-1", events: [{ id: "e1", type: "page_view", ts: Date.now(), urll: "/" }] });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.issues).toContainEqual({ path: "events.0.urll", message: 'unknown key "urll" (did you mean "url"?)' });
  });

  it.each([
    ["a slot whose default is not one of its variants", (c: Record<string, any>) => (c.slots = { offer: { variants: { a: { text: "A" } }, rules: [], default: "b" } }), "slots.offer.default"],
    ["a slot named hero", (c: Record<string, any>) => (c.slots = { hero: { variants: { a: { text: "A" } }, rules: [], default: null } }), "slots.hero"],
    ["an experiment without a control", (c: Record<string, any>) => (c.experiments = [{ id: "x", name: "X", status: "running", targets: ["hero"], arms: [{ id: "a", slots: { hero: "mens" } }, { id: "b", slots: { hero: "womens" } }] }]), "experiments.0.arms"],
    ["an arm serving a variant the slot lacks", (c: Record<string, any>) => (c.experiments = [{ id: "x", name: "X", status: "running", targets: ["hero"], arms: [{ id: "c", control: true }, { id: "b", slots: { hero: "nope" } }] }]), "experiments.0.arms.1.slots.hero"],
    ["two running experiments on one slot", (c: Record<string, any>) => (c.experiments = ["x", "y"].map((id) => ({ id, name: id, status: "running", targets: ["hero"], arms: [{ id: "c", control: true }, { id: "b", slots: { hero: "mens" } }] }))), "experiments.1.targets.0"],
  ])("refuses %s at its path", async (_name, change, path) => {
    const { site, config } = fresh();
    change(config);
    const res = await put(site, config);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.issues.map((issue) => issue.path)).toContain(path);
  });
});

describe("one error envelope", () => {
  it.each([
    ["401 without a key", () => call("GET", "/v1/sites/demo/config"), 401, "authorization"],
    ["403 from a foreign origin", () => call("POST", "/v1/decide", { site: "demo", visitor: "envelope-403" }, { headers: { origin: "https://evil.example" } }), 403, "origin"],
    ["404 for an unknown site", () => call("POST", "/v1/decide", { site: "no-such-site", visitor: "envelope-404" }), 404, "site"],
    ["404 for an unknown endpoint", () => call("GET", "/v1/nothing"), 404, "(path)"],
    ["415 for a form body", () => call("POST", "/v1/collect", "a=b", { headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "content-type"],
  ])("%s carries issues", async (_name, send, status, path) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.status).toBe(status);
    expect(error.message).toMatch(/^vitrine: /);
    expect(error.issues[0]!.path).toBe(path);
    expect(error.issues[0]!.message.length).toBeGreaterThan(0);
  });
});
