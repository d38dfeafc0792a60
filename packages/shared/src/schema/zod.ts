/**
 * The one place the schemas get zod from. `zod/mini` keeps the worker bundle small (full zod v4
 * drags ~90 KB gzip into a bundle), and re-exporting names one by one (never the namespace as a
 * value) lets the bundler drop the locales; only the English one is loaded, for readable messages.
 *
 * This module exists partly for its side effect (installing the English locale), which is why
 * `package.json` lists it under `sideEffects`: without that, a bundler drops `config(en())` and
 * every message reads "Invalid input". `tests/build/worker-bundle.test.ts` checks the built worker.
 */
import { config, strictObject as zodStrictObject, type ZodMiniType } from "zod/mini";
import en from "zod/v4/locales/en.js";
import { unknownKeysMessage } from "./suggest";

config(en());

export * from "zod/mini";

/**
 * An object that refuses unknown keys, naming each one with the closest known key when one is
 * near (a misspelt optional key must never be dropped without a word).
 * @example strict({ ttl: z.number() }).safeParse({ TTL: 5 }) // issue: unknown key "TTL" (did you mean "ttl"?)
 */
export function strict<Shape extends Record<string, ZodMiniType>>(shape: Shape) {
  const known = Object.keys(shape);
  return zodStrictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? unknownKeysMessage(issue.keys, known) : undefined),
  });
}
