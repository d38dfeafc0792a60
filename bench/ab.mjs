#!/usr/bin/env node
// `npm run bench:ab -- --base <rev>`: is decide cheaper or dearer than at <rev>? Bundles the edge
// worker at a git revision (from a temporary worktree) and as it is in the working tree, serves
// both on bare workerd side by side, each with its own Durable Object storage on tmpfs, and loads
// them in turns: decide, then decide as a bot, per slice. A third server runs the base bundle
// again as a control: two servers of the same code differ too, and that difference is the noise
// floor any verdict has to clear.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseFlags, flagHelp, UsageError } from "./lib/args.mjs";
import { ROOT } from "./lib/wrangler.mjs";
import { bundleEdge, prepareBare, startWorkerd } from "./lib/workerd.mjs";
import { freePort } from "./lib/net.mjs";
import { runLoad, summarize, round } from "./lib/load.mjs";
import { bodyFactory } from "./lib/bodies.mjs";
import { table, fixed, int } from "./lib/table.mjs";
import { BROWSER_UA } from "./lib/catalog.mjs";

const run = promisify(execFile);
const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
/** The workspaces, as node_modules/@vitrine links them. */
const WORKSPACES = { shared: "packages/shared", sdk: "packages/sdk", edge: "packages/edge", "demo-store": "examples/demo-store" };

const FLAGS = {
  base: { type: "string", value: "rev", help: "the git revision to compare against (a commit, tag or branch); required" },
  rounds: { type: "int", default: 6, min: 1, max: 50, help: "rounds; each gives every server one slice of decide and one of the bot" },
  slice: { type: "int", default: 2, min: 1, max: 30, value: "s", help: "seconds of decide per slice (the bot gets half, at least 1)" },
  connections: { type: "int", default: 16, min: 1, max: 256, value: "n", help: "concurrent connections" },
  precollect: { type: "int", default: 4, min: 0, max: 120, value: "s", help: "seconds of collect (10 events a batch) on each server first, so the pooled visitors' profiles are full" },
  help: { type: "bool", help: "show this help" },
};

const HELP = `Usage: node bench/ab.mjs --base <rev> [flags]      (npm run bench:ab -- … builds first)

Compares POST /v1/decide of the working tree against the same worker at <rev> on bare workerd:
both bundles (and the base again, as a control) run side by side, Durable Objects on tmpfs, and
are loaded in turns, so the machine's background load falls on all of them alike. Prints each
server's decide and decide-as-a-bot requests/s, CPU per request and p50, and head ÷ base beside
control ÷ base: a difference smaller than the control's is noise. Talks only to servers it starts
on 127.0.0.1; the worktree and state live in a temp directory that is removed afterwards.

Flags:
${flagHelp(FLAGS)}
`;

let flags;
try {
  flags = parseFlags(process.argv.slice(2), FLAGS);
  if (!flags.help && !flags.base) throw new UsageError("--base <rev> is required: the revision to compare the working tree against");
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`vitrine bench:ab: ${error.message}\n`);
  process.exit(2);
}
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const log = (line) => process.stderr.write(line + "\n");
let commit;
try {
  commit = (await run("git", ["rev-parse", "--verify", `${flags.base}^{commit}`], { cwd: ROOT })).stdout.trim();
} catch {
  process.stderr.write(`vitrine bench:ab: --base ${flags.base} is not a commit in this repository\n`);
  process.exit(2);
}

const tmp = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "vitrine-ab-"));
const worktree = join(tmp, "base-src");
const servers = [];
let stopping = false;
const cleanUp = async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await run("git", ["worktree", "remove", "--force", worktree], { cwd: ROOT }).catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  if (stopping) return;
  stopping = true;
  log("interrupted: stopping the servers …");
  cleanUp().finally(() => process.exit(130));
});

