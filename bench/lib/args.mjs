// Command-line flags for the bench scripts: `--name value`, `--name=value` and boolean `--flag`,
// each declared with its type, so a typo or a bad value stops with a message instead of a default.

/**
 * @typedef {{ type: "int" | "string" | "bool", default?: unknown, min?: number, max?: number, help: string, value?: string }} FlagSpec
 */

/** Thrown for a bad command line; the scripts print `message` and exit with code 2. */
export class UsageError extends Error {}

/**
 * Parses `argv` against `spec`. Unknown flags, missing values and values of the wrong type throw
 * a UsageError naming the flag.
 * @param {string[]} argv
 * @param {Record<string, FlagSpec>} spec
 * @example parseFlags(["--visitors", "50"], { visitors: { type: "int", default: 1000, min: 1, help: "" } }) // { visitors: 50 }
 */
export function parseFlags(argv, spec) {
  const out = Object.fromEntries(Object.entries(spec).map(([name, s]) => [name, s.default]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}" (flags start with --; see --help)`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown flag --${name} (see --help)`);
    if (s.type === "bool") {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    let raw;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      raw = argv[++i];
      if (raw === undefined || raw.startsWith("--")) throw new UsageError(`--${name} needs a value (${s.value ?? s.type})`);
    }
    out[name] = s.type === "int" ? toInt(name, raw, s) : raw;
  }
  return out;
}

function toInt(name, raw, s) {
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} is too large: "${raw}"`);
  if (s.min !== undefined && n < s.min) throw new UsageError(`--${name} must be at least ${s.min}, got ${n}`);
  if (s.max !== undefined && n > s.max) throw new UsageError(`--${name} must be at most ${s.max}, got ${n}`);
  return n;
}

/** The flag list of a --help text, aligned. */
export function flagHelp(spec) {
  const rows = Object.entries(spec).map(([name, s]) => [`--${name}${s.type === "bool" ? "" : ` <${s.value ?? s.type}>`}`, s.help + (s.default !== undefined && s.type !== "bool" ? ` (default ${s.default})` : "")]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join("\n");
}

/**
 * A script's command line: `--help` prints `help` and exits 0; a bad flag, or a UsageError that
 * `check` throws for flags that parse but do not fit together, prints `vitrine <name>: message`
 * and exits 2.
 * @example const flags = commandLine("bench:ab", FLAGS, HELP, (f) => { if (!f.base) throw new UsageError("--base is required"); });
 */
export function commandLine(name, spec, help, check = () => {}) {
  try {
    const flags = parseFlags(process.argv.slice(2), spec);
    if (flags.help) {
      process.stdout.write(help);
      process.exit(0);
    }
    check(flags);
    return flags;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`vitrine ${name}: ${error.message}\n`);
    process.exit(2);
  }
}
