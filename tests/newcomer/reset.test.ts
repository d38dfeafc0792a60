import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, exitWithin, npm, node, tempDir } from "./support/cli";

// `npm run reset` without a worker: what it removes, what it refuses. (Refusing while a real
// worker runs is in start-stop.test.ts.) Every case points it at a temp state directory.
const scratch = tempDir("reset");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A state directory as wrangler dev leaves it. */
function fakeState(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "v3", "do", "vitrine-edge-VisitorProfile"), { recursive: true });
  writeFileSync(join(dir, "v3", "do", "vitrine-edge-VisitorProfile", "abc.sqlite"), "");
  return dir;
}

describe("npm run reset", () => {
  it("explains itself", async () => {
    const help = npm(["run", "reset", "--", "--help"]);
    expect(await exitWithin(help, 20_000)).toBe(0);
    expect(help.output()).toContain(".vitrine/state");
    expect(help.output()).toContain("--state DIR");
    expect(help.output()).toContain("Refuses while a Vitrine worker runs");
    expect(help.output()).toContain("npm start -- --reset");
  });

  it("removes the state directory given by --state or VITRINE_STATE", async () => {
    const byFlag = fakeState("by-flag");
    const reset = npm(["run", "reset", "--", "--state", byFlag]);
    expect(await exitWithin(reset, 20_000)).toBe(0);
    expect(reset.output()).toContain(`Removed the local state in ${byFlag}`);
    expect(existsSync(byFlag)).toBe(false);

    const byEnv = fakeState("by-env");
    const again = node("reset.mjs", [], { VITRINE_STATE: byEnv });
    expect(await exitWithin(again, 20_000)).toBe(0);
    expect(existsSync(byEnv)).toBe(false);
  });

  it("says so when there is nothing to reset", async () => {
    const reset = node("reset.mjs", ["--state", join(scratch, "never-started")]);
    expect(await exitWithin(reset, 20_000)).toBe(0);
    expect(reset.output()).toContain("nothing to reset");
  });

  it("leaves alone a directory that is not Vitrine's state", async () => {
    const dir = fakeState("with-my-files");
    writeFileSync(join(dir, "notes.txt"), "mine");
    const reset = node("reset.mjs", ["--state", dir]);
    expect(await exitWithin(reset, 20_000)).toBe(1);
    expect(reset.output()).toContain("does not look like Vitrine's local state (it holds notes.txt); nothing removed");
    expect(existsSync(join(dir, "notes.txt"))).toBe(true);
    expect(existsSync(join(dir, "v3"))).toBe(true);
  });

  it("refuses while the worker named by the state's lock is alive, and not after it is gone", async () => {
    const dir = fakeState("locked");
    // A worker guard around a stand-in for wrangler: the process a real lock names.
    const guard = spawn(process.execPath, [join(ROOT, "scripts", "worker-guard.mjs"), "--", process.execPath, "-e", "setTimeout(() => {}, 60_000)"], { stdio: ["pipe", "ignore", "ignore"], detached: true });
    try {
      writeFileSync(join(dir, "vitrine-worker.json"), JSON.stringify({ pid: guard.pid, port: 18787, startedAt: new Date().toISOString() }));
      const refused = node("reset.mjs", ["--state", dir]);
      expect(await exitWithin(refused, 20_000)).toBe(1);
      expect(refused.output()).toContain(`a Vitrine worker on port 18787 (pid ${guard.pid}) is using ${dir}; stop it first`);
      expect(existsSync(join(dir, "v3"))).toBe(true);
    } finally {
      guard.stdin!.end(); // its parent "went away": the guard stops its group and exits
      await new Promise((resolve) => guard.once("exit", resolve));
    }
    const reset = node("reset.mjs", ["--state", dir]);
    expect(await exitWithin(reset, 20_000)).toBe(0);
    expect(existsSync(dir)).toBe(false);
  });
});
