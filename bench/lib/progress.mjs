// Progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise
// (CI logs and pipes keep every line).

/**
 * @param {{ total: number, label: string, stream?: NodeJS.WriteStream, everyMs?: number }} options
 * @returns {{ tick: (status: string) => void, done: (status: string) => void }}
 */
export function progress({ total, label, stream = process.stderr, everyMs = 5_000 }) {
  const tty = Boolean(stream.isTTY);
  let count = 0;
  let lastDraw = 0;
  const started = performance.now();
  const line = (status) => {
    const pct = total ? Math.floor((count / total) * 100) : 100;
    const secs = ((performance.now() - started) / 1000).toFixed(0);
    if (!tty) return `${label}: ${count}/${total} (${pct}%) ${status} [${secs} s]`;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 70));
    const filled = Math.round((count / Math.max(1, total)) * width);
    return `${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${count}/${total} ${status} ${secs}s`;
  };
  const draw = (status, force) => {
    const now = performance.now();
    if (!force && now - lastDraw < (tty ? 100 : everyMs)) return;
    lastDraw = now;
    if (tty) stream.write(`\r\x1b[2K${line(status)}`);
    else stream.write(`${line(status)}\n`);
  };
  return {
    tick(status = "") {
      count++;
      draw(status, false);
    },
    done(status = "") {
      draw(status, true);
      if (tty) stream.write("\n");
    },
  };
}
