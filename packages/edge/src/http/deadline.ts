/** A call that did not answer within its deadline. */
export class DeadlineError extends Error {
  constructor(readonly what: string, readonly ms: number) {
    super(`vitrine: ${what} did not answer within ${ms} ms`);
    this.name = "DeadlineError";
  }
}

/**
 * `work`, or a DeadlineError after `ms`. The work itself goes on (a Durable Object call cannot be
 * cancelled); callers only stop waiting for it, which is safe because every write is idempotent.
 * @example const stats = await withDeadline(readSiteStats(env, site), 300, "site figures");
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * One structured log line per refused request or fallback, so `wrangler tail` shows why a
 * visitor got the default.
 * @example logEvent("warn", "decide fell back to the default", { site, reason: "deadline" });
 */
export function logEvent(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