try {
  log(`checking out ${flags.base} (${commit.slice(0, 7)}) into a temporary worktree …`);
  await run("git", ["worktree", "add", "--detach", worktree, commit], { cwd: ROOT });
  linkModules(worktree);
  log("building what the worker embeds there (the snippet, the demo shop's pages) …");
  for (const dir of [WORKSPACES.sdk, WORKSPACES["demo-store"]]) await run(process.execPath, ["build.mjs"], { cwd: join(worktree, dir), maxBuffer: 16 * 1024 * 1024 });
  log("bundling both (wrangler deploy --dry-run --minify) …");
  const [base, head] = await Promise.all([bundleEdge(join(tmp, "base-bundle"), { edgeDir: join(worktree, WORKSPACES.edge) }), bundleEdge(join(tmp, "head-bundle"))]);
  const sides = [
    { name: `base ${commit.slice(0, 7)}`, bundle: base },
    { name: "head (working tree)", bundle: head },
    { name: "control (base again)", bundle: base },
  ];
  for (const [i, side] of sides.entries()) {
    const dir = join(tmp, `server-${i}`);
    mkdirSync(join(dir, "store"), { recursive: true });
    side.server = await startWorkerd({ dir, config: prepareBare("edge", dir, side.bundle.file), port: await freePort(), storageDir: join(dir, "store") });
    servers.push(side.server);
    side.bodies = bodyFactory({ origin: side.server.url });
    side.decide = [];
    side.bot = [];
  }
  const load = (side, seconds, userAgent) => runLoad({ url: side.server.url, path: "/v1/decide", connections: flags.connections, seconds, makeBody: side.bodies.decide, serverPid: side.server.pid, userAgent });
  if (flags.precollect > 0) {
    log(`filling profiles: ${flags.precollect} s of collect on each …`);
    for (const side of sides) await runLoad({ url: side.server.url, path: "/v1/collect", connections: flags.connections, seconds: flags.precollect, makeBody: () => side.bodies.collect(10), serverPid: side.server.pid });
  }
  log("warming up: 2 s of decide and 1 s of the bot on each …");
  for (const side of sides) {
    await load(side, 2, BROWSER_UA);
    await load(side, 1, BOT_UA);
  }
  const botSeconds = Math.max(1, Math.round(flags.slice / 2));
  for (let r = 1; r <= flags.rounds; r++) {
    // Every other round in reverse, so no server always follows the same one.
    for (const side of r % 2 ? sides : [...sides].reverse()) {
      side.decide.push(await load(side, flags.slice, BROWSER_UA));
      side.bot.push(await load(side, botSeconds, BOT_UA));
    }
    log(`  round ${r}/${flags.rounds}: ${sides.map((side) => `${Math.round(side.decide.at(-1).latencies.length / (side.decide.at(-1).elapsedMs / 1000))}`).join(" / ")} decide req/s`);
  }
  const rows = sides.map((side) => ({ side, decide: summarize(side.decide), bot: summarize(side.bot) }));
  const cpu = (row) => row.decide.serverCpuMsPerRequest;
  const failures = rows.reduce((sum, row) => sum + row.decide.non2xx + row.decide.errors + row.bot.non2xx + row.bot.errors, 0);
  process.stdout.write(
    "\n" +
      table(
        ["server", "decide", "CPU/req", "p50", "bot", "bot CPU/req", "decide ÷ bot"],
        rows.map(({ side, decide, bot }) => [side.name, `${int(decide.rps)} req/s`, `${fixed(decide.serverCpuMsPerRequest, 3)} ms`, `${fixed(decide.p50Ms, 2)} ms`, `${int(bot.rps)} req/s`, `${fixed(bot.serverCpuMsPerRequest, 3)} ms`, `${fixed(decide.rps / bot.rps, 2)}×`]),
      ) +
      "\n\n",
  );
  if (rows.every((row) => cpu(row) !== null)) {
    const [b, h, c] = rows.map(cpu);
    const change = round(h / b, 3);
    const noise = round(Math.abs(c / b - 1), 3);
    const verdict = Math.abs(change - 1) <= noise ? "within the noise" : change < 1 ? "cheaper" : "dearer";
    process.stdout.write(`decide CPU per request, head ÷ base: ${fixed(change, 2)}× (${verdict}); control ÷ base: ${fixed(c / b, 2)}× — the same code on two servers\n`);
  }
  if (failures > 0) process.stdout.write(`${failures} answers were not 2xx or failed: the figures above are not comparable\n`);
} finally {
  if (!stopping) await cleanUp();
}

/**
 * Gives a worktree the main checkout's installed packages: every entry of its node_modules but
 * @vitrine, whose links point into the worktree's own workspaces (and their nested node_modules).
 */
function linkModules(dir) {
  const modules = join(ROOT, "node_modules");
  mkdirSync(join(dir, "node_modules", "@vitrine"), { recursive: true });
  for (const entry of readdirSync(modules)) if (entry !== "@vitrine") symlinkSync(join(modules, entry), join(dir, "node_modules", entry));
  for (const [name, path] of Object.entries(WORKSPACES)) {
    symlinkSync(join(dir, path), join(dir, "node_modules", "@vitrine", name));
    const nested = join(ROOT, path, "node_modules");
    if (existsSync(nested) && !existsSync(join(dir, path, "node_modules"))) symlinkSync(nested, join(dir, path, "node_modules"));
  }
}
