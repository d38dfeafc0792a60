// `npm start`: the demo shop through the local edge worker, with the URLs to open.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PROXY_DEMO_HOST, proxyDemoSeed, startDemoOrigin } from "./demo-origin.mjs";
import { createDemoKey } from "./keys.mjs";
import { startWorker } from "./worker.mjs";
import { describeTakenPort, nextFreePort, portProblem } from "./lib/ports.mjs";
import { resetState, resolveStateDir, runningWorker, shortPath } from "./lib/state.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const HELP = `Usage: npm start [-- OPTIONS]

Builds the snippet and the demo shop, then runs Vitrine's edge worker locally (wrangler dev:
workerd with local, persisted Durable Objects and KV) and serves the demo shop through it.
Ctrl+C (or SIGTERM) stops the worker and everything it started.

Options:
  --port N      listen on 127.0.0.1:N (default: $PORT or 8787); a port already in use is refused
  --state DIR   keep the local state in DIR (default: $VITRINE_STATE or .vitrine/state)
  --reset       remove the local state first: the worker starts from the demo as shipped
                (the same as \`npm run reset\` before \`npm start\`)
  --no-build    skip building the snippet and the demo shop (they are built already)
  --verbose     show wrangler's request log
  --help        this text

Environment:
  PORT           the port (same as --port)
  VITRINE_STATE  the state directory (same as --state)
  ADMIN_TOKEN    bearer token for the admin API (default: local-admin-token)
  RATE_LIMITS    "off" turns the per-visitor and per-address rate limits off (load tests)
`;

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      port: { type: "string" },
      state: { type: "string" },
      reset: { type: "boolean" },
      "no-build": { type: "boolean" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`vitrine: ${error.message}\n\n${HELP}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const portText = options.port ?? process.env.PORT ?? "8787";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
  console.error(`vitrine: --port must be a whole number from 1 to 65535, got "${portText}"`);
  process.exit(2);
}
const stateDir = resolveStateDir(options.state);

/** Prints why the worker cannot start here and how to pick another port; exits 1. */
async function refusePort(problem) {
  const other = await nextFreePort(port);
  const suggestion = other ?? port + 1;
  console.error(`vitrine: ${await describeTakenPort(port, problem)}.
Stop whatever runs there (Ctrl+C in its terminal), or start Vitrine on another port:
  npm start -- --port ${suggestion}     (or: PORT=${suggestion} npm start)`);
  process.exit(1);
}

function refuseState(using) {
  const where = using.port ? ` on port ${using.port}` : "";
  console.error(`vitrine: the local state in ${shortPath(stateDir)} is in use by the Vitrine worker${where} (pid ${using.pid}).
Stop that worker first, or give this one its own state: npm start -- --state DIR`);
  process.exit(1);
}

// Refuse before spending time on the build.
const using = runningWorker(stateDir);
if (using) refuseState(using);
const problem = await portProblem(port);
if (problem) await refusePort(problem);
if (options.reset) {
  try {
    const { existed } = resetState(stateDir);
    console.log(existed ? `Removed the local state in ${shortPath(stateDir)}: the worker starts from the demo as shipped.` : `No local state in ${shortPath(stateDir)} yet: nothing to reset.`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

let worker;
let starting;
let build;
/** The demo shop's origin without the snippet, which the worker fronts in proxy mode. */
let origin;
let stopping = false;
const abort = new AbortController();

/** Stops the build or the worker, whichever runs, and everything they started; then exits. */
async function shutdown() {
  if (stopping) return;
  stopping = true;
  abort.abort();
  build?.kill("SIGTERM");
  const running = worker ?? (await starting?.catch(() => null));
  if (running) {
    console.log("\nStopping the Vitrine worker …");
    await running.stop();
    console.log("Stopped.");
  }
  await origin?.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, shutdown);
// npm runs this script through `sh -c`, and passes a SIGTERM or SIGINT it receives to that shell
// only: the shell dies, this process is handed to init. A new parent means npm is gone.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && shutdown(), 500).unref();
}

async function main() {
  if (!options["no-build"]) {
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
    build = spawn(npm[0], [...npm.slice(1), "run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" && !process.env.npm_execpath });
    const code = await new Promise((resolve) => build.once("exit", (code) => resolve(code)));
    build = undefined;
    if (stopping) return; // shutdown() exits
    if (code !== 0) {
      console.error(`vitrine: the build failed (exit code ${code}); see its output above`);
      process.exit(1);
    }
  }

  console.log(`Starting the Vitrine edge worker on 127.0.0.1:${port} (local state in ${shortPath(stateDir)}) …`);
  // Admin is open locally with $ADMIN_TOKEN or a fixed local token; the worker binds 127.0.0.1 only.
  const adminToken = process.env.ADMIN_TOKEN || "local-admin-token";
  origin = await startDemoOrigin();
  starting = startWorker({ port, persistTo: stateDir, quiet: !options.verbose, timeoutMs: 90_000, seeds: [proxyDemoSeed(origin.url)], vars: { ADMIN_TOKEN: adminToken, ...(process.env.RATE_LIMITS && { RATE_LIMITS: process.env.RATE_LIMITS }) }, signal: abort.signal });
  try {
    worker = await starting;
  } catch (error) {
    if (stopping) return; // shutdown() exits
    await origin.stop();
    if (error.code === "EADDRINUSE" || error.code === "EACCES") await refusePort(error.code);
    if (error.code === "ESTATEINUSE") refuseState(runningWorker(stateDir) ?? { pid: "?" });
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const { url } = worker;
  // A key for the merchant console, for site demo only (the previous local one is revoked).
  const demoKey = await createDemoKey(url, adminToken).catch((error) => {
    console.error(`vitrine: could not create a console key for the demo (${error instanceof Error ? error.message : error}); sign in with the admin token instead`);
    return adminToken;
  });
  worker.exited.then((code) => {
    if (stopping) return;
    console.error(`vitrine: the worker stopped by itself (exit code ${code}); its last words:\n${worker.output().slice(-3_000)}`);
    process.exit(1);
  });
  console.log(`
Vitrine is running.

  Demo shop        ${url}/
  Proxy mode       http://${PROXY_DEMO_HOST}:${port}/   (the same shop from ${origin.url}, without the snippet, personalized before it reaches the browser)
  Worker health    ${url}/v1/health
  Snippet          ${url}/v1/sdk.js
  Decide API       POST ${url}/v1/decide   (see README.md, "API")
  Console          ${url}/admin   (site key: ${demoKey})
  Admin API        ${url}/v1/sites/demo/config   (Authorization: Bearer ${adminToken})
  Local state      ${shortPath(stateDir)}   (\`npm run reset\` starts over from the demo as shipped)

Try it: open ${url}/c/headphones/noise-canceling/, look at two products,
then go back to ${url}/ — the hero is now the noise-canceling one, and the
"Why am I seeing this?" box says which traits and rule chose it.

Press Ctrl+C to stop.`);
}

await main();
