#!/usr/bin/env node
// `npm run simulate`: synthetic shoppers of several personas browse the demo shop through the
// real worker over N simulated days; at the end, what the worker concluded about each of them.
// Deterministic for a seed; bounded in concurrency, requests and time. See bench/README.md.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoSeeds, startWorker } from "../scripts/worker.mjs";
import { parseFlags, flagHelp, UsageError } from "./lib/args.mjs";
import { freePort } from "./lib/net.mjs";
import { createRng } from "./lib/rng.mjs";
import { progress } from "./lib/progress.mjs";
import { BROWSER_UA, HOME_GRID } from "./lib/catalog.mjs";
import { ROOT } from "./lib/wrangler.mjs";
import { PERSONAS, journey } from "./lib/personas.mjs";
import { createClient } from "./lib/client.mjs";
import { summarizeRun, formatSummary, formatExperimentResults } from "./lib/sim-report.mjs";
import { applyResultsMigrations, runExperimentScenario } from "./lib/experiment-sim.mjs";

const FLAGS = {
  visitors: { type: "int", default: 1000, min: 1, max: 1_000_000, value: "n", help: "how many visitors to simulate" },
  days: { type: "int", default: 14, min: 1, max: 365, value: "n", help: "spread their sessions over the past n days (a --url worker's site must accept events that old: settings.eventWindowDays)" },
  seed: { type: "int", default: 1, min: 0, max: 2 ** 32 - 1, value: "n", help: "PRNG seed: the same seed sends the same visitors and journeys" },
  concurrency: { type: "int", default: 16, min: 1, max: 256, value: "n", help: "visitors in flight at once (each visitor's requests stay in order)" },
  url: { type: "string", value: "url", help: "a running local worker (http://127.0.0.1:PORT; start it with RATE_LIMITS=off npm start); default: start one with a fresh temp state" },
  site: { type: "string", default: "demo", value: "id", help: "site id the events are sent for" },
  token: { type: "string", value: "token", help: "admin token of the --url worker, to report orders as the shop's backend would (default: $ADMIN_TOKEN, or local-admin-token as npm start uses)" },
  "max-seconds": { type: "int", default: 600, min: 5, max: 3600, value: "s", help: "stop starting new visitors after this long and report what was done" },
  json: { type: "string", value: "file", help: "also write the summary as JSON to this file" },
  experiment: { type: "bool", help: "run an A/B test with a planted lift instead of the personas (see above)" },
  lift: { type: "int", default: 20, min: 0, max: 500, value: "percent", help: "with --experiment: how much more often arm b's visitors buy, in percent" },
  conversion: { type: "int", default: 5, min: 1, max: 30, value: "percent", help: "with --experiment: control's base purchase rate, in percent" },
  help: { type: "bool", help: "show this help" },
};

const HELP = `Usage: npm run simulate -- [flags]

Drives the local Vitrine worker with synthetic shoppers (${Object.values(PERSONAS).map((p) => p.label).join(", ")}).
Each visitor's sessions are spread over the past --days (sessions at least 35 minutes apart) and
sent as the snippet would: /v1/decide for every page, its cart and order events with the next
call, /v1/collect for what is left when a session ends. Then one final /v1/decide per visitor
shows what the worker concluded: segments, hero variants, intent by persona, and experiment
results when decisions carry experiments. Only talks to 127.0.0.1.

With --experiment it runs an A/B test instead: it stores a running experiment on the hero
(control: the default hero; b: the men's hero) in the site's config through the admin API, sends
--visitors visitors to the home page (the worker assigns each an arm and records the exposure),
lets them buy with --conversion percent probability (twice that for returning customers, who
ordered before the test), --lift percent more often in arm b, reports every order through the
trusted orders endpoint, then prints the results the worker computed beside the planted truth.

Flags:
${flagHelp(FLAGS)}

Examples: npm run simulate -- --visitors 5000 --days 14 --seed 7
          npm run simulate -- --experiment --visitors 20000 --lift 20 --conversion 5
`;

function parse() {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if (flags.url !== undefined) {
    let url;
    try {
      url = new URL(flags.url);
    } catch {
      throw new UsageError(`--url must be a URL such as http://127.0.0.1:8787, got "${flags.url}"`);
    }
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) || url.protocol !== "http:") {
      throw new UsageError(`--url must point at a local worker (http://127.0.0.1:PORT or http://localhost:PORT), got "${flags.url}"`);
    }
    flags.url = url.origin;
  }
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(flags.site)) throw new UsageError(`--site must be a lowercase site id such as "demo", got "${flags.site}"`);
  return flags;
}

/** Runs `work(i)` for i in [0, count) with at most `limit` in flight, until `deadline`. */
async function pool(count, limit, deadline, work) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count && performance.now() < deadline) await work(next++);
  });
  await Promise.all(lanes);
  return next;
}

