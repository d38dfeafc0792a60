import * as z from "zod/mini";
import type { Env } from "../env";
import { SCOPES, type Scope } from "./scopes";
import { keysStub, type KeyRecord } from "./site-keys";
import { newKeyToken, sha256Hex } from "./token";

/** `POST /v1/sites/:site/keys` body: a name people recognize (it signs config versions) and the scopes. */
export const CreateKeyRequest = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, "a key needs a name (it is shown as who saved each version)"), z.maxLength(80)),
  scopes: z.array(z.enum(SCOPES)).check(
    z.minLength(1, "a key needs at least one scope"),
    z.refine((list) => new Set(list).size === list.length, "each scope once"),
  ),
});
export type CreateKeyRequest = z.infer<typeof CreateKeyRequest>;

/**
 * Makes a key for `site`: stores its digest and returns the token, which is never shown again.
 * @example const { token } = await createKey(env, "demo", { name: "Ana", scopes: ["config:read"] }, "operator");
 */
export async function createKey(env: Env, site: string, input: { name: string; scopes: readonly Scope[] }, createdBy: string): Promise<{ token: string; key: KeyRecord }> {
  const { id, token } = newKeyToken(site);
  const key = await keysStub(env, site).create({ id, site, name: input.name, scopes: [...input.scopes], hash: await sha256Hex(token), createdBy });
  return { token, key };
}
