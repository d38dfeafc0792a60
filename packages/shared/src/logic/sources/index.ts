/**
 * The referrer lists as data: search engines and social networks from Matomo's maintained list
 * (`matomo.json`, refreshed by `scripts/refresh-sources.mjs`), webmail, ad and other hosts kept by
 * the project (`curated.json`). See README.md beside this file for origin and licence.
 *
 * The worker imports these through `source.ts`; the browser snippet must not (they are kilobytes).
 */
import matomo from "./matomo.json";
import curated from "./curated.json";

/** What a referrer host is known as. `referral` marks hosts under a search engine's domain that are not its search. */
export type HostChannel = "search" | "social" | "email" | "paid" | "referral";

/** A known host: its channel and, for a search engine, the query parameters that carry the search term. */
export interface HostMatch {
  channel: HostChannel;
  params?: readonly string[];
}

/** A host pattern with `{}` placeholders, and an optional path prefix. */
interface Pattern {
  host: RegExp;
  path: string;
  match: HostMatch;
}

interface Tables {
  exact: Map<string, HostMatch>;
  /** Entries with a path: checked before the plain host, so `google.com/aclk` is an ad click. */
  paths: Pattern[];
  /** Host patterns with `{}`, without a path. */
  wild: Pattern[];
  /** First labels that say webmail (`mail02.orange.fr`, `webmail.isp.example`): a label starting with one. */
  emailPrefixes: RegExp;
  clickIds: Map<string, "paid" | "social" | "email">;
}

let tables: Tables | undefined;

/** Which click id decides when a landing URL carries several: an ad's id says most. */
const ORDER = { paid: 0, email: 1, social: 2 } as const;

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

/**
 * `{}` as the list defines it: at the end, a top-level domain (also `co.uk`-style pairs under
 * com, org, net, co, it, edu, ac, or, ne, go, gov); anywhere else, one subdomain label.
 */
function hostPattern(host: string): RegExp {
  const parts = host.split("{}").map(escape);
  let source = "";
  parts.forEach((part, i) => {
    source += part;
    if (i < parts.length - 1) source += i === parts.length - 2 && parts[i + 1] === "" ? "(?:(?:com|org|net|co|it|edu|ac|or|ne|go|gov)\\.)?[a-z]{2,}" : "[a-z0-9-]+";
  });
  return new RegExp(`^${source}$`);
}

function add(t: Tables, entry: string, match: HostMatch): void {
  const slash = entry.indexOf("/");
  const host = (slash < 0 ? entry : entry.slice(0, slash)).replace(/^www\./, "");
  const path = slash < 0 ? "" : entry.slice(slash);
  if (path) t.paths.push({ host: hostPattern(host), path, match });
  else if (host.includes("{}")) t.wild.push({ host: hostPattern(host), path, match });
  else t.exact.set(host, match);
}

const words = (list: string) => list.split(" ").filter(Boolean);

/** Built on first use, never at module scope: a bundle that never classifies a referrer pays nothing. */
function load(): Tables {
  if (tables) return tables;
  const t: Tables = { exact: new Map(), paths: [], wild: [], emailPrefixes: new RegExp(`^(${words(curated.emailPrefixes).join("|")})[a-z0-9-]*\\.`), clickIds: new Map() };
  for (const [params, hosts] of Object.entries(matomo.search as Record<string, string>)) {
    const match: HostMatch = { channel: "search", params: words(params) };
    for (const host of words(hosts)) add(t, host, match);
  }
  for (const host of words(matomo.social)) add(t, host, { channel: "social" });
  // The project's lists come last: where they name the same host, they win.
  for (const channel of ["search", "social", "referral", "email", "paid"] as const) for (const host of words(curated[channel])) add(t, host, { channel });
  for (const channel of ["social", "email", "paid"] as const) for (const name of words(curated.clickIds[channel])) t.clickIds.set(name, channel);
  tables = t;
  return t;
}

/**
 * What the lists know about a referrer host (lowercase, without `www.`) and path. The most
 * specific entry wins: the host itself, then each parent domain in turn (`l.facebook.com` is
 * Facebook, `mail.yahoo.com` is webmail though `yahoo.com` is a search engine). A host of three or
 * more labels whose first label starts with a mail word (`webmail.`, `mail02.`, `lightmailer.`)
 * is webmail when nothing more specific is known about the host itself.
 * @example lookupHost("mail.yahoo.com", "/d/folders/1") // { channel: "email" }
 * @example lookupHost("google.co.uk", "/search") // { channel: "search", params: ["q"] }
 */
export function lookupHost(host: string, path = "/"): HostMatch | undefined {
  const t = load();
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) {
    for (const rule of t.paths) if (path.startsWith(rule.path) && rule.host.test(h)) return rule.match;
    const exact = t.exact.get(h);
    if (exact) return exact;
    for (const rule of t.wild) if (rule.host.test(h)) return rule.match;
    if (h === host && h.split(".").length >= 3 && t.emailPrefixes.test(h)) return { channel: "email" };
  }
  return undefined;
}

/**
 * The channel a click id in a landing URL stands for: ad networks' ids are `paid`, ids social
 * networks add to every outbound link are `social`, mail tools' ids are `email`.
 * @example clickIdChannel("gclid") // "paid"
 */
export function clickIdChannel(name: string): "paid" | "social" | "email" | undefined {
  return load().clickIds.get(name);
}

/**
 * Every click id the lists know, in the order they are looked for: paid first.
 * @example knownClickIds().includes("msclkid") // true
 */
export function knownClickIds(): string[] {
  return [...load().clickIds].sort(([, a], [, b]) => ORDER[a] - ORDER[b]).map(([name]) => name);
}

