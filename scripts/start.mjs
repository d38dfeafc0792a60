// `npm start`: the demo shop through the local edge worker, with the URLs to open.
import { startWorker } from "./worker.mjs";

const HELP = `Usage: npm start [-- --port N] [-- --verbose]

Runs Vitrine's edge worker locally (wrangler dev: workerd with local, persisted Durable
Objects and KV in .vitrine/state) and serves the demo shop through it.

Environment:
  PORT         the port (same as --port)
  ADMIN_TOKEN  bearer token for the admin API (default: local-admin-token)

Options:
  --port N     listen on 127.0.0.1:N (default: $PORT or 8787)
  --verbose    show wrangler's request log
  --help       this text
`;

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}
const portFlag = argv.indexOf("--port");
const port = Number(portFlag >= 0 ? argv[portFlag + 1] : (process.env.PORT ?? 8787));
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`vitrine: --port must be a whole number from 1 to 65535, got "${portFlag >= 0 ? argv[portFlag + 1] : process.env.PORT}"`);
  process.exit(2);
}

console.log(`Starting the Vitrine edge worker on 127.0.0.1:${port} …`);
// Admin is open locally with $ADMIN_TOKEN or a fixed local token; the worker binds 127.0.0.1 only.
const adminToken = process.env.ADMIN_TOKEN || "local-admin-token";
let worker;
try {
  worker = await startWorker({ port, quiet: !argv.includes("--verbose"), timeoutMs: 90_000, vars: { ADMIN_TOKEN: adminToken } });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const { url } = worker;
console.log(`
Vitrine is running.

  Demo shop        ${url}/
  Worker health    ${url}/v1/health
  Snippet          ${url}/v1/sdk.js
  Decide API       POST ${url}/v1/decide   (see README.md, "API")
  Admin API        ${url}/v1/sites/demo/config   (Authorization: Bearer ${adminToken})

Try it: open ${url}/c/headphones/noise-canceling/, look at two products,
then go back to ${url}/ — the hero is now the noise-canceling one, and the
"Why am I seeing this?" box says which traits and rule chose it.

Press Ctrl+C to stop.`);

const shutdown = async () => {
  await worker.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
