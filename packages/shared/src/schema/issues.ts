import type * as z from "./zod";

type Issue = z.core.$ZodIssue;

/** `events.0.type` style path of a zod issue; `(root)` for the whole value. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(root)" : path.map(String).join(".");
}

/**
 * A union failure lists every branch's issues; the branch with the fewest issues is the one the
 * writer meant, so report that branch's issues (with full paths) instead of "Invalid input".
 */
function expand(issue: Issue, base: readonly PropertyKey[]): { path: PropertyKey[]; message: string }[] {
  const path = [...base, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length > 0) return best.flatMap((inner) => expand(inner, path));
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
