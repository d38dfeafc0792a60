/**
 * The README's walk-through, run as written: every request and response shape it shows is
 * checked against the real worker, so the docs cannot drift from it.
 *
 * Conventions (README.md):
 * - A ```sh block that runs `curl` against 127.0.0.1:8787 is run. All such blocks run in file
 *   order in one bash session (variables carry over), in a scratch directory, with the test
 *   worker's URL in place of http://127.0.0.1:8787 and its admin token in place of
 *   `local-admin-token` (also exported as ADMIN_TOKEN). Lines starting with npm, npx, git or
 *   cd are setup the reader has done, and are left out.
 * - Every curl must answer 1xx–3xx, unless its documented answer is an error (`{"error": …}`),
 *   which must then be a 4xx.
 * - A comment right under a curl whose text starts with `{` or `[` documents that curl's answer:
 *   `# {"accepted":1,"duplicates":0}`.
 * - A ```json / ```jsonc block that comes right after such a sh block documents the answer of that
 *   block's last curl. To say anything else, put `<!-- readme-test: … -->` between the previous
 *   block and the json block:
 *     response                 the previous sh block's last answer (the default, made explicit)
 *     response of GET /v1/…    the answer to that GET, sent with the admin token
 *     config                   a whole site config: it must pass the worker's validation
 *     skip <why>               not checked (also works on a sh block)
 *   A json block that is none of these fails the test, so no example goes unchecked.
 * - Shapes, not values: every documented key must exist with the same JSON type; `…` (or `...`)
 *   stands for anything — a value, more members of an object, more items of an array — and an
 *   array is compared by its first element.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatIssues, SiteConfig } from "@vitrine/shared/schema";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT } from "./support/cli";
import { codeBlocks, curlsOf, describeCurl, isJson, LOCAL, runsCurl, SETUP, where, type Block } from "./support/readme";
import { ANY, parseDocumented, shapeDiff } from "./support/shape";

const blocks = codeBlocks(readFileSync(join(ROOT, "README.md"), "utf8"));
const shellBlocks = blocks.filter(runsCurl);
const jsonBlocks = blocks.filter(isJson);

interface Call {
  what: string;
  status: number;
  body: string;
  exit: number;
}
/** What each run sh block's curls answered, in order, by block. */
const answers = new Map<Block, Call[]>();
let transcript = "";
const scratch = mkdtempSync(join(tmpdir(), "vitrine-readme-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The script bash runs: every curl goes through a function that keeps its status and body. */
function script(url: string, token: string): string {
  const out = join(scratch, "calls");
  const lines = [
    `mkdir -p '${out}'; cd '${scratch}'`,
    `export ADMIN_TOKEN='${token}'`,
    `echo 0 > '${out}/count'`,
    "curl() {",
    "  # A counter in a file, not a variable: a curl at the end of a pipeline runs in a subshell.",
    `  local n=$(( $(cat '${out}/count') + 1 )); echo "$n" > '${out}/count'; local f="${out}/$(printf %03d "$n")"`,
    '  echo "$__block" > "$f.block"',
    '  command curl --max-time 20 -D "$f.head" "$@" | tee "$f.body"',
    '  local code=${PIPESTATUS[0]}; echo "$code" > "$f.exit"; return "$code"',
    "}",
  ];
  for (const block of shellBlocks) {
    lines.push(`__block=${block.line}`, `echo "::: README line ${block.line}"`);
    const text = block.text.replaceAll(`http://${LOCAL}`, url).replaceAll(LOCAL, new URL(url).host).replaceAll("local-admin-token", token);
    lines.push(...text.split("\n").map((line) => (SETUP.test(line) ? `# (setup, not run) ${line}` : line)));
  }
  return lines.join("\n") + "\n";
}

beforeAll(async () => {
  if (!shellBlocks.length) return;
  writeFileSync(join(scratch, "readme.sh"), script(inject("workerUrl"), inject("adminToken")));
  transcript = await new Promise<string>((resolve) =>
    execFile("bash", [join(scratch, "readme.sh")], { cwd: scratch, timeout: 120_000, maxBuffer: 8 << 20 }, (error, stdout, stderr) =>
      resolve(`${stdout}\n${stderr}${error ? `\n(bash: ${error.message})` : ""}`),
    ),
  );
  const dir = join(scratch, "calls");
  const files = readdirSync(dir).filter((f) => f.endsWith(".block")).sort();
  for (const file of files) {
    const base = join(dir, file.replace(/\.block$/, ""));
    const line = Number(readFileSync(`${base}.block`, "utf8"));
    const block = shellBlocks.find((b) => b.line === line)!;
    const calls = answers.get(block) ?? [];
    const head = readOr(`${base}.head`);
    const status = Number([...head.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].at(-1)?.[1] ?? 0);
    calls.push({ what: describeCurl(curlsOf(block.text)[calls.length]?.command ?? ""), status, body: readOr(`${base}.body`), exit: Number(readOr(`${base}.exit`) || -1) });
    answers.set(block, calls);
  }
}, 150_000);

function readOr(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** Differences between a documented answer and a real one, as lines for the failure message. */
function check(documented: unknown, call: Call): string[] {
  const wantsError = typeof documented === "object" && documented !== null && "error" in documented;
  const problems: string[] = [];
  if (call.exit !== 0) problems.push(`curl exited with ${call.exit} (status ${call.status})`);
  if (wantsError ? call.status < 400 || call.status >= 500 : call.status >= 400 || call.status === 0) {
    problems.push(`${call.what} answered ${call.status}, documented ${wantsError ? "an error (4xx)" : "a success"}: ${call.body.slice(0, 400)}`);
    return problems;
  }
  let actual: unknown;
  try {
    actual = JSON.parse(call.body);
  } catch {
    return [...problems, `${call.what}: the answer is not JSON: ${call.body.slice(0, 200)}`];
  }
  return [...problems, ...shapeDiff(documented, actual).map((d) => `${call.what}: ${d}`)];
}

function parsed(text: string, block: Block): unknown {
  try {
    return parseDocumented(text);
  } catch (error) {
    throw new Error(`${where(block)}: the documented JSON does not parse: ${(error as Error).message}`);
  }
}

describe("README walk-through", () => {
  it("finds examples to run and answers to check", () => {
    expect(shellBlocks.length).toBeGreaterThan(0);
    expect(jsonBlocks.length).toBeGreaterThan(0);
  });

  describe.each(shellBlocks.map((b) => [where(b), b] as const))("%s", (_, block) => {
    it("runs every curl, and each answers as documented", () => {
      const curls = curlsOf(block.text);
      const calls = answers.get(block) ?? [];
      expect(calls.length, `${where(block)} has ${curls.length} curl commands but ${calls.length} ran; bash said:\n${transcript.slice(-2_000)}`).toBe(curls.length);
      const problems: string[] = [];
      curls.forEach((curl, k) => {
        const call = calls[k]!;
        const documented = curl.documented.map((text) => parsed(text, block));
        if (!documented.length) {
          // Nothing documented under it: it must still succeed, unless a json block documents it.
          const last = k === curls.length - 1;
          const next = blocks[blocks.indexOf(block) + 1];
          const followedByDoc = last && next && isJson(next) && (!next.note || next.note === "response");
          const documentsError = followedByDoc && (() => { const d = parsed(next.text, next); return typeof d === "object" && d !== null && "error" in d; })();
          if (!documentsError && (call.status >= 400 || call.status === 0 || call.exit !== 0)) problems.push(`curl #${k + 1} ${call.what} answered ${call.status} (curl exit ${call.exit}): ${call.body.slice(0, 400)}`);
        }
        for (const doc of documented) problems.push(...check(doc, call).map((p) => `curl #${k + 1} ${p}`));
      });
      expect(problems, `${where(block)}:\n  ${problems.join("\n  ")}`).toEqual([]);
    });
  });

  describe.each(jsonBlocks.map((b) => [where(b), b] as const))("%s", (_, block) => {
    const previous = blocks[blocks.indexOf(block) - 1];
    const note = block.note ?? (previous && runsCurl(previous) ? "response" : "");

    if (note.startsWith("skip")) {
      it.skip(`not checked: ${note}`, () => {});
      return;
    }

    if (note === "response") {
      it(`documents the answer of the curl above it`, () => {
        expect(previous && runsCurl(previous), `${where(block)}: "response" needs a sh block with curl right before it`).toBe(true);
        const calls = answers.get(previous!) ?? [];
        const last = calls.at(-1);
        expect(last, `${where(previous!)} ran no curl; bash said:\n${transcript.slice(-2_000)}`).toBeDefined();
        const documented = parsed(block.text, block);
        const problems = check(documented, last!);
        const missing = problems.filter((p) => /^[^:]+: \w+: documented .*missing in the answer$/.test(p)).length;
        const hint = missing > 1 && missing >= Object.keys(documented ?? {}).length / 2 ? `\n(if this block is not that answer, say what it is: <!-- readme-test: config | response of GET /v1/… | skip <why> -->)` : "";
        expect(problems, `${where(block)} documents the answer of ${last!.what} (README line ${previous!.line}):\n  ${problems.join("\n  ")}${hint}`).toEqual([]);
      });
      return;
    }

    const get = /^response of GET (\/\S+)$/.exec(note);
    if (get) {
      it(`documents the answer of GET ${get[1]}`, async () => {
        const res = await fetch(inject("workerUrl") + get[1], { headers: { authorization: `Bearer ${inject("adminToken")}` } });
        const call = { what: `GET ${get[1]}`, status: res.status, body: await res.text(), exit: 0 };
        const problems = check(parsed(block.text, block), call);
        expect(problems, `${where(block)}:\n  ${problems.join("\n  ")}`).toEqual([]);
      });
      return;
    }

    if (note === "config") {
      it("is a site config the worker accepts", () => {
        const doc = parsed(block.text, block);
        expect(JSON.stringify(doc, (_, v) => (v === ANY ? "__ELIDED__" : v)), `${where(block)}: a config example must be complete (no bare …) to be validated`).not.toContain("__ELIDED__");
        const result = SiteConfig.safeParse(doc);
        const issues = result.success ? [] : formatIssues(result.error).map((i) => `${i.path}: ${i.message}`);
        expect(issues, `${where(block)} is not a valid site config:\n  ${issues.join("\n  ")}`).toEqual([]);
      });
      return;
    }

    it("says what it documents", () => {
      expect.fail(`${where(block)}: a json block that follows no curl example needs <!-- readme-test: response of GET /v1/… | config | skip <why> --> above it (see tests/newcomer/readme.test.ts)`);
    });
  });
});
