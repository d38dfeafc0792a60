// A bounded, closed-loop load run: autocannon with a fixed number of connections for a fixed
// time, each request's body made fresh by `makeBody`. Latencies are kept exactly (autocannon's
// own histogram rounds to whole milliseconds) and CPU is read for both sides.
import autocannon from "autocannon";
import { treeCpuMs } from "./proc.mjs";
import { BROWSER_UA } from "./catalog.mjs";

/** The q-quantile (0..1) of a sorted array, nearest rank. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * One run. Returns raw parts so several runs (rounds) can be merged with `summarize`.
 * `settleMs`: how long to wait after the last answer before reading the server's CPU, so work the
 * requests left behind (batches flushed a second later) counts with them.
 * @param {{ url: string, path: string, connections: number, seconds: number, makeBody: () => string, serverPid?: number, userAgent?: string, settleMs?: number }} options
 */
export async function runLoad({ url, path, connections, seconds, makeBody, serverPid, userAgent = BROWSER_UA, settleMs = 0 }) {
  const latencies = [];
  const statuses = {};
  const cpu0 = process.cpuUsage();
  const server0 = serverPid ? treeCpuMs(serverPid) : null;
  const t0 = performance.now();
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path,
        headers: { "content-type": "application/json", "user-agent": userAgent },
        setupRequest: (req) => ({ ...req, body: makeBody() }),
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  const server1 = serverPid ? treeCpuMs(serverPid) : null;
  return {
    latencies,
    elapsedMs,
    statuses,
    errors: result.errors + result.timeouts,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    serverCpuMs: server0 !== null && server1 !== null ? server1 - server0 : null,
  };
}

/**
 * Merges runs of one scenario: successful requests per second over the total time, exact
 * p50/p99 over every 2xx latency, non-2xx and socket errors, CPU per request on both sides.
 */
export function summarize(parts, itemsPerRequest = 1) {
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const seconds = parts.reduce((sum, p) => sum + p.elapsedMs, 0) / 1000;
  const statuses = {};
  for (const p of parts) for (const [code, count] of Object.entries(p.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
  const ok = latencies.length;
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  const serverCpu = parts.every((p) => p.serverCpuMs !== null) ? parts.reduce((sum, p) => sum + p.serverCpuMs, 0) : null;
  return {
    seconds: round(seconds, 2),
    requests: total,
    ok,
    rps: round(ok / seconds, 1),
    itemsPerSec: round((ok * itemsPerRequest) / seconds, 1),
    p50Ms: round(quantile(latencies, 0.5), 3),
    p99Ms: round(quantile(latencies, 0.99), 3),
    non2xx: total - ok,
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    statuses,
    clientCpuPct: round((parts.reduce((sum, p) => sum + p.clientCpuMs, 0) / (seconds * 1000)) * 100, 1),
    serverCpuMsPerRequest: serverCpu !== null && ok > 0 ? round(serverCpu / ok, 3) : null,
  };
}

export const round = (x, digits) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

/**
 * Throws when a load run got no 2xx answer at all (a rejected body, a wrong origin): what follows
 * it would otherwise measure an empty state without a word.
 * @example requireAnswered(await runLoad({ … }), "collect (filling profiles)")
 */
export function requireAnswered(part, what) {
  if (part.latencies.length === 0) throw new Error(`vitrine bench: ${what}: no request answered 2xx (statuses ${JSON.stringify(part.statuses)})`);
  return part;
}
