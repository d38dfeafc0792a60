// @ts-expect-error plain ESM helper shared with `npm start`
import { startWorker } from "../../scripts/worker.mjs";

export type Worker = { url: string; pid: number; stop: () => Promise<void>; output: () => string };

/**
 * `startWorker` for the test harness, tried a second time when wrangler dev did not come up (its
 * runtime can fail to start on a loaded machine; the first error is written to stderr). A refusal
 * (the port or the state directory in use) is not retried: it would only be refused again.
 * @example const worker = await startTestWorker({ port, persistTo: state, vars: { ADMIN_TOKEN } });
 */
export async function startTestWorker(options: Record<string, unknown>): Promise<Worker> {
  try {
    return (await startWorker(options)) as Worker;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "ESTATEINUSE") throw error;
    console.warn(`the local worker did not start; trying once more. The first attempt said:\n${String(error)}`);
    return (await startWorker(options)) as Worker;
  }
}
