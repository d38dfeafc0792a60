import { createServer, type Server } from "node:http";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { exitWithin, freePort, node, npm, tempDir } from "./support/cli";

// `npm start` must refuse a port that is already taken, whoever holds it, before it builds or
// spawns anything — a readiness check that reaches someone else's server proves nothing.
const state = tempDir("port");
afterAll(() => rmSync(state, { recursive: true, force: true }));

describe("npm start on a port that is taken", () => {
  it("refuses when another Vitrine worker runs there, and leaves that one alone", async () => {
    const url = inject("workerUrl");
    const port = Number(new URL(url).port);
    const second = node("start.mjs", ["--no-build", "--port", String(port), "--state", state]);
    expect(await exitWithin(second, 20_000)).toBe(1);
    expect(second.output()).toContain(`127.0.0.1:${port} is already in use by another Vitrine worker`);
    expect(second.output()).toMatch(/npm start -- --port \d+/);
    expect(second.output()).not.toContain("Vitrine is running");
    expect(existsSync(join(state, "vitrine-worker.json"))).toBe(false);
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
  });

  describe("held by another program", () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      // Answers 200 to everything, /v1/health included: the trap the old readiness check fell into.
      server = createServer((_, res) => res.end("not vitrine"));
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("refuses through node, naming the port and how to pick another", async () => {
      const start = node("start.mjs", ["--no-build", "--port", String(port), "--state", state]);
      expect(await exitWithin(start, 20_000)).toBe(1);
      expect(start.output()).toContain(`127.0.0.1:${port} is already in use by another program`);
      expect(start.output()).toMatch(new RegExp(`npm start -- --port (?!${port}\\b)\\d+ +\\(or: PORT=\\d+ npm start\\)`));
      expect(start.output()).not.toContain("Vitrine is running");
    });

    it("refuses through npm start, before building", async () => {
      const start = npm(["start", "--", "--port", String(port), "--state", state]);
      expect(await exitWithin(start, 30_000)).not.toBe(0);
      expect(start.output()).toContain(`127.0.0.1:${port} is already in use by another program`);
      expect(start.output()).not.toContain("vitrine.min.js"); // the build's size line
      expect(start.output()).not.toContain("Vitrine is running");
    });

    it("takes the port from PORT too", async () => {
      const start = node("start.mjs", ["--no-build", "--state", state], { PORT: String(port) });
      expect(await exitWithin(start, 20_000)).toBe(1);
      expect(start.output()).toContain(`127.0.0.1:${port} is already in use`);
    });
  });

  it("explains its options without building anything", async () => {
    const help = npm(["start", "--", "--help"]);
    expect(await exitWithin(help, 30_000)).toBe(0);
    for (const option of ["--port N", "--state DIR", "--reset", "--no-build", "PORT", "VITRINE_STATE", "ADMIN_TOKEN"]) expect(help.output()).toContain(option);
    expect(help.output()).not.toContain("vitrine.min.js");
  });

  it("refuses a port that is not a port", async () => {
    const start = node("start.mjs", ["--no-build", "--port", "80x", "--state", state]);
    expect(await exitWithin(start, 20_000)).toBe(2);
    expect(start.output()).toContain('--port must be a whole number from 1 to 65535, got "80x"');
  });
});
