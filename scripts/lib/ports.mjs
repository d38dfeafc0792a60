// Ports for the local worker: is one free, who holds it, and which one to suggest instead.
// Everything binds 127.0.0.1 only.
import { createServer } from "node:net";

/**
 * Whether `port` on 127.0.0.1 can be bound right now: null when it is free, else the error code
 * (`EADDRINUSE` when anything listens there — on 127.0.0.1, 0.0.0.0 or a dual-stack `::` —
 * `EACCES` for a port this user may not bind).
 * @example if (await portProblem(8787)) console.error("8787 is taken");
 * @param {number} port
 * @returns {Promise<string | null>}
 */
export function portProblem(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error) => resolve(/** @type {NodeJS.ErrnoException} */ (error).code ?? "EADDRINUSE"));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/**
 * What answers HTTP on 127.0.0.1:`port`: a Vitrine worker (its `/v1/health` says `{ok, version}`)
 * or something else.
 * @example const holder = await whoAnswers(8787); // { vitrine: true, version: "0.1.0" }
 * @param {number} port
 * @returns {Promise<{ vitrine: true, version: string } | { vitrine: false }>}
 */
export async function whoAnswers(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/v1/health`, { signal: AbortSignal.timeout(1_500) });
    const body = await res.json();
    if (res.ok && body && body.ok === true && typeof body.version === "string") return { vitrine: true, version: body.version };
  } catch {
    // not HTTP, not JSON, or too slow: not a Vitrine worker
  }
  return { vitrine: false };
}

/**
 * The first free port after `port` (up to 50 further), for a "pick another port" hint.
 * @example const other = await nextFreePort(8787); // 8788, if that one is free
 * @param {number} port
 * @returns {Promise<number | null>}
 */
export async function nextFreePort(port) {
  for (let candidate = port + 1; candidate <= Math.min(port + 50, 65535); candidate++) {
    if ((await portProblem(candidate)) === null) return candidate;
  }
  return null;
}

/**
 * One sentence naming the port and who holds it, e.g. "127.0.0.1:8787 is already in use by
 * another Vitrine worker (version 0.1.0)".
 * @example throw new Error(`vitrine: ${await describeTakenPort(8787, "EADDRINUSE")}`);
 * @param {number} port
 * @param {string} problem the code from `portProblem`
 */
export async function describeTakenPort(port, problem) {
  if (problem === "EACCES") return `127.0.0.1:${port} may not be opened by this user (ports below 1024 need privileges)`;
  if (problem !== "EADDRINUSE") return `127.0.0.1:${port} cannot be opened (${problem})`;
  const holder = await whoAnswers(port);
  return holder.vitrine
    ? `127.0.0.1:${port} is already in use by another Vitrine worker (version ${holder.version})`
    : `127.0.0.1:${port} is already in use by another program`;
}
