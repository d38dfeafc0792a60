#!/usr/bin/env node
// Refreshes the search-engine and social-network lists the source trait classifies referrers
// with, from Matomo's community-maintained list (matomo-org/searchengine-and-social-list,
// CC0-1.0), into packages/shared/src/logic/sources/matomo.json. The webmail, ad-host and
// click-id lists are the project's own, in sources/curated.json, edited by hand.
//
//   node scripts/refresh-sources.mjs                      # fetch the list's default branch
//   node scripts/refresh-sources.mjs --from <checkout>    # a local clone (or bare git directory)
//   node scripts/refresh-sources.mjs --check <tests.json> # also score against labelled referrers
//
// `--check` takes a JSON array of {uri, medium} (the shape of Snowplow's referer-tests.json) and
// prints how often the classifier agrees; nothing of that file is kept.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "packages", "shared", "src", "logic", "sources", "matomo.json");
const REPO = "matomo-org/searchengine-and-social-list";
const FILES = ["SearchEngines.yml", "Socials.yml"];

function usage(message) {
  console.error(`refresh-sources: ${message}\nusage: node scripts/refresh-sources.mjs [--from <dir>] [--check <referer-tests.json>]`);
  process.exit(2);
}

function flags(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name !== "--from" && name !== "--check") usage(`unknown argument "${name}"`);
    const value = argv[++i];
    if (!value) usage(`${name} needs a value`);
    out[name.slice(2)] = value;
  }
  return out;
}

/** The list's files and the commit they come from: a checkout, a bare git directory, or GitHub. */
async function readList(from) {
  if (from) {
    if (FILES.every((f) => existsSync(join(from, f)))) {
      const commit = tryGit(["-C", from, "rev-parse", "HEAD"]);
      return { files: Object.fromEntries(FILES.map((f) => [f, readFileSync(join(from, f), "utf8")])), commit };
    }
    const gitDir = ["--git-dir", from];
    const commit = tryGit([...gitDir, "rev-parse", "HEAD"]);
    if (!commit) usage(`${from} holds neither ${FILES.join(" nor ")} nor a git repository`);
    return { files: Object.fromEntries(FILES.map((f) => [f, git([...gitDir, "show", `HEAD:${f}`])])), commit };
  }
  const head = await get(`https://api.github.com/repos/${REPO}/commits/HEAD`, "application/vnd.github.sha");
  const commit = head.trim();
  const files = {};
  for (const f of FILES) files[f] = await get(`https://raw.githubusercontent.com/${REPO}/${commit}/${f}`);
  return { files, commit };
}

async function get(url, accept = "text/plain") {
  const response = await fetch(url, { headers: { accept, "user-agent": "vitrine-refresh-sources" } });
  if (!response.ok) throw new Error(`refresh-sources: GET ${url} answered ${response.status}`);
  return response.text();
}

const git = (args) => execFileSync("git", args, { encoding: "utf8", maxBuffer: 16 << 20 });
function tryGit(args) {
  try {
    return git(args).trim();
  } catch {
    return undefined;
  }
}

const unquote = (value) => value.trim().replace(/^'(.*)'$/, "$1").replace(/^"(.*)"$/, "$1");

/**
 * The subset of YAML the list uses: `Name:` at the top, then either `- host` items (socials) or
 * `-` configurations holding `urls:` and `params:` lists (search engines).
 */
function parseList(text) {
  const entries = [];
  let entry;
  let config;
  let key;
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || raw.trimStart().startsWith("#")) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      entry = { name: unquote(line.replace(/:$/, "")), hosts: [], configs: [] };
      entries.push(entry);
      continue;
    }
    if (line === "-" || line.startsWith("- urls:")) {
      config = { urls: [], params: [] };
      entry.configs.push(config);
      key = line === "-" ? undefined : "urls";
      continue;
    }
    const field = /^([a-z]+):\s*(.*)$/i.exec(line);
    if (field && !line.startsWith("- ")) {
      key = field[1];
      continue;
    }
    if (line.startsWith("- ")) {
      const value = unquote(line.slice(2));
      if (config && (key === "urls" || key === "params")) config[key].push(value);
      else if (!config) entry.hosts.push(value);
    }
  }
  return entries;
}

/** A host as the classifier compares it: lowercase, without `www.`. */
const normalHost = (host) => host.toLowerCase().replace(/^www\./, "");

/** Parameters that carry the query (plain names; the list's regular expressions are left out). */
const plainParams = (params) => params.filter((p) => /^[A-Za-z0-9_.-]+$/.test(p));

function compile(files, commit) {
  const search = {};
  let searchHosts = 0;
  for (const engine of parseList(files["SearchEngines.yml"])) {
    for (const config of engine.configs) {
      const hosts = config.urls.filter((u) => !u.includes("//")).map(normalHost);
      if (hosts.length === 0) continue;
      const params = plainParams(config.params).join(" ");
      search[params] = [...new Set([...(search[params]?.split(" ") ?? []), ...hosts])].join(" ");
      searchHosts += hosts.length;
    }
  }
  const socialHosts = [...new Set(parseList(files["Socials.yml"]).flatMap((n) => n.hosts.map(normalHost)))];
  const sorted = Object.fromEntries(Object.entries(search).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    data: {
      source: `https://github.com/${REPO}`,
      commit: commit ?? "unknown",
      license: "CC0-1.0",
      search: sorted,
      social: socialHosts.join(" "),
    },
    counts: { searchHosts, socialHosts: socialHosts.length },
  };
}

/** Scores the built classifier against a labelled set of referrers. */
async function check(path) {
  const { build } = await import("esbuild");
  const out = await build({
    stdin: { contents: 'export { parseSource } from "./packages/shared/src/logic/source";', resolveDir: ROOT, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const { parseSource } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString("base64")}`);
  const cases = JSON.parse(readFileSync(path, "utf8")).filter((c) => ["search", "social", "email", "paid"].includes(c.medium));
  const misses = cases.filter((c) => parseSource("https://shop.example/", c.uri).channel !== c.medium);
  console.log(`agreement with ${path}: ${cases.length - misses.length}/${cases.length} (${((100 * (cases.length - misses.length)) / cases.length).toFixed(1)}%)`);
  for (const c of misses) console.log(`  ${c.medium} → ${parseSource("https://shop.example/", c.uri).channel}: ${c.uri.slice(0, 120)}`);
}

async function main() {
  const { from, check: checkPath } = flags(process.argv.slice(2));
  const { files, commit } = await readList(from);
  const { data, counts } = compile(files, commit);
  writeFileSync(OUT, `${JSON.stringify(data, null, 1)}\n`);
  console.log(`wrote ${OUT.slice(ROOT.length + 1)}: ${counts.searchHosts} search-engine hosts, ${counts.socialHosts} social hosts, from ${REPO}@${data.commit}`);
  if (checkPath) await check(checkPath);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
