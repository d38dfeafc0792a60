import { describe, expect, it } from "vitest";
import { runInDurableObject } from "cloudflare:test";
import { workerEnv } from "../../test/helpers";
import { keysStub } from "./site-keys";
import { SigningSecrets } from "./signing-store";
import { claimOf, outsideWindow, signatureOf } from "./signature";

let sites = 0;
/** Runs `fn` on the signing store of a fresh site's key object, with the clock the test picks. */
function withStore<T>(fn: (store: SigningSecrets, sql: SqlStorage) => T | Promise<T>): Promise<T> {
  sites += 1;
  const stub = keysStub(workerEnv, `signing-store-${Date.now().toString(36)}-${sites}`) as unknown as DurableObjectStub<never>;
  return runInDurableObject(stub, (_instance, state) => fn(new SigningSecrets(state.storage.sql), state.storage.sql));
}

const T = 1_764_547_200;
const BODY = '{"orders":[{"visitor":"store-visitor-1","id":"S-1","total":10}]}';

/** Checks a body signed with `secret` at `now` (each call a body of its own, so none is a replay). */
let bodies = 0;
async function signedAt(store: SigningSecrets, secret: string, now: number) {
  bodies += 1;
  const t = Math.floor(now / 1000);
  const body = `{"n":${bodies}}`;
  return store.check({ t, v1: [await signatureOf(secret, t, body)] }, body, now);
}

describe("signing secrets in the key store", () => {
  it("compares the window exactly: 300 s either way is in, 300.001 s is out", () => {
    expect(outsideWindow(T, T * 1000 + 300_000)).toBe(false);
    expect(outsideWindow(T, T * 1000 - 300_000)).toBe(false);
    expect(outsideWindow(T, T * 1000 + 300_001)).toBe(true);
    expect(outsideWindow(T, T * 1000 + 300_490)).toBe(true);
    expect(outsideWindow(T, T * 1000 - 300_490)).toBe(true);
  });

  it("refuses a replay up to the last moment the window accepts it, past or future-dated", async () => {
    await withStore(async (store) => {
      const made = T * 1000 - 3_600_000;
      const { secret } = store.rotate("test", made);
      const v1 = [await signatureOf(secret, T, BODY)];
      expect(await store.check({ t: T, v1 }, BODY, T * 1000 + 299_000)).toBe("ok");
      // The last accepted moment, and just past it.
      expect(await store.check({ t: T, v1 }, BODY, T * 1000 + 300_000)).toBe("replayed");
      expect(await store.check({ t: T, v1 }, BODY, T * 1000 + 300_400)).toBe("stale");
      // Future-dated by the whole window: accepted once, and its claim outlives the window.
      const ahead = T + 600;
      const later = [await signatureOf(secret, ahead, BODY)];
      expect(await store.check({ t: ahead, v1: later }, BODY, T * 1000 + 300_000)).toBe("ok");
      expect(await store.check({ t: ahead, v1: later }, BODY, ahead * 1000 + 300_000)).toBe("replayed");
    });
  });

  it("claims the request, not one of its v1= entries: each entry alone is a replay", async () => {
    await withStore(async (store) => {
      const now = T * 1000;
      const first = store.rotate("test", now - 60_000).secret;
      const second = store.rotate("test", now - 30_000).secret;
      const a = await signatureOf(first, T, BODY);
      const b = await signatureOf(second, T, BODY);
      expect(await store.check({ t: T, v1: [a, b] }, BODY, now)).toBe("ok");
      expect(await store.check({ t: T, v1: [a] }, BODY, now + 1_000)).toBe("replayed");
      expect(await store.check({ t: T, v1: [b] }, BODY, now + 1_000)).toBe("replayed");
    });
  });

  it("keeps each retired secret for its own hour after two rotations within the hour", async () => {
    await withStore(async (store) => {
      const at = T * 1000;
      const first = store.rotate("test", at).secret;
      const second = store.rotate("test", at + 30 * 60_000).secret;
      const third = store.rotate("test", at + 40 * 60_000);
      expect(third.signing.retired.map((r) => r.validUntil)).toEqual([at + 100 * 60_000, at + 90 * 60_000]);
      expect(third.signing.previous?.validUntil).toBe(at + 100 * 60_000);
      expect(await signedAt(store, first, at + 80 * 60_000)).toBe("ok");
      expect(await signedAt(store, second, at + 80 * 60_000)).toBe("ok");
      expect(await signedAt(store, first, at + 91 * 60_000)).toBe("forged");
      expect(await signedAt(store, second, at + 91 * 60_000)).toBe("ok");
      expect(await signedAt(store, third.secret, at + 101 * 60_000)).toBe("ok");
    });
  });

  it("keeps three secrets live at most: a third rotation within the hour ends the oldest; ids reveal nothing", async () => {
    await withStore(async (store) => {
      const at = T * 1000;
      const secrets = [1, 2, 3, 4].map((i) => store.rotate("test", at + i * 60_000));
      const last = secrets[3]!.signing;
      expect(last.retired).toHaveLength(2);
      expect(await signedAt(store, secrets[0]!.secret, at + 5 * 60_000)).toBe("forged");
      for (const { secret } of secrets.slice(1)) expect(await signedAt(store, secret, at + 5 * 60_000)).toBe("ok");
      const listed = JSON.stringify(store.info(at + 6 * 60_000));
      for (const { secret } of secrets) expect(listed).not.toContain(secret.slice(6, 18));
      for (const id of [last.current!.id, ...last.retired.map((r) => r.id)]) expect(id).toMatch(/^[0-9a-f]{12}$/);
    });
  });

  it("gives ids taken from the secret a random one when the store opens", async () => {
    await withStore((store, sql) => {
      const secret = `vtsig_${"c0ffee".repeat(10)}abcd`;
      sql.exec("INSERT INTO signing (id, secret, created_at, created_by) VALUES (?, ?, ?, ?)", secret.slice(6, 18), secret, T * 1000, "test");
      new SigningSecrets(sql);
      const id = store.info(T * 1000).current?.id;
      expect(id).toMatch(/^[0-9a-f]{12}$/);
      expect(secret).not.toContain(id);
    });
  });

  it("gives a released claim back", async () => {
    await withStore(async (store) => {
      const { secret } = store.rotate("test", T * 1000 - 1_000);
      const header = { t: T, v1: [await signatureOf(secret, T, BODY)] };
      expect(await store.check(header, BODY, T * 1000)).toBe("ok");
      expect(await store.check(header, BODY, T * 1000)).toBe("replayed");
      store.release(await claimOf(T, BODY));
      expect(await store.check(header, BODY, T * 1000)).toBe("ok");
    });
  });
});
