// Ports and readiness for the servers the benchmarks start. Everything binds 127.0.0.1.
import { createServer } from "node:net";

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers 200, the process exits, or `timeoutMs` passes. Returns the
 * milliseconds waited (measured from `since`, a performance.now() reading).
 * @param {{ url: string, exited: Promise<unknown>, timeoutMs: number, intervalMs?: number, since?: number, log?: () => string, what: string }} options
 */
export async function waitFor200({ url, exited, timeoutMs, intervalMs = 250, since = performance.now(), log = () => "", what }) {
  const deadline = since + timeoutMs;
  let gone = false;
  exited.then(() => (gone = true));
  while (performance.now() < deadline) {
    if (gone) throw new Error(`vitrine bench: ${what} exited before answering ${url}\n${log()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`vitrine bench: ${what} did not answer ${url} within ${timeoutMs} ms\n${log()}`);
}
