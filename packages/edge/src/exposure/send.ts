import type { Env } from "../env";
import type { ExperimentMessage } from "../experiments/messages";

/**
 * Sends experiment messages to the queue; answers whether they were accepted. A failure is
 * logged (the caller decides what to keep for a later try), never thrown at a visitor.
 * @example if (await sendExperimentMessages(env, messages)) markExposed();
 */
export async function sendExperimentMessages(env: Env, messages: ExperimentMessage[]): Promise<boolean> {
  if (messages.length === 0) return true;
  try {
    // sendBatch takes at most 100 messages.
    for (let i = 0; i < messages.length; i += 100) await env.EXPERIMENT_EVENTS.sendBatch(messages.slice(i, i + 100).map((body) => ({ body })));
    return true;
  } catch (error) {
    console.error(JSON.stringify({ level: "error", msg: "experiment messages not queued", count: messages.length, kinds: [...new Set(messages.map((m) => m.kind))], error: String(error) }));
    return false;
  }
}
