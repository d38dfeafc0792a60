#!/usr/bin/env node
// `npm run soak`: thousands of visitors send their events through the real local worker while it
// is killed and restarted and connections are cut; then every event that got a 2xx must be in its
// visitor's profile exactly once. Loopback only, bounded in time. See bench/README.md.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWorker } from "../scripts/worker.mjs";
import { parseFlags, flagHelp, UsageError } from "./lib/args.mjs";
import { freePort } from "./lib/net.mjs";
import { createRng } from "./lib/rng.mjs";
import { BROWSER_UA } from "./lib/catalog.mjs";
import { quantile } from "./lib/load.mjs";
import { reconcile, visitorEvents } from "./lib/soak-ledger.mjs";

const FLAGS = {
  visitors: { type: "int", default: 5000, min: 1, max: 100_000, value: "n", help: "how many visitors send events" },
  events: { type: "int", default: 20, min: 1, max: 100, value: "n", help: "events per visitor (page and product views, cart adds, purchases)" },
  batch: { type: "int", default: 10, min: 1, max: 100, value: "n", help: "events per request (the first batch goes through /v1/decide, the rest through /v1/collect)" },
  concurrency: { type: "int", default: 48, min: 1, max: 256, value: "n", help: "visitors in flight at once (each visitor's batches stay in order)" },
  restarts: { type: "int", default: 2, min: 0, max: 10, value: "n", help: "times the worker is killed (SIGKILL) and started again mid-run, on the same state" },
  aborts: { type: "int", default: 3, min: 0, max: 50, value: "percent", help: "share of requests cut by the client after 1-30 ms (the worker may or may not have recorded them)" },
  duplicates: { type: "int", default: 10, min: 0, max: 100, value: "percent", help: "share of acknowledged batches sent again" },
  seed: { type: "int", default: 1, min: 0, max: 2 ** 32 - 1, value: "n", help: "PRNG seed for the faults and duplicates" },
  "max-seconds": { type: "int", default: 540, min: 10, max: 3600, value: "s", help: "stop retrying after this long and reconcile what was acknowledged" },
  json: { type: "string", value: "file", help: "also write the summary as JSON to this file" },
  help: { type: "bool", help: "show this help" },
};

const HELP = `Usage: npm run soak -- [flags]     (or: node bench/soak.mjs [flags])

Starts the worker (wrangler dev on 127.0.0.1, state in a temp directory, rate limits off) and
drives --visitors visitors x --events events through /v1/decide and /v1/collect, as the snippet
does: a batch is retried with backoff until it gets a 2xx (network errors, 503, 429), some
acknowledged batches are sent again, some requests are cut mid-flight, and the worker is killed
with SIGKILL and restarted --restarts times while requests are in flight. Then it reads every
visitor's profile through the admin export (GET /v1/sites/demo/visitors/:visitor) and checks that
each event that got a 2xx is counted exactly once: page and product views and cart adds by the
profile's counters, purchases by order count and revenue (the k-th purchase costs 2^k, so the
revenue says which ones were counted). Prints throughput, latency, errors and
"<n> lost, <n> double counted"; exits 1 unless both are 0 and every batch was acknowledged.

Flags:
${flagHelp(FLAGS)}

Examples: npm run soak
          node bench/soak.mjs --visitors 200 --events 10 --restarts 1
`;

