import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper shared with `npm start`
import { startWorker } from "../../scripts/worker.mjs";

export const ADMIN_TOKEN = "e2e-admin-token";

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    adminToken: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts one worker for the whole end-to-end run, with its own fresh local state. */
export default async function setup(project: TestProject) {
  const state = mkdtempSync(join(tmpdir(), "vitrine-e2e-"));
  const worker = await startWorker({ port: await freePort(), persistTo: state, vars: { ADMIN_TOKEN }, timeoutMs: 90_000 });
  project.provide("workerUrl", worker.url);
  project.provide("adminToken", ADMIN_TOKEN);
  return async () => {
    await worker.stop();
    rmSync(state, { recursive: true, force: true });
  };
}
