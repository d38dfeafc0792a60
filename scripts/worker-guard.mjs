// Runs a command (wrangler dev) as the leader of a process group of its own and takes the whole
// group down — wrangler and the workerd processes it spawns — when asked to stop (SIGTERM,
// SIGINT, SIGHUP) or when the process that started it goes away without asking (its stdin pipe
// closes: a crashed or SIGKILLed `npm start` or test run). Exits with the command's code.
//
//   node scripts/worker-guard.mjs [--lock STATE_DIR] -- COMMAND ARGS…
import { spawn } from "node:child_process";
import { stopGroup } from "./lib/group.mjs";
import { removeLock } from "./lib/state.mjs";

const argv = process.argv.slice(2);
const dashes = argv.indexOf("--");
const lockAt = argv.indexOf("--lock");
const lockDir = lockAt >= 0 && lockAt < dashes ? argv[lockAt + 1] : undefined;
const [command, ...args] = argv.slice(dashes + 1);

const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping;

/** Stops every other member of this group, forgets the lock, exits with `code`. */
function finish(code) {
  stopping ??= stopGroup(process.pid, { except: process.pid }).then(() => {
    if (lockDir) removeLock(lockDir, process.pid);
    process.exit(code);
  });
}

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => finish(0));
process.stdin.on("end", () => finish(0));
process.stdin.on("error", () => finish(0));
process.stdin.resume();
child.on("exit", (code, signal) => finish(code ?? (signal ? 1 : 0)));
child.on("error", (error) => {
  process.stderr.write(`vitrine: could not run ${command}: ${error.message}\n`);
  finish(1);
});
