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
  /** `name.{}` patterns by `name`: a host matches with its top-level domain taken off. */
  anyTld: Map<string, HostMatch>;
  /** `{}.domain` patterns by `domain`: a host matches with its first label taken off. */
  anySub: Map<string, HostMatch>;
  /** Entries with a path: checked before the plain host, so `google.com/aclk` is an ad click. */
  paths: Pattern[];
  /** Other host patterns with `{}` (`images.{}.ask.com`), without a path. */
  wild: Pattern[];
  /** First labels that say webmail (`mail02.orange.fr`, `webmail.isp.example`): a label starting with one. */
  emailPrefixes: RegExp;
  clickIds: Map<string, "paid" | "social" | "email">;
  clickIdOrder: string[];
}

let tables: Tables | undefined;

/** Which click id decides when a landing URL carries several: an ad's id says most. */
const ORDER = { paid: 0, email: 1, social: 2 } as const;

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

/** Second-level labels under which a country's domains sit (`co.uk`, `com.br`): `{}` covers the pair. */
const SECOND_LEVEL = /^(com|org|net|co|it|edu|ac|or|ne|go|gov)$/;

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
  const placeholders = host.split("{}").length - 1;
  if (path) t.paths.push({ host: hostPattern(host), path, match });
  else if (placeholders === 0) t.exact.set(host, match);
  else if (placeholders === 1 && host.endsWith(".{}")) t.anyTld.set(host.slice(0, -3), match);
  else if (placeholders === 1 && host.startsWith("{}.")) t.anySub.set(host.slice(3), match);
  else t.wild.push({ host: hostPattern(host), path, match });
}

const words = (list: string) => list.split(" ").filter(Boolean);

/** Built on first use, never at module scope: a bundle that never classifies a referrer pays nothing. */
function load(): Tables {
  if (tables) return tables;
  const t: Tables = { exact: new Map(), anyTld: new Map(), anySub: new Map(), paths: [], wild: [], clickIdOrder: [], emailPrefixes: new RegExp(`^(${words(curated.emailPrefixes).join("|")})[a-z0-9-]*\\.`), clickIds: new Map() };
  for (const [params, hosts] of Object.entries(matomo.search as Record<string, string>)) {
    const match: HostMatch = { channel: "search", params: words(params) };
    for (const host of words(hosts)) add(t, host, match);
  }
  for (const host of words(matomo.social)) add(t, host, { channel: "social" });
  // The project's lists come last: where they name the same host, they win.
  for (const channel of ["search", "social", "referral", "email", "paid"] as const) for (const host of words(curated[channel])) add(t, host, { channel });
  for (const channel of ["social", "email", "paid"] as const) for (const name of words(curated.clickIds[channel])) t.clickIds.set(name, channel);
  t.clickIdOrder = [...t.clickIds].sort(([, a], [, b]) => ORDER[a] - ORDER[b]).map(([name]) => name);
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
    const exact = t.exact.get(h) ?? withoutTld(t, h) ?? t.anySub.get(h.slice(h.indexOf(".") + 1));
    if (exact) return exact;
    for (const rule of t.wild) if (rule.host.test(h)) return rule.match;
    if (h === host && h.split(".").length >= 3 && t.emailPrefixes.test(h)) return { channel: "email" };
  }
  return undefined;
}

/** A `name.{}` entry matching `host`: its last label, or its last two for `co.uk`-style pairs, taken off. */
function withoutTld(t: Tables, host: string): HostMatch | undefined {
  const labels = host.split(".");
  if (labels.length < 2 || !/^[a-z]{2,}$/.test(labels.at(-1)!)) return undefined;
  const one = t.anyTld.get(labels.slice(0, -1).join("."));
  if (one || labels.length < 3 || !SECOND_LEVEL.test(labels.at(-2)!)) return one;
  return t.anyTld.get(labels.slice(0, -2).join("."));
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
export function knownClickIds(): readonly string[] {
  return load().clickIdOrder;
}

