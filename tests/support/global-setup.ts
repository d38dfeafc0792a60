import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper shared with `npm start`
import { startWorker } from "../../scripts/worker.mjs";
// @ts-expect-error plain ESM helper shared with `npm start`
import { PROXY_DEMO_HOST, proxyDemoSeed, startDemoOrigin } from "../../scripts/demo-origin.mjs";
import { freePort } from "./free-port";

export const ADMIN_TOKEN = "e2e-admin-token";

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    adminToken: string;
    /** The demo shop in proxy mode: http://demo.localhost:PORT, the worker in front of the demo origin. */
    proxyUrl: string;
  }
}


/**
 * Starts one worker for the whole end-to-end run, with its own fresh local state, and the demo
 * shop's origin without the snippet, which the worker fronts in proxy mode as `demo.localhost`.
 */
export default async function setup(project: TestProject) {
  const state = mkdtempSync(join(tmpdir(), "vitrine-e2e-"));
  const origin = await startDemoOrigin();
  const port = await freePort();
  const worker = await startWorker({ port, persistTo: state, vars: { ADMIN_TOKEN }, seeds: [proxyDemoSeed(origin.url)], timeoutMs: 90_000 }).catch(async (error: unknown) => {
    await origin.stop();
    throw error;
  });
  project.provide("workerUrl", worker.url);
  project.provide("adminToken", ADMIN_TOKEN);
  project.provide("proxyUrl", `http://${PROXY_DEMO_HOST}:${port}`);
  return async () => {
    await worker.stop();
    await origin.stop();
    rmSync(state, { recursive: true, force: true });
  };
}
