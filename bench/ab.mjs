#!/usr/bin/env node
// `npm run bench:ab -- --base <rev>`: is decide cheaper or dearer than at <rev>? Bundles the edge
// worker at a git revision (from a temporary worktree) and as it is in the working tree, serves
// both on bare workerd side by side, each with its own Durable Object storage on tmpfs, and loads
// them in turns: decide, then decide as a bot, per slice. A third server runs the base bundle
// again as a control: two servers of the same code differ too, and a verdict has to clear that.
// Only packages/edge (and what it embeds) comes from <rev>: the servers' setup, the demo config
// they are seeded with, the request bodies and node_modules are the working tree's.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { commandLine, flagHelp, UsageError } from "./lib/args.mjs";
import { ROOT } from "./lib/wrangler.mjs";
import { bundleEdge, prepareBare, startWorkerd } from "./lib/workerd.mjs";
import { freePort } from "./lib/net.mjs";
import { runLoad, summarize, requireAnswered } from "./lib/load.mjs";
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
both bundles (and the base again, as a control) run side by side, each with its own Durable
Object storage (on /dev/shm where there is one), and are loaded in turns, in an order that
rotates each round, so the machine's background load falls on all of them alike. Only
packages/edge comes from <rev>; the seeds (the demo shop's config), request bodies and
node_modules are the working tree's, and each server must answer one decide before timing.

Prints each server's decide requests/s, CPU per request and p50, decide as a bot (requests/s and
CPU), decide ÷ bot requests/s; then head's CPU against base and control, overall and per round,
and a verdict: cheaper or dearer only when head beats (or loses to) both by more than they differ
from each other and does so in most rounds; anything else is noise. Exits 1 when any request
failed (the figures are then not comparable). About two minutes with the defaults. Talks only to
servers it starts on 127.0.0.1; the worktree and all state are removed afterwards, also on Ctrl-C
(a second Ctrl-C quits at once and may leave them).

Flags:
${flagHelp(FLAGS)}
`;

const flags = commandLine("bench:ab", FLAGS, HELP, (f) => {
  if (!f.base) throw new UsageError("--base <rev> is required: the revision to compare the working tree against");
});

const log = (line) => process.stderr.write(line + "\n");
let commit;
try {
  commit = (await run("git", ["rev-parse", "--verify", `${flags.base}^{commit}`], { cwd: ROOT })).stdout.trim();
} catch {
  process.stderr.write(`vitrine bench:ab: --base ${flags.base} is not a commit in this repository\n`);
  process.exit(2);
}

try {
  await run("git", ["cat-file", "-e", `${commit}:packages/edge/wrangler.toml`], { cwd: ROOT });
} catch {
  process.stderr.write(`vitrine bench:ab: ${flags.base} has no packages/edge/wrangler.toml: the edge worker did not exist there yet\n`);
  process.exit(2);
}

/** Thrown at the next step after Ctrl-C (or SIGTERM), so the `finally` below cleans up. */
class Interrupted extends Error {}
const tmp = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "vitrine-ab-"));
const worktree = join(tmp, "base-src");
const servers = [];
let stopping = false;
const check = () => {
  if (stopping) throw new Interrupted("interrupted");
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (stopping) {
      process.stderr.write("vitrine bench:ab: quitting at once; servers, the worktree or temp files may be left\n");
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: stopping after the current step, then cleaning up (again to quit at once) …`);
  });
}