async function main(flags) {
  const started = performance.now();
  const deadline = started + flags["max-seconds"] * 1000;
  let worker = null;
  let stateDir = null;
  const stop = async () => {
    if (worker) await worker.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, async () => {
      process.stderr.write(`\nvitrine simulate: ${signal}, stopping…\n`);
      await stop();
      process.exit(130);
    });
  }

  try {
    let base = flags.url;
    if (!base) {
      // wrangler dev waits for a good build instead of failing, so check the inputs first.
      for (const built of ["packages/sdk/dist/snippet-source.js", "examples/demo-store/public/index.html"]) {
        if (!existsSync(join(ROOT, built))) throw new Error(`vitrine simulate: ${built} is missing; run \`npm run build\` first (or pass --url of a running worker)`);
      }
      stateDir = mkdtempSync(join(tmpdir(), "vitrine-simulate-"));
      process.stderr.write("vitrine simulate: starting the worker (wrangler dev, fresh state)…\n");
      flags.token = randomUUID();
      await applyResultsMigrations(stateDir);
      // Simulated history reaches --days back: the demo's seed accepts events that old.
      const seeds = demoSeeds().map((config) => ({ ...config, settings: { ...config.settings, eventWindowDays: Math.max(7, flags.days + 1) } }));
      worker = await startWorker({ port: await freePort(), persistTo: stateDir, seeds, vars: { ADMIN_TOKEN: flags.token, RATE_LIMITS: "off" } });
      base = worker.url;
    }
    const token = flags.token ?? process.env.ADMIN_TOKEN ?? "local-admin-token";
    const client = createClient({ base, site: flags.site, token });
    await client.health();

    if (flags.experiment) {
      const run = await runExperimentScenario({ flags, base, token, client, pool, deadline, createRng, progress });
      process.stdout.write(formatExperimentResults(run) + "\n");
      if (flags.json) writeFileSync(flags.json, JSON.stringify(run, null, 2) + "\n");
      return run.client.errors === 0 && run.skipped === 0 && run.complete ? 0 : 1;
    }

    const now = Date.now();
    const master = createRng(flags.seed);
    const shares = Object.fromEntries(Object.entries(PERSONAS).map(([k, p]) => [k, p.share]));
    const visitors = Array.from({ length: flags.visitors }, (_, i) => {
      const rng = master.fork(i + 1);
      return { index: i, id: `sim${flags.seed.toString(36)}_${i.toString(36).padStart(6, "0")}`, persona: rng.weighted(shares), rng };
    });
    process.stderr.write(`vitrine simulate: ${flags.visitors} visitors over ${flags.days} days (seed ${flags.seed}), ${flags.concurrency} at a time, against ${base}\n`);

    // Phase 1: every visitor's journey, requests in order per visitor.
    const t1 = performance.now();
    const bar1 = progress({ total: visitors.length, label: "journeys" });
    const status = () => `${Math.round(client.stats.requests / ((performance.now() - t1) / 1000))} req/s, ${client.stats.errors} errors`;
    const journeyed = await pool(visitors.length, flags.concurrency, deadline, async (i) => {
      const v = visitors[i];
      const plan = journey(v.persona, v.rng, { origin: base, days: flags.days, now });
      v.sessions = plan.sessions.length;
      v.orders = plan.orders;
      v.requests = 0;
      v.botFlags = 0;
      for (const session of plan.sessions) {
        let queued = [];
        // The shop's backend confirms each order the browser reported (bots place none).
        const confirm = async (events) => {
          const orders = events.filter((e) => e.type === "purchase").map((e) => ({ visitor: v.id, ...e.order, ts: e.ts }));
          if (orders.length) {
            await client.orders(orders);
            v.requests++;
          }
        };
        for (const page of session.pages) {
          const res = await client.decide(v.id, [...queued, page.event], { url: page.event.url, products: page.products, userAgent: plan.userAgent });
          v.requests++;
          if (res?.bot) v.botFlags++;
          await confirm(queued);
          queued = page.after;
        }
        if (queued.length) {
          await client.collect(v.id, queued, { userAgent: plan.userAgent });
          v.requests++;
          await confirm(queued);
        }
      }
      v.done = true;
      bar1.tick(status());
    });
    bar1.done(status());
    const phase1 = (performance.now() - t1) / 1000;
    const phase1Requests = client.stats.requests;

    // Phase 2: one read-only decide per visitor, as a browser (for bots: proof nothing was kept).
    const t2 = performance.now();
    const finished = visitors.filter((v) => v.done);
    const bar2 = progress({ total: finished.length, label: "final decisions" });
    await pool(finished.length, flags.concurrency, Infinity, async (i) => {
      const v = finished[i];
      v.final = await client.decide(v.id, [], { products: HOME_GRID, userAgent: BROWSER_UA });
      bar2.tick(status());
    });
    bar2.done(status());
    const phase2 = (performance.now() - t2) / 1000;

    const summary = summarizeRun({
      flags,
      base,
      visitors: finished,
      skipped: visitors.length - journeyed,
      client: client.stats,
      timing: { wallSeconds: (performance.now() - started) / 1000, journeysSeconds: phase1, finalSeconds: phase2, journeyRequests: phase1Requests },
    });
    process.stdout.write(formatSummary(summary) + "\n");
    if (flags.json) writeFileSync(flags.json, JSON.stringify(summary, null, 2) + "\n");
    return summary.client.errors === 0 && summary.skipped === 0 ? 0 : 1;
  } finally {
    await stop();
  }
}

let flags;
try {
  flags = parse();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`vitrine simulate: ${error.message}\n`);
  process.exit(2);
}
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
try {
  process.exitCode = await main(flags);
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
