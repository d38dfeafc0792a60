import { describe, expect, it } from "vitest";
import { call, collect, decide, ev, newVisitor } from "./helpers";

const auth = { authorization: "Bearer test-admin-token" };

describe("visitor export and deletion", () => {
  it("needs the admin token", async () => {
    const visitor = newVisitor("adm");
    expect((await call("GET", `/v1/sites/demo/visitors/${visitor}`)).status).toBe(401);
    expect((await call("GET", `/v1/sites/demo/visitors/${visitor}`, undefined, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await call("DELETE", `/v1/sites/demo/visitors/${visitor}`)).status).toBe(401);
  });

  it("exports what is stored and deletes it", async () => {
    const visitor = newVisitor("exp");
    await collect({ visitor, events: [ev("category_view", { categories: ["Men's"] }, 40), ev("page_view", { url: "http://shop.test/" })] });
    const exported = await call("GET", `/v1/sites/demo/visitors/${visitor}`, undefined, { headers: auth });
    expect(exported.status).toBe(200);
    const body = (await exported.json()) as { profile: { sessions: number }; traits: { interests: { category: string }[] } };
    expect(body.profile.sessions).toBe(2);
    expect(body.traits.interests[0]?.category).toBe("men's");

    const deleted = await call("DELETE", `/v1/sites/demo/visitors/${visitor}`, undefined, { headers: auth });
    expect(await deleted.json()).toMatchObject({ deleted: true });
    expect((await call("GET", `/v1/sites/demo/visitors/${visitor}`, undefined, { headers: auth })).status).toBe(404);
    const after = await decide({ visitor });
    expect(after.traits.lifecycle.sessions).toBe(0);
  });

  it("names a bad visitor id in the path", async () => {
    const res = await call("GET", "/v1/sites/demo/visitors/x", undefined, { headers: auth });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/visitor/);
  });
});
