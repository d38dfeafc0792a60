import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { signHeader } from "../src/keys/signature";
import { ADMIN, call, newSite, newVisitor, storedProfile } from "./helpers";

type Refusal = { error: { status: number; message: string; issues: { path: string; message: string }[] } };

/** Makes (or rotates) the site's signing secret through the keys API; answers the secret. */
async function signingSecret(site: string): Promise<string> {
  const res = await call("POST", `/v1/sites/${site}/keys/signing`, undefined, { headers: ADMIN });
  expect(res.status).toBe(201);
  const made = (await res.json()) as { secret: string; signing: { current: { id: string } } };
  expect(made.secret).toMatch(/^vtsig_[0-9a-f]{64}$/);
  return made.secret;
}

const ordersBody = (visitor: string, id: string, total = 120) => JSON.stringify({ orders: [{ visitor, id, total }] });

/** Posts `body` to the site's orders with only a signature header (no key). */
function postSigned(site: string, body: string, signature: string): Promise<Response> {
  return call("POST", `/v1/sites/${site}/orders`, body, { headers: { "vitrine-signature": signature } });
}

async function refusal(res: Response, status: number): Promise<Refusal["error"]> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as Refusal;
  expect(body.error.issues[0]?.path).toBe("vitrine-signature");
  return body.error;
}