let exitCode = 0;
try {
  log(`checking out ${flags.base} (${commit.slice(0, 7)}) into a temporary worktree …`);
  await run("git", ["worktree", "add", "--detach", worktree, commit], { cwd: ROOT });
  check();
  linkModules(worktree);
  log("building what the worker embeds there (the snippet, the demo shop's pages) …");
  for (const dir of [WORKSPACES.sdk, WORKSPACES["demo-store"]]) {
    await run(process.execPath, ["build.mjs"], { cwd: join(worktree, dir), maxBuffer: 16 * 1024 * 1024 });
    check();
  }
  log("bundling both (wrangler deploy --dry-run --minify) …");
  const bundles = await Promise.allSettled([bundleEdge(join(tmp, "base-bundle"), { edgeDir: join(worktree, WORKSPACES.edge) }), bundleEdge(join(tmp, "head-bundle"))]);
  const failed = bundles.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  check();
  const [base, head] = bundles.map((result) => result.value);
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
    check();
    side.bodies = bodyFactory({ origin: side.server.url });
    const res = await fetch(`${side.server.url}/v1/decide`, { method: "POST", body: side.bodies.decide(), headers: { "content-type": "application/json", "user-agent": BROWSER_UA } });
    const text = await res.text();
    if (res.status !== 200 || !JSON.parse(text).hero) throw new Error(`${side.name} answered a decide ${res.status}: ${text.slice(0, 300)}; not timing it (the working tree's seeds or bodies may not suit that revision)`);
    side.decide = [];
    side.bot = [];
  }
  // Decide leaves batches behind (live numbers, product views) that go a second later: wait for them before reading its CPU.
  const load = (side, seconds, userAgent, settleMs = 0) => runLoad({ url: side.server.url, path: "/v1/decide", connections: flags.connections, seconds, makeBody: side.bodies.decide, serverPid: side.server.pid, userAgent, settleMs });
  if (flags.precollect > 0) {
    log(`filling profiles: ${flags.precollect} s of collect on each …`);
    for (const side of sides) {
      requireAnswered(await runLoad({ url: side.server.url, path: "/v1/collect", connections: flags.connections, seconds: flags.precollect, makeBody: () => side.bodies.collect(10), serverPid: side.server.pid, settleMs: 1_500 }), `collect on ${side.name} (filling profiles)`);
      check();
    }
  }
  log("warming up: 2 s of decide and 1 s of the bot on each …");
  for (const side of sides) {
    await load(side, 2, BROWSER_UA, 1_500);
    await load(side, 1, BOT_UA);
    check();
  }
  const botSeconds = Math.max(1, Math.round(flags.slice / 2));
  for (let r = 0; r < flags.rounds; r++) {
    // The order rotates (base, head, control; head, control, base; …): nobody always follows the same server.
    for (const side of [...sides.slice(r % 3), ...sides.slice(0, r % 3)]) {
      side.decide.push(await load(side, flags.slice, BROWSER_UA, 1_500));
      side.bot.push(await load(side, botSeconds, BOT_UA));
      check();
    }
    log(`  round ${r + 1}/${flags.rounds}: ${sides.map((side) => `${Math.round(side.decide.at(-1).latencies.length / (side.decide.at(-1).elapsedMs / 1000))}`).join(" / ")} decide req/s (base / head / control)`);
  }
  const rows = sides.map((side) => ({ side, decide: summarize(side.decide), bot: summarize(side.bot) }));
  const failures = rows.reduce((sum, row) => sum + row.decide.non2xx + row.decide.errors + row.bot.non2xx + row.bot.errors, 0);
  process.stdout.write(
    "\n" +
      table(
        ["server", "decide", "CPU/req", "p50", "bot", "bot CPU/req", "decide ÷ bot"],
        rows.map(({ side, decide, bot }) => [side.name, `${int(decide.rps)} req/s`, `${fixed(decide.serverCpuMsPerRequest, 3)} ms`, `${fixed(decide.p50Ms, 2)} ms`, `${int(bot.rps)} req/s`, `${fixed(bot.serverCpuMsPerRequest, 3)} ms`, `${fixed(decide.rps / bot.rps, 2)}×`]),
      ) +
      "\n\n",
  );
  if (failures > 0) {
    process.stdout.write(`${failures} answers were not 2xx or failed: the figures are not comparable, so there is no verdict\n`);
    exitCode = 1;
  } else if (rows.some((row) => row.decide.serverCpuMsPerRequest === null)) {
    process.stdout.write("the servers' CPU could not be read here (it is read from /proc): no verdict\n");
  } else {
    process.stdout.write(verdict(sides) + "\n");
  }
} catch (error) {
  // After Ctrl-C the children (git, the builds, wrangler) die of it too: nothing to report then.
  if (!(error instanceof Interrupted) && !stopping) {
    process.stderr.write(`vitrine bench:ab: ${error instanceof Error ? error.message : String(error)}\n`);
    exitCode = 1;
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  await run("git", ["worktree", "remove", "--force", worktree], { cwd: ROOT }).catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
  await run("git", ["worktree", "prune"], { cwd: ROOT }).catch(() => {});
}
process.exit(stopping ? 130 : exitCode);

/**
 * Head's decide CPU per request against base and control, overall and round by round. Cheaper
 * (or dearer) only when head is below (above) both by more than base and control differ from each
 * other, and in most rounds too; otherwise the difference is within what two servers of the same
 * code show.
 */
function verdict([base, head, control]) {
  const cpu = (parts) => parts.reduce((sum, part) => sum + part.serverCpuMs, 0) / parts.reduce((sum, part) => sum + part.latencies.length, 0);
  const [b, h, c] = [base, head, control].map((side) => cpu(side.decide));
  const noise = Math.abs(c / b - 1);
  const perRound = head.decide.map((part, i) => cpu([part]) / Math.min(cpu([base.decide[i]]), cpu([control.decide[i]])));
  const below = perRound.filter((ratio) => ratio < 1).length;
  const most = Math.ceil((perRound.length * 2) / 3);
  const cheaper = h / b < 1 - noise && h / c < 1 - noise && below >= most;
  const dearer = h / b > 1 + noise && h / c > 1 + noise && perRound.length - below >= most;
  const call = cheaper ? "cheaper" : dearer ? "dearer" : "within the noise";
  return [
    `decide CPU per request: head ÷ base ${fixed(h / b, 2)}×, head ÷ control ${fixed(h / c, 2)}×; control ÷ base ${fixed(c / b, 2)}× (the same code on two servers)`,
    `head was cheaper than both in ${below} of ${perRound.length} rounds: ${call}`,
  ].join("\n");
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
