// (f) Cold start on bare workerd, where no wrangler start-up hides it:
//  - spawn → first 200 on /v1/health for the hello-world worker and for the edge worker; the
//    difference is what the edge bundle adds to starting an isolate (parse + top-level code);
//  - the first /v1/decide after start (config parsed, first Durable Objects created);
//  - a decide for a visitor never seen (a new Durable Object and its SQLite tables) against
//    a decide for a visitor whose object is already live.
import { join } from "node:path";
import { freePort } from "../lib/net.mjs";
import { quantile, round } from "../lib/load.mjs";
import { bodyFactory } from "../lib/bodies.mjs";
import { BROWSER_UA } from "../lib/catalog.mjs";
import { prepareBare, startWorkerd } from "../lib/workerd.mjs";

const median = (xs) => round(quantile([...xs].sort((a, b) => a - b), 0.5), 2);

async function timedDecide(url, body) {
  const t0 = performance.now();
  const res = await fetch(url + "/v1/decide", { method: "POST", body, headers: { "content-type": "application/json", "user-agent": BROWSER_UA } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`vitrine bench: cold-start decide answered ${res.status}`);
  return performance.now() - t0;
}

/**
 * @param {{ tmpDir: string, bundleFile: string, spawns: number, visitors: number, track: (server: any) => any, log: (line: string) => void }} options
 */
export async function measureCold({ tmpDir, bundleFile, spawns, visitors, track, log }) {
  const ready = { hello: [], edge: [] };
  const firstDecide = [];
  const fresh = [];
  const warm = [];
  for (let i = 0; i < spawns; i++) {
    for (const kind of ["hello", "edge"]) {
      const dir = join(tmpDir, `cold-${kind}-${i}`);
      const server = track(await startWorkerd({ dir, config: prepareBare(kind, dir, bundleFile), port: await freePort(), storageDir: kind === "edge" ? join(dir, "do") : undefined, pollMs: 2 }));
      ready[kind].push(server.readyMs);
      if (kind === "edge") {
        const bodies = bodyFactory({ seed: 100 + i, visitors, origin: server.url });
        // Each call of the factory's decide() picks a pooled visitor at random; use fixed ids instead.
        const bodyFor = (id) => {
          const body = JSON.parse(bodies.decide());
          body.visitor = id;
          return JSON.stringify(body);
        };
        firstDecide.push(await timedDecide(server.url, bodyFor(bodies.visitorIds[0])));
        for (const id of bodies.visitorIds.slice(1)) fresh.push(await timedDecide(server.url, bodyFor(id)));
        for (const id of bodies.visitorIds.slice(1)) warm.push(await timedDecide(server.url, bodyFor(id)));
      }
      await server.stop();
    }
    log(`  spawn ${i + 1}/${spawns}: hello ${Math.round(ready.hello.at(-1))} ms, edge ${Math.round(ready.edge.at(-1))} ms to first 200; first decide ${Math.round(firstDecide.at(-1))} ms`);
  }
  return {
    method: "bare workerd, spawn → first 200 on /v1/health polled every 2 ms; then sequential single decides",
    spawns,
    readyMs: { hello: median(ready.hello), edge: median(ready.edge), added: round(median(ready.edge) - median(ready.hello), 2) },
    firstDecideMs: median(firstDecide),
    freshVisitorDecideMs: median(fresh),
    warmVisitorDecideMs: median(warm),
    samples: { freshVisitors: fresh.length, warmVisitors: warm.length },
  };
}
