import type * as z from "./zod";
import { KEY_MESSAGE_SEPARATOR } from "./suggest";

type Issue = z.core.$ZodIssue;
type Entry = { path: PropertyKey[]; message: string };

/** `events.0.type` style path of a zod issue; `(root)` for the whole value. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(root)" : path.map(String).join(".");
}

/**
 * How far a union branch is from what the writer meant: a key the branch does not know weighs
 * far more than a wrong value, so `{trait, op: "equals"}` is judged as a trait condition with a
 * bad operator, not as an `all` missing its list.
 */
function distanceOf(branch: readonly Issue[]): number {
  return branch.reduce((sum, issue) => sum + (issue.code === "unrecognized_keys" ? 10 * issue.keys.length : 1), 0);
}

/**
 * A union failure lists every branch's issues; the closest branch is the one the writer meant,
 * so report that branch's issues (with full paths, down to the deepest) instead of "Invalid
 * input". Unknown keys become one entry per key, at the key's own path.
 */
function expand(issue: Issue, base: readonly PropertyKey[]): Entry[] {
  const path = [...base, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const best = issue.errors.reduce((a, b) => (distanceOf(b) < distanceOf(a) ? b : a));
    if (best.length > 0) return best.flatMap((inner) => expand(inner, path));
  }
  if (issue.code === "unrecognized_keys") {
    const parts = issue.message.split(KEY_MESSAGE_SEPARATOR);
    if (parts.length === issue.keys.length) return issue.keys.map((key, i) => ({ path: [...path, key], message: parts[i]! }));
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key ${JSON.stringify(key)}` }));
  }
  return [{ path, message: issue.message }];
}

/**
 * Turns a zod error into short entries naming each offending path.
 * @example formatIssues(result.error) // [{ path: "events.0.type", message: "Invalid option: ..." }]
 */
export function formatIssues(error: z.core.$ZodError, limit = 10): { path: string; message: string }[] {
  return error.issues
    .flatMap((issue) => expand(issue, []))
    .slice(0, limit)
    .map(({ path, message }) => ({ path: issuePath(path), message }));
}
