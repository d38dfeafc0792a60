import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { portProblem } from "../../scripts/lib/ports.mjs";
import { ROOT, eventually, exitWithin, freePort, groupMembers, killGroup, node, npm, processesMentioning, tempDir, type Run } from "./support/cli";

// The local worker's whole life as a newcomer meets it: start, find the port and the state
// taken, change the config, stop by SIGTERM / SIGINT / a killed parent, reset, start again.
// The steps share one state directory and run in order; four worker starts in all.
const state = tempDir("lifecycle");
const TOKEN = "lifecycle-admin-token";
let port: number;
let current: Run | undefined;
let workerGroup: number | undefined;

afterEach(() => {
  // Whatever a failed step left behind.
  killGroup(current?.child.pid);
  killGroup(workerGroup);
  current = workerGroup = undefined;
});
afterAll(() => rmSync(state, { recursive: true, force: true }));

/** Starts `run` and waits for the worker; returns its process group (the lock names it). */
async function ready(run: Run): Promise<{ url: string; group: number }> {
  current = run;
  const url = `http://127.0.0.1:${port}`;
  const up = await eventually(async () => {
    if (run.child.exitCode !== null) return true;
    return run.output().includes("Vitrine is running.") && (await fetch(`${url}/v1/health`).then((r) => r.ok, () => false));
  }, 90_000, 250);
  if (!up || run.child.exitCode !== null) throw new Error(`the worker did not start:\n${run.output()}`);
  const group = JSON.parse(readFileSync(join(state, "vitrine-worker.json"), "utf8")).pid as number;
  workerGroup = group;
  // The guard, wrangler (two node processes) and its workerd processes.
  expect(groupMembers(group).length).toBeGreaterThanOrEqual(3);
  return { url, group };
}

/** Everything it started is gone: the process, the worker's group, the port, the lock. */
async function expectAllGone(run: Run, group: number, within: number) {
  await exitWithin(run, within);
  expect(await eventually(() => groupMembers(group).length === 0, 15_000)).toBe(true);
  // `npm start` itself may exit first (npm hands the signal to its shell): its script follows within moments.
  expect(await eventually(() => groupMembers(run.child.pid!).length === 0, 10_000)).toBe(true);
  expect(processesMentioning(state)).toEqual([]);
  expect(await portProblem(port)).toBeNull();
  expect(existsSync(join(state, "vitrine-worker.json"))).toBe(false);
  current = workerGroup = undefined;
}

async function demoConfig(url: string): Promise<{ version: number; config: Record<string, unknown> }> {
  const res = await fetch(`${url}/v1/sites/demo/config`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { version: number; config: Record<string, unknown> };
}

async function renameDemo(url: string, name: string) {
  const { version, config } = await demoConfig(url);
  const res = await fetch(`${url}/v1/sites/demo/config`, {
    method: "PUT",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "if-match": `"${version}"` },
    body: JSON.stringify({ ...config, name }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  expect((await demoConfig(url)).config.name).toBe(name);
}

const env = { ADMIN_TOKEN: TOKEN };

describe("npm start, stop and reset", () => {
  it("SIGTERM to node scripts/start.mjs stops wrangler and workerd and frees the port", async () => {
    port = await freePort();
    const start = node("start.mjs", ["--no-build", "--port", String(port), "--state", state], env);
    const { url, group } = await ready(start);

    // While it runs, its state is taken: no second worker on it, and no reset under its feet.
    const twin = node("start.mjs", ["--no-build", "--port", String(await freePort()), "--state", state]);
    expect(await exitWithin(twin, 20_000)).toBe(1);
    expect(twin.output()).toContain(`is in use by the Vitrine worker on port ${port}`);
    const reset = npm(["run", "reset", "--", "--state", state]);
    expect(await exitWithin(reset, 20_000)).not.toBe(0);
    expect(reset.output()).toMatch(new RegExp(`a Vitrine worker on port ${port} \\(pid \\d+\\) is using ${state.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}; stop it first`));
    expect(existsSync(join(state, "v3"))).toBe(true);

    await renameDemo(url, "Changed before the reset");
    start.child.kill("SIGTERM");
    await expectAllGone(start, group, 20_000);
    expect(await start.exited).toBe(0);
  });

  it("npm run reset removes the local state once the worker is stopped", async () => {
    const reset = npm(["run", "reset", "--", "--state", state]);
    expect(await exitWithin(reset, 20_000)).toBe(0);
    expect(reset.output()).toContain(`Removed the local state in ${state}`);
    expect(existsSync(state)).toBe(false);
  });

  it("after a reset the worker serves the demo as shipped; SIGTERM to npm start stops it all", async () => {
    const start = npm(["start", "--", "--no-build", "--port", String(port), "--state", state], env);
    const { url, group } = await ready(start);
    const { version, config } = await demoConfig(url);
    expect(version).toBe(0);
    expect(config.name).toBe(JSON.parse(readFileSync(join(ROOT, "examples/demo-store/vitrine.config.json"), "utf8")).name);
    await renameDemo(url, "Changed before --reset");
    // npm passes the signal to the shell that runs the script; the script notices its parent go.
    start.child.kill("SIGTERM");
    await expectAllGone(start, group, 20_000);
  });

  it("npm start -- --reset starts from the demo as shipped; SIGINT stops it all", async () => {
    const start = node("start.mjs", ["--no-build", "--reset", "--port", String(port), "--state", state], env);
    const { url, group } = await ready(start);
    expect(start.output()).toContain(`Removed the local state in ${state}`);
    expect((await demoConfig(url)).version).toBe(0);
    start.child.kill("SIGINT");
    await expectAllGone(start, group, 20_000);
    expect(await start.exited).toBe(0);
  });

  it("a killed npm start takes the worker down with it", async () => {
    const start = node("start.mjs", ["--no-build", "--port", String(port), "--state", state], env);
    const { group } = await ready(start);
    start.child.kill("SIGKILL"); // no handler runs: the worker's guard sees its stdin close
    await expectAllGone(start, group, 5_000);
  });
});
