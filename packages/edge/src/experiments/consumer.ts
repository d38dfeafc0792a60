import type { Env } from "../env";
import { describeIssues, ExperimentMessage, type ParsedExperimentMessage } from "./message-schema";
import { resultStatements } from "./statements";

/** Longest wait before a failed write is tried again; doubles from 2 s per attempt up to it. */
const MAX_RETRY_DELAY_SECONDS = 300;

/**
 * The `EXPERIMENT_EVENTS` consumer: validates every message, writes the valid ones to `RESULTS`
 * in one `D1.batch()` (one transaction) and acknowledges them. A message that does not parse is
 * logged and acknowledged, since no retry can fix it; when D1 fails, the valid messages are
 * retried with a growing delay (the keys make a second write of them harmless).
 * @example export default { fetch: app.fetch, queue: consumeExperimentEvents };
 */
export async function consumeExperimentEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const valid: { message: Message<unknown>; body: ParsedExperimentMessage }[] = [];
  for (const message of batch.messages) {
    const parsed = ExperimentMessage.safeParse(message.body);
    if (parsed.success) {
      valid.push({ message, body: parsed.data });
      continue;
    }
    console.error(JSON.stringify({ level: "error", msg: "experiment message refused; dropped", queue: batch.queue, id: message.id, attempts: message.attempts, issues: describeIssues(parsed.error), body: preview(message.body) }));
    message.ack();
  }
  if (valid.length === 0) return;
  try {
    await env.RESULTS.batch(resultStatements(env.RESULTS, valid.map(({ body }) => body)));
  } catch (error) {
    const attempts = Math.max(...valid.map(({ message }) => message.attempts));
    const delaySeconds = Math.min(MAX_RETRY_DELAY_SECONDS, 2 ** attempts);
    console.error(JSON.stringify({ level: "error", msg: "experiment results not written; retrying", queue: batch.queue, count: valid.length, attempts, delaySeconds, error: String(error) }));
    for (const { message } of valid) message.retry({ delaySeconds });
    return;
  }
  for (const { message } of valid) message.ack();
}

/** Enough of a refused body to recognise it in the log, never all of it. */
function preview(body: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(body) ?? String(body);
  } catch {
    text = String(body);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
