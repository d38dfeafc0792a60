// Documented JSON, as the README writes it, against real answers: `…` (or `...`) stands for
// anything, comments are allowed, and only the shape counts — every documented key must exist
// with the same JSON type; an array is compared by its first element.

/** A documented value of "anything": a bare `…` where a value goes. */
export const ANY: unique symbol = Symbol("anything");

/** Parses JSON with `//` and `/* *\/` comments, trailing commas and `…` for elided parts. */
export function parseDocumented(src: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    const before = src.slice(0, i);
    const line = before.split("\n").length;
    throw new Error(`${what} at line ${line}, column ${i - before.lastIndexOf("\n")}: ${JSON.stringify(src.slice(i, i + 30))}`);
  };
  const space = () => {
    for (;;) {
      if (/\s/.test(src[i] ?? "")) i++;
      else if (src.startsWith("//", i)) i = src.indexOf("\n", i) < 0 ? src.length : src.indexOf("\n", i);
      else if (src.startsWith("/*", i)) i = src.indexOf("*/", i) < 0 ? fail("unclosed comment") : src.indexOf("*/", i) + 2;
      else return;
    }
  };
  const ellipsis = () => {
    if (src.startsWith("…", i)) return (i += 1), true;
    if (src.startsWith("...", i)) return (i += 3), true;
    return false;
  };
  const string = (): string => {
    const end = /"(?:[^"\\]|\\.)*"/y;
    end.lastIndex = i;
    const m = end.exec(src) ?? fail("expected a string");
    i = end.lastIndex;
    return JSON.parse(m[0]);
  };
  const value = (): unknown => {
    space();
    if (ellipsis()) return ANY;
    const c = src[i];
    if (c === "{") {
      i++;
      const out: Record<string, unknown> = {};
      for (;;) {
        space();
        if (src[i] === "}") return i++, out;
        if (!ellipsis()) {
          const key = string();
          space();
          if (src[i] !== ":") fail("expected ':'");
          i++;
          out[key] = value();
        }
        space();
        if (src[i] === ",") i++;
        else if (src[i] !== "}") fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const out: unknown[] = [];
      for (;;) {
        space();
        if (src[i] === "]") return i++, out;
        if (!ellipsis()) out.push(value());
        space();
        if (src[i] === ",") i++;
        else if (src[i] !== "]") fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    const literal = /(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;
    literal.lastIndex = i;
    const m = literal.exec(src) ?? fail("expected a value");
    i = literal.lastIndex;
    return JSON.parse(m[0]);
  };
  const result = value();
  space();
  if (i < src.length) fail("unexpected text after the value");
  return result;
}

const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/**
 * Where `actual` differs in shape from `documented`, one line per difference, e.g.
 * `hero.cta: documented object, got undefined (missing)`. Empty when it matches.
 */
export function shapeDiff(documented: unknown, actual: unknown, path = "(root)"): string[] {
  const want = documented === ANY ? "a value (…)" : kind(documented);
  if (actual === undefined) return [`${path}: documented ${want}, missing in the answer`];
  if (documented === ANY) return [];
  const got = kind(actual);
  if (want !== got) return [`${path}: documented ${want}, got ${got} ${JSON.stringify(actual)?.slice(0, 80)}`];
  if (want === "array") {
    const docs = documented as unknown[];
    const items = actual as unknown[];
    if (docs.length === 0) return [];
    if (items.length === 0) return [`${path}: documented items like ${JSON.stringify(docs[0])?.slice(0, 60)}, got an empty array`];
    return shapeDiff(docs[0], items[0], `${path}[0]`);
  }
  if (want === "object") {
    const doc = documented as Record<string, unknown>;
    const obj = actual as Record<string, unknown>;
    return Object.keys(doc).flatMap((key) => shapeDiff(doc[key], obj[key], path === "(root)" ? key : `${path}.${key}`));
  }
  return [];
}
