// `node scripts/keys.mjs`: creates, lists and revokes a site's admin keys through the worker's
// admin API (no wrangler needed: any running worker, local or deployed, with a key that may).
import { pathToFileURL } from "node:url";

const HELP = `Usage: node scripts/keys.mjs <command> --site SITE [options]

Commands:
  create --site SITE --scopes a,b --name NAME   make a key; prints it once (store it now)
  list   --site SITE                            the site's keys (never their secrets)
  revoke --site SITE --id ID                    revoke a key at once
  signing --site SITE                           make or rotate the order-signing secret;
                                                prints it once (the previous one works 1 hour)
  signing --site SITE --remove                  remove it: signed orders refused at once

Options:
  --url URL      the worker (default: $VITRINE_URL or http://127.0.0.1:$PORT, port 8787)
  --token KEY    who asks: a key with keys:manage, or the operator token
                 (default: $VITRINE_KEY, then $ADMIN_TOKEN, then local-admin-token)
  --json         print the worker's answer as JSON

Scopes: config:read config:write orders:write visitors:read visitors:delete
        experiments:read keys:manage
`;

/** The scopes the local demo key gets: everything the console needs. */
export const DEMO_SCOPES = ["config:read", "config:write", "visitors:read", "visitors:delete", "experiments:read", "keys:manage"];

async function api(url, token, method, path, body) {
  let res;
  try {
    res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body && { "content-type": "application/json" }) },
      body: body && JSON.stringify(body),
    });
  } catch (cause) {
    throw new Error(`vitrine keys: cannot reach the worker at ${url} (${cause?.cause?.code ?? cause?.message ?? cause}); is it running? (npm start, or --url)`, { cause });
  }
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) throw new Error(`vitrine keys: ${method} ${path} answered ${res.status}: ${json?.error?.message ?? text}`);
  return json;
}

/**
 * Creates a key for `site` through the admin API; resolves to `{ token, key }` (the token is
 * shown this once).
 * @example const { token } = await createKey({ url: "http://127.0.0.1:8787", token: adminToken, site: "demo", scopes: ["config:read"], name: "Ana" });
 */
export function createKey({ url, token, site, scopes, name }) {
  return api(url, token, "POST", `/v1/sites/${encodeURIComponent(site)}/keys`, { name, scopes });
}

/**
 * The key `npm start` prints: every console scope on the demo site, made with the operator token.
 * The previous start's demo key is revoked first (a key is shown only once, so each start makes
 * a fresh one rather than piling them up).
 * @example const demoKey = await createDemoKey(worker.url, adminToken); console.log(demoKey);
 */
export async function createDemoKey(url, adminToken, site = "demo", name = "Local demo") {
  const { keys } = await api(url, adminToken, "GET", `/v1/sites/${encodeURIComponent(site)}/keys`);
  for (const key of keys) if (key.name === name && !key.revokedAt) await api(url, adminToken, "DELETE", `/v1/sites/${encodeURIComponent(site)}/keys/${key.id}`);
  const { token } = await createKey({ url, token: adminToken, site, scopes: DEMO_SCOPES, name });
  return token;
}

/** `--name value` pairs from argv. */
function flags(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json" || arg === "--help" || arg === "-h" || arg === "--remove") out[arg.replace(/^-+/, "")] = true;
    else if (arg.startsWith("--")) out[arg.slice(2)] = argv[++i];
    else out._.push(arg);
  }
  return out;
}

function need(args, name) {
  if (!args[name]) throw new Error(`vitrine keys: --${name} is required (see --help)`);
  return args[name];
}

async function main(argv) {
  const args = flags(argv);
  const command = args._[0];
  if (args.help || args.h || !command) {
    process.stdout.write(HELP);
    return command || args.help || args.h ? 0 : 2;
  }
  const url = (args.url ?? process.env.VITRINE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`).replace(/\/$/, "");
  const token = args.token ?? process.env.VITRINE_KEY ?? process.env.ADMIN_TOKEN ?? "local-admin-token";
  const site = need(args, "site");
  let answer;
  if (command === "create") {
    const scopes = need(args, "scopes").split(",").map((scope) => scope.trim()).filter(Boolean);
    answer = await createKey({ url, token, site, scopes, name: need(args, "name") });
    if (!args.json) console.log(`Key "${answer.key.name}" for site ${site} (${answer.key.scopes.join(", ")}), id ${answer.key.id}:\n\n  ${answer.token}\n\nIt is shown this once: store it now. Revoke it with: node scripts/keys.mjs revoke --site ${site} --id ${answer.key.id}`);
  } else if (command === "list") {
    answer = await api(url, token, "GET", `/v1/sites/${encodeURIComponent(site)}/keys`);
    if (!args.json) {
      for (const key of answer.keys) {
        const state = key.revokedAt ? `revoked ${new Date(key.revokedAt).toISOString()}` : key.lastUsedAt ? `last used ${new Date(key.lastUsedAt).toISOString()}` : "never used";
        console.log(`${key.id}  ${key.name.padEnd(24)} ${key.scopes.join(",")}  (${state})`);
      }
      if (answer.keys.length === 0) console.log(`Site ${site} has no keys yet.`);
    }
  } else if (command === "revoke") {
    answer = await api(url, token, "DELETE", `/v1/sites/${encodeURIComponent(site)}/keys/${encodeURIComponent(need(args, "id"))}`);
    if (!args.json) console.log(`Revoked key ${answer.key.id} ("${answer.key.name}") of site ${site}.`);
  } else if (command === "signing") {
    const path = `/v1/sites/${encodeURIComponent(site)}/keys/signing`;
    answer = await api(url, token, args.remove ? "DELETE" : "POST", path);
    if (!args.json) console.log(args.remove ? `Removed the order-signing secret of site ${site}.` : `Order-signing secret for site ${site}:\n\n  ${answer.secret}\n\nIt is shown this once: put it in the shop backend's settings now.${(answer.signing.retired ?? []).map((r) => ` Retired secret ${r.id} works until ${new Date(r.validUntil).toISOString()}.`).join("")}`);
  } else {
    throw new Error(`vitrine keys: unknown command "${command}" (create, list, revoke or signing)`);
  }
  if (args.json) console.log(JSON.stringify(answer, null, 2));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