const SITE = "demo";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if (flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const draw = createRng(flags.seed);
  const rng = draw.next;
  const token = randomBytes(16).toString("hex");
  const state = mkdtempSync(join(tmpdir(), "vitrine-soak-"));
  const port = await freePort();
  const log = (line) => process.stderr.write(`soak: ${line}\n`);
  const start = () => startWorker({ port, persistTo: state, timeoutMs: 120_000, vars: { ADMIN_TOKEN: token, RATE_LIMITS: "off" } });
  log(`starting the worker on 127.0.0.1:${port} (state in ${state})`);
  let worker = await start();
  try {
    return await soak();
  } finally {
    await worker.stop();
    rmSync(state, { recursive: true, force: true });
  }

  async function soak() {
    const base = worker.url;
    const stats = { requests: 0, acked: 0, retries: 0, fallbacks: 0, aborted: 0, resent: 0, resentDuplicates: 0, statuses: {}, networkErrors: 0, latencies: [], restartsDone: 0, restartSeconds: [] };
    const deadline = Date.now() + flags["max-seconds"] * 1000;

    /**
     * One batch until it gets a 2xx (or the deadline): true when acknowledged. A decide that fell
     * back to the default (its reason says "fallback") did not record its events: the snippet keeps
     * them and sends them again through collect, and so does this.
     */
    async function deliver(first, body, onAnswer) {
      let path = first;
      for (let attempt = 0; ; attempt++) {
        if (Date.now() > deadline) return false;
        stats.requests++;
        const cut = rng() * 100 < flags.aborts;
        const t0 = performance.now();
        try {
          const res = await fetch(base + path, {
            method: "POST",
            body: JSON.stringify(body),
            headers: { "content-type": "application/json", "user-agent": BROWSER_UA },
            signal: AbortSignal.timeout(cut ? 1 + Math.floor(rng() * 30) : 20_000),
          });
          const text = await res.text();
          stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
          if (res.ok) {
            stats.latencies.push(performance.now() - t0);
            const answer = JSON.parse(text);
            if (answer.hero?.reason?.basis !== "fallback") {
              onAnswer?.(answer);
              return true;
            }
            stats.fallbacks++;
            path = "/v1/collect";
          }
          else if (res.status < 500 && res.status !== 429) throw new Error(`vitrine soak: POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith("vitrine soak:")) throw error;
          if (cut) stats.aborted++;
          else stats.networkErrors++;
        }
        stats.retries++;
        // Backoff as the snippet's queue does: doubling, jittered, capped; faster while the worker is down.
        await sleep(Math.min(5_000, 100 * 2 ** Math.min(attempt, 6)) * (0.5 + rng()));
      }
    }

    const ledgers = [];
    const now = Date.now() - flags.events * 1000;
    let finished = 0;
    const restartAt = Array.from({ length: flags.restarts }, (_, i) => Math.floor(((i + 1) * flags.visitors) / (flags.restarts + 1)));
    let restarting = Promise.resolve();

    async function restart(n) {
      const t0 = performance.now();
      log(`fault ${n}: killing the worker (SIGKILL to its process group) with requests in flight`);
      try {
        process.kill(-worker.pid, "SIGKILL");
      } catch {
        // already gone
      }
      await worker.stop();
      worker = await start();
      const seconds = (performance.now() - t0) / 1000;
      stats.restartSeconds.push(Math.round(seconds * 10) / 10);
      stats.restartsDone++;
      log(`fault ${n}: worker back after ${seconds.toFixed(1)} s`);
    }

    async function visitorRun(i) {
      const visitor = `soak${flags.seed.toString(36)}-${i.toString(36).padStart(6, "0")}`;
      const events = visitorEvents(visitor, flags.events, now);
      const ledger = { visitor, acked: [], pending: [] };
      ledgers.push(ledger);
      for (let b = 0; b < events.length; b += flags.batch) {
        const batch = events.slice(b, b + flags.batch);
        const path = b === 0 ? "/v1/decide" : "/v1/collect";
        const body = { site: SITE, visitor, events: batch };
        if (await deliver(path, body)) ledger.acked.push(...batch);
        else {
          ledger.pending.push(...events.slice(b));
          break;
        }
        stats.acked += batch.length;
        if (rng() * 100 < flags.duplicates) {
          stats.resent++;
          await deliver("/v1/collect", body, (answer) => (stats.resentDuplicates += answer.duplicates ?? 0));
        }
      }
      finished++;
      if (finished % 250 === 0 || finished === flags.visitors) {
        const secs = (Date.now() - (deadline - flags["max-seconds"] * 1000)) / 1000;
        log(`${finished}/${flags.visitors} visitors, ${stats.acked} events acknowledged, ${stats.retries} retries, ${stats.restartsDone} restarts [${secs.toFixed(0)} s]`);
      }
      const due = restartAt.indexOf(finished);
      if (due >= 0) restarting = restarting.then(() => restart(due + 1));
    }

    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(flags.concurrency, flags.visitors) }, async () => {
        while (next < flags.visitors) await visitorRun(next++);
      }),
    );
    await restarting;
    const sendSeconds = (performance.now() - t0) / 1000;

    log(`reconciling ${ledgers.length} profiles through the admin export`);
    const r0 = performance.now();
    const totals = { lost: 0, double: 0, pending: 0, visitorsWrong: 0 };
    let read = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (read < ledgers.length) {
          const ledger = ledgers[read++];
          let profile = null;
          for (let attempt = 0; ; attempt++) {
            try {
              const res = await fetch(`${base}/v1/sites/${SITE}/visitors/${ledger.visitor}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(20_000) });
              if (res.status === 404) break;
              if (!res.ok) throw new Error(`status ${res.status}`);
              profile = (await res.json()).profile;
              break;
            } catch (error) {
              if (attempt >= 5) throw new Error(`vitrine soak: cannot read visitor ${ledger.visitor}: ${error instanceof Error ? error.message : error}`, { cause: error });
              await sleep(500);
            }
          }
          const result = reconcile(profile, ledger.acked, ledger.pending);
          totals.lost += result.lost;
          totals.double += result.double;
          totals.pending += ledger.pending.length;
          if (result.lost + result.double > 0) totals.visitorsWrong++;
          if (read % 1000 === 0) log(`${read}/${ledgers.length} profiles read`);
        }
      }),
    );
    const reconcileSeconds = Math.round((performance.now() - r0) / 1000);
    const sorted = stats.latencies.sort((a, b) => a - b);
    const summary = {
      visitors: flags.visitors,
      eventsPerVisitor: flags.events,
      eventsSent: flags.visitors * flags.events,
      eventsAcknowledged: stats.acked,
      eventsNeverAcknowledged: totals.pending,
      requests: stats.requests,
      retries: stats.retries,
      abortedByClient: stats.aborted,
      networkErrors: stats.networkErrors,
      decideFallbacks: stats.fallbacks,
      statuses: stats.statuses,
      batchesResent: stats.resent,
      duplicatesReported: stats.resentDuplicates,
      restarts: stats.restartsDone,
      restartSeconds: stats.restartSeconds,
      seconds: Math.round(sendSeconds),
      eventsPerSecond: Math.round(stats.acked / sendSeconds),
      p50Ms: Math.round(quantile(sorted, 0.5)),
      p99Ms: Math.round(quantile(sorted, 0.99)),
      lost: totals.lost,
      doubleCounted: totals.double,
      visitorsWrong: totals.visitorsWrong,
      reconcileSeconds,
    };
    const out = process.stdout;
    out.write(`Soak: ${summary.visitors} visitors x ${summary.eventsPerVisitor} events through wrangler dev, ${summary.restarts} kill -9 restarts (${summary.restartSeconds.join(" s, ")} s down), ${flags.aborts}% requests cut, ${flags.duplicates}% batches resent\n`);
    out.write(`  ${summary.eventsAcknowledged} of ${summary.eventsSent} events acknowledged in ${summary.seconds} s (${summary.eventsPerSecond} events/s); ${summary.requests} requests, ${summary.retries} retries\n`);
    out.write(`  latency of 2xx answers: p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms\n`);
    out.write(`  errors: ${summary.abortedByClient} cut by the client, ${summary.networkErrors} network errors, ${summary.decideFallbacks} decides fell back (events resent through collect), statuses ${JSON.stringify(summary.statuses)}\n`);
    out.write(`  ${summary.batchesResent} batches sent again: ${summary.duplicatesReported} events reported as duplicates\n`);
    if (summary.eventsNeverAcknowledged > 0) out.write(`  ${summary.eventsNeverAcknowledged} events never acknowledged before --max-seconds\n`);
    out.write(`  ${ledgers.length} profiles read back and reconciled in ${reconcileSeconds} s\n`);
    out.write(`${summary.lost} lost, ${summary.doubleCounted} double counted\n`);
    if (flags.json) writeFileSync(flags.json, JSON.stringify(summary, null, 2) + "\n");
    return summary.lost === 0 && summary.doubleCounted === 0 && summary.eventsNeverAcknowledged === 0 ? 0 : 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof UsageError ? `vitrine soak: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
