// `npm run deploy:check`: do the bindings in wrangler.toml match what the worker's code uses
// (packages/edge/src/env.ts), and does `wrangler deploy --dry-run` accept the bundle? Run before
// `wrangler deploy`, and by the tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import ts from "typescript";
import { unstable_readConfig } from "wrangler";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const EDGE = join(ROOT, "packages", "edge");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

const HELP = `Usage: npm run deploy:check [-- --config path/to/wrangler.toml] [-- --no-dry-run]

Checks that every binding the worker's code declares (packages/edge/src/env.ts) is configured in
wrangler.toml with the right kind, that every Durable Object class is exported and migrated, that
the queue the code consumes has a consumer, then runs \`wrangler deploy --dry-run\`. Secrets and
plain variables are listed with the command that sets them. Exits 1 on any mismatch.
`;

/** What the code's Env interface declares: name → { type, optional }. */
export function codeBindings(envFile = join(EDGE, "src", "env.ts")) {
  const source = ts.createSourceFile(envFile, readFileSync(envFile, "utf8"), ts.ScriptTarget.Latest, true);
  const found = new Map();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "Env") return;
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const type = member.type.getText(source).replace(/<.*$/, "");
      found.set(member.name.getText(source), { type, optional: Boolean(member.questionToken) });
    }
  });
  if (found.size === 0) throw new Error(`vitrine deploy:check: no "interface Env" found in ${envFile}`);
  return found;
}

/** Where each kind of binding lives in the wrangler config. */
function configured(config) {
  const byKind = {
    DurableObjectNamespace: (config.durable_objects?.bindings ?? []).map((b) => b.name),
    KVNamespace: (config.kv_namespaces ?? []).map((b) => b.binding),
    D1Database: (config.d1_databases ?? []).map((b) => b.binding),
    Queue: (config.queues?.producers ?? []).map((b) => b.binding),
    R2Bucket: (config.r2_buckets ?? []).map((b) => b.binding),
    RateLimit: (config.ratelimits ?? []).map((b) => b.name),
    Fetcher: [config.assets?.binding, ...(config.services ?? []).map((b) => b.binding)].filter(Boolean),
    string: Object.keys(config.vars ?? {}),
  };
  return byKind;
}

/** The rows of the report and whether anything is wrong. */
export function checkBindings(config, code) {
  const have = configured(config);
  const rows = [];
  let ok = true;
  for (const [name, { type, optional }] of code) {
    const list = have[type];
    let status;
    if (!list) status = `unknown kind ${type}`;
    else if (list.includes(name)) status = "ok";
    else if (type === "string") status = optional ? `not set: a secret or var (wrangler secret put ${name})` : `missing: wrangler secret put ${name}`;
    else status = optional ? "optional, not configured" : "MISSING";
    if (status === "MISSING" || status.startsWith("unknown") || status.startsWith("missing")) ok = false;
    rows.push({ name, type, status });
  }
  const classes = (config.durable_objects?.bindings ?? []).map((b) => b.class_name);
  const migrated = new Set((config.migrations ?? []).flatMap((m) => [...(m.new_sqlite_classes ?? []), ...(m.new_classes ?? [])]));
  const index = readFileSync(join(EDGE, "src", "index.ts"), "utf8");
  for (const cls of classes) {
    const exported = new RegExp(`export\\s*\\{[^}]*\\b${cls}\\b`).test(index) || new RegExp(`export\\s+class\\s+${cls}\\b`).test(index);
    const status = !exported ? "not exported from src/index.ts" : !migrated.has(cls) ? "no migration creates it" : "ok";
    if (status !== "ok") ok = false;
    rows.push({ name: cls, type: "Durable Object class", status });
  }
  if (/\bqueue\b/.test(index)) {
    const consumers = (config.queues?.consumers ?? []).map((c) => c.queue);
    const producers = (config.queues?.producers ?? []).map((p) => p.queue);
    for (const queue of producers) {
      const status = consumers.includes(queue) ? "ok" : "no consumer: the worker's queue() handler would never run";
      if (status !== "ok") ok = false;
      rows.push({ name: queue, type: "queue consumer", status });
    }
  }
  return { rows, ok };
}

function main(argv) {
  if (argv.includes("--help") || argv.includes("-h")) return process.stdout.write(HELP), 0;
  const at = argv.indexOf("--config");
  const configPath = at >= 0 ? argv[at + 1] : join(EDGE, "wrangler.toml");
  if (!configPath) return console.error("vitrine deploy:check: --config needs a path"), 2;
  try {
    statSync(configPath);
  } catch {
    console.error(`vitrine deploy:check: no wrangler config at ${configPath}`);
    return 2;
  }
  const config = unstable_readConfig({ config: configPath }, { hideWarnings: true });
  const { rows, ok } = checkBindings(config, codeBindings());
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`Bindings of ${configPath} against packages/edge/src/env.ts:\n`);
  for (const row of rows) console.log(`  ${row.status === "ok" ? "✓" : row.status.startsWith("optional") || row.status.startsWith("not set") ? "·" : "✗"} ${row.name.padEnd(width)}  ${row.type.padEnd(22)}  ${row.status}`);
  if (!ok) {
    console.error("\nvitrine deploy:check: the wrangler config does not match what the code uses (✗ above).");
    return 1;
  }
  if (argv.includes("--no-dry-run")) return 0;
  const out = mkdtempSync(join(tmpdir(), "vitrine-deploy-"));
  try {
    console.log("\nwrangler deploy --dry-run …");
    execFileSync(process.execPath, [WRANGLER, "deploy", "--dry-run", "--minify", "--outdir", out, "--config", configPath], {
      cwd: EDGE,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const bundle = readFileSync(join(out, "index.js"));
    console.log(`  ✓ the upload would be ${bundle.length.toLocaleString("en-US")} B minified, ${gzipSync(bundle, { level: 9 }).length.toLocaleString("en-US")} B gzip`);
    console.log("\nReady: `cd packages/edge && npx wrangler deploy` (see the README's \"Deploy to Cloudflare\").");
    return 0;
  } catch (error) {
    console.error(`vitrine deploy:check: wrangler deploy --dry-run failed:\n${error.stderr ?? error.message}`);
    return 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
