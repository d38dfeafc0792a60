/** One difference between two configs, as data and as a line a merchant can read. */
export interface ConfigChange {
  /** Dotted path; list items with an id are named by it: `heroRules[interest-kids].variant`. */
  path: string;
  kind: "added" | "removed" | "changed" | "reordered";
  before?: unknown;
  after?: unknown;
  /** `Hero "kids" › headline: "Built for play" → "Spring is here"`. */
  text: string;
}

/** What the config's top-level keys are called in the console. */
const NAMES: Record<string, string> = {
  segments: "Segment",
  heroes: "Hero",
  heroRules: "Hero rule",
  sortRules: "Sort rule",
  slots: "Slot",
  experiments: "Experiment",
  settings: "Setting",
  origins: "Allowed origins",
  defaultHero: "Default hero",
  defaultSort: "Default sort",
  name: "Site name",
  holdout: "Holdout",
};

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => value !== null && typeof value === "object" && !Array.isArray(value);
const hasIds = (list: unknown[]): list is { id: string }[] => list.every((item) => isPlain(item) && typeof item.id === "string");

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "nothing";
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** `["heroes", "kids", "headline"]` → `Hero "kids" › headline`. */
function label(parts: readonly string[]): string {
  const [top = "", ...rest] = parts;
  const head = NAMES[top] ?? top;
  if (rest.length === 0) return head;
  const [first = "", ...tail] = rest;
  const named = top === "settings" ? `${head} ${first}` : `${head} "${first.replace(/^\[|\]$/g, "")}"`;
  return [named, ...tail.map((part) => part.replace(/^\[|\]$/g, ""))].join(" › ");
}

function walk(before: unknown, after: unknown, parts: string[], out: ConfigChange[]): void {
  const path = parts.join(".").replace(/\.\[/g, "[");
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (before === undefined) {
    out.push({ path, kind: "added", after, text: `${label(parts)} added${isPlain(after) ? "" : `: ${show(after)}`}` });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: "removed", before, text: `${label(parts)} removed` });
    return;
  }
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) walk(before[key], after[key], [...parts, key], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && hasIds(before) && hasIds(after) && parts.length === 1) {
    const old = new Map(before.map((item) => [item.id, item]));
    const now = new Map(after.map((item) => [item.id, item]));
    for (const item of after) walk(old.get(item.id), item, [...parts, `[${item.id}]`], out);
    for (const item of before) if (!now.has(item.id)) walk(item, undefined, [...parts, `[${item.id}]`], out);
    const kept = before.map((item) => item.id).filter((id) => now.has(id));
    const order = after.map((item) => item.id).filter((id) => old.has(id));
    if (kept.join("\n") !== order.join("\n")) {
      out.push({ path, kind: "reordered", before: kept, after: order, text: `${label(parts)}s reordered: ${kept.join(", ")} → ${order.join(", ")}` });
    }
    return;
  }
  out.push({ path, kind: "changed", before, after, text: `${label(parts)}: ${show(before)} → ${show(after)}` });
}

/**
 * What changed from one config to another: keys added, removed and changed, list items with an
 * id (segments, rules, experiments) matched by id, and a change of rule order (which changes
 * which rule wins) reported as such.
 * @example
 * diffConfigs(v3, v4).map((change) => change.text)
 * // ['Hero "kids" › headline: "Built for puddles and play" → "Spring is here"', "Hero rules reordered: a, b → b, a"]
 */
export function diffConfigs(before: unknown, after: unknown): ConfigChange[] {
  const out: ConfigChange[] = [];
  if (isPlain(before) && isPlain(after)) walk(before, after, [], out);
  else walk(before, after, ["(root)"], out);
  return out;
}