describe("signed trusted orders", () => {
  it("records an order signed with the site's secret, without any key, and never shows the secret again", async () => {
    const site = await newSite("sig", demoConfig);
    const secret = await signingSecret(site);
    const visitor = newVisitor("signed");
    const body = ordersBody(visitor, "S-1", 250);
    const res = await postSigned(site, body, await signHeader(secret, body));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 1, duplicates: 0, stats: { orders: 1 } });
    expect((await storedProfile(site, visitor))?.totals.orders).toBe(1);
    const listed = await call("GET", `/v1/sites/${site}/keys/signing`, undefined, { headers: ADMIN });
    const text = await listed.text();
    expect(listed.status).toBe(200);
    // The listed id is random: no part of the secret is ever answered again.
    expect((JSON.parse(text) as { signing: { current: { id: string } } }).signing.current.id).toMatch(/^[0-9a-f]{12}$/);
    expect(text).not.toContain(secret.slice(6, 18));
    expect(text).not.toContain(secret);
  });

  it("refuses a forged signature, a body changed after signing, and another site's secret", async () => {
    const site = await newSite("sig", demoConfig);
    const other = await newSite("sig", demoConfig);
    const secret = await signingSecret(site);
    const otherSecret = await signingSecret(other);
    const visitor = newVisitor("forged");
    const body = ordersBody(visitor, "F-1");
    const t = Math.floor(Date.now() / 1000);
    expect((await refusal(await postSigned(site, body, `t=${t},v1=${"ab".repeat(32)}`), 401)).message).toContain("does not match");
    const tampered = ordersBody(visitor, "F-1", 99_999);
    await refusal(await postSigned(site, tampered, await signHeader(secret, body, t)), 401);
    // Signed for one site, sent to another: the other site's secret does not match.
    await refusal(await postSigned(site, body, await signHeader(otherSecret, body)), 401);
    await refusal(await postSigned(other, body, await signHeader(secret, body)), 401);
    expect(await storedProfile(site, visitor)).toBeNull();
    expect(await storedProfile(other, visitor)).toBeNull();
  });

  it("refuses a site without a signing secret in the same words as a bad signature, and one whose secret was removed", async () => {
    const site = await newSite("sig", demoConfig);
    const signing = await newSite("sig", demoConfig);
    await signingSecret(signing);
    const body = ordersBody(newVisitor(), "N-1");
    const header = await signHeader("vtsig_" + "0".repeat(64), body);
    const none = await refusal(await postSigned(site, body, header), 401);
    const forged = await refusal(await postSigned(signing, body, header), 401);
    // Nothing tells a caller without the secret which sites have signing set up.
    expect(none.message.replaceAll(site, "SITE")).toBe(forged.message.replaceAll(signing, "SITE"));
    expect(none.issues).toEqual(forged.issues);
    const secret = await signingSecret(site);
    expect((await call("DELETE", `/v1/sites/${site}/keys/signing`, undefined, { headers: ADMIN })).status).toBe(200);
    await refusal(await postSigned(site, body, await signHeader(secret, body)), 401);
  });

  it("refuses a timestamp more than five minutes old or ahead", async () => {
    const site = await newSite("sig", demoConfig);
    const secret = await signingSecret(site);
    const body = ordersBody(newVisitor("stale"), "T-1");
    const now = Math.floor(Date.now() / 1000);
    expect((await refusal(await postSigned(site, body, await signHeader(secret, body, now - 360)), 401)).message).toMatch(/seconds old/);
    expect((await refusal(await postSigned(site, body, await signHeader(secret, body, now + 360)), 401)).message).toMatch(/in the future/);
    expect((await postSigned(site, body, await signHeader(secret, body, now - 200))).status).toBe(200);
  });

  it("refuses a replayed signed body with 409, and counts a re-signed order once", async () => {
    const site = await newSite("sig", demoConfig);
    const secret = await signingSecret(site);
    const visitor = newVisitor("replay");
    const body = ordersBody(visitor, "R-1", 80);
    const now = Math.floor(Date.now() / 1000);
    const header = await signHeader(secret, body, now);
    expect((await postSigned(site, body, header)).status).toBe(200);
    const replay = await refusal(await postSigned(site, body, header), 409);
    expect(replay.message).toContain("in progress or was already received");
    // A retry signed again is a new request; the order id still counts once.
    const again = await postSigned(site, body, await signHeader(secret, body, now - 1));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1, stats: { orders: 1 } });
    expect((await storedProfile(site, visitor))?.totals.orders).toBe(1);
  });

  it("refuses each v1= entry of a received request sent alone", async () => {
    const site = await newSite("sig", demoConfig);
    const first = await signingSecret(site);
    const second = await signingSecret(site);
    const visitor = newVisitor("split");
    const body = ordersBody(visitor, "P-1", 60);
    const t = Math.floor(Date.now() / 1000);
    const [a, b] = [(await signHeader(first, body, t)).split(",")[1]!, (await signHeader(second, body, t)).split(",")[1]!];
    expect((await postSigned(site, body, `t=${t},${a},${b}`)).status).toBe(200);
    await refusal(await postSigned(site, body, `t=${t},${a}`), 409);
    await refusal(await postSigned(site, body, `t=${t},${b}`), 409);
    await refusal(await postSigned(site, body, `t=${t},${b},${a}`), 409);
  });

  it("gives the claim back when nothing was recorded, so the same signed body may be sent again", async () => {
    const site = await newSite("sig", demoConfig);
    const secret = await signingSecret(site);
    const bad = JSON.stringify({ orders: [{ visitor: newVisitor(), id: "B-1", total: -1 }] });
    const header = await signHeader(secret, bad);
    for (let i = 0; i < 2; i++) expect((await postSigned(site, bad, header)).status).toBe(400);
  });

  it("keeps both earlier secrets verifying after two rotations within the hour", async () => {
    const site = await newSite("sig", demoConfig);
    const first = await signingSecret(site);
    const second = await signingSecret(site);
    const third = await signingSecret(site);
    for (const [i, secret] of [first, second, third].entries()) {
      const body = ordersBody(newVisitor("rot2"), `Q-${i}`);
      expect((await postSigned(site, body, await signHeader(secret, body))).status, `secret ${i + 1}`).toBe(200);
    }
    const listed = (await (await call("GET", `/v1/sites/${site}/keys/signing`, undefined, { headers: ADMIN })).json()) as { signing: { retired: unknown[] } };
    expect(listed.signing.retired).toHaveLength(2);
  });

  it("names what is wrong with a malformed header", async () => {
    const site = await newSite("sig", demoConfig);
    await signingSecret(site);
    const body = ordersBody(newVisitor(), "M-1");
    const now = Math.floor(Date.now() / 1000);
    for (const [header, says] of [
      ["", "is not t="],
      [`t=${now}`, "v1=<hex HMAC-SHA256> is missing"],
      [`v1=${"a".repeat(64)}`, "t=<unix seconds> is missing"],
      [`t=${now},v1=ABC`, "is not t="],
      [`t=${now},v1=${"a".repeat(40)}`, "64 lowercase hex"],
      [`t=${now},t=${now},v1=${"a".repeat(64)}`, "more than once"],
      [`sha256=${"a".repeat(64)}`, "is not t="],
    ] as const) {
      const error = await refusal(await postSigned(site, body, header), 401);
      expect(error.issues[0]?.message, header).toContain(says);
    }
  });

  it("keeps the previous secret valid after a rotation, and names bad order fields after a valid signature", async () => {
    const site = await newSite("sig", demoConfig);
    const first = await signingSecret(site);
    const second = await signingSecret(site);
    expect(second).not.toBe(first);
    const body = ordersBody(newVisitor("rot"), "O-1");
    expect((await postSigned(site, body, await signHeader(first, body))).status).toBe(200);
    const bad = JSON.stringify({ orders: [{ visitor: newVisitor(), id: "O-2", total: -1 }] });
    const res = await postSigned(site, bad, await signHeader(second, bad));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Refusal).error.issues[0]?.path).toBe("orders.0.total");
  });

  it("opens nothing else: a signature header is no key for other admin endpoints", async () => {
    const site = await newSite("sig", demoConfig);
    const secret = await signingSecret(site);
    const res = await call("GET", `/v1/sites/${site}/config`, undefined, { headers: { "vitrine-signature": await signHeader(secret, "") } });
    expect(res.status).toBe(401);
  });
});
