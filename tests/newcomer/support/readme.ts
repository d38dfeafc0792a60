// The README's code blocks, and what the walk-through test does with each (see readme.test.ts
// for the conventions).

export interface Block {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  text: string;
  /** The nearest `##`/`###` heading above the block. */
  heading: string;
  /** The `<!-- readme-test: … -->` note between the previous block and this one, if any. */
  note?: string;
}

/** Every fenced code block of a Markdown file, in order. */
export function codeBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  let heading = "";
  let note: string | undefined;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const h = /^#{2,3}\s+(.*)/.exec(line);
    if (h) heading = h[1]!.trim();
    const annotation = /<!--\s*readme-test:\s*(.*?)\s*-->/.exec(line);
    if (annotation) note = annotation[1];
    const fence = /^(`{3,})\s*([\w-]*)/.exec(line);
    if (!fence) continue;
    const close = lines.findIndex((l, k) => k > n && l.startsWith(fence[1]!));
    const end = close < 0 ? lines.length : close;
    blocks.push({ line: n + 1, lang: fence[2]!.toLowerCase(), text: lines.slice(n + 1, end).join("\n"), heading, ...(note ? { note } : {}) });
    note = undefined;
    n = end;
  }
  return blocks;
}

export const LOCAL = "127.0.0.1:8787";
const SHELLS = new Set(["sh", "bash", "shell"]);
const JSONS = new Set(["json", "jsonc", "json5"]);

/** A shell block the test runs: it calls curl against the local worker. */
export const runsCurl = (b: Block) => SHELLS.has(b.lang) && /(^|[\s|;&(])curl\s/m.test(b.text) && b.text.includes(LOCAL) && !b.note?.startsWith("skip");
export const isJson = (b: Block) => JSONS.has(b.lang);

/** Setup lines a reader has already run (`npm start` …); the test leaves them out. */
export const SETUP = /^\s*(npm|npx|git|cd)\s/;

/** The curl commands of a shell block, in order, each with the responses its comments document. */
export function curlsOf(text: string): { command: string; documented: string[] }[] {
  const curls: { command: string; documented: string[] }[] = [];
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const comment = /^\s*#\s?(.*)$/.exec(line);
    if (comment) {
      // `# {"accepted":1,…}` under a curl documents its answer; it may run over several lines.
      const first = comment[1]!.trim();
      if ((first.startsWith("{") || first.startsWith("[")) && curls.length) {
        let json = first;
        while (n + 1 < lines.length && /^\s*#\s?/.test(lines[n + 1]!) && !isComplete(json)) json += "\n" + lines[++n]!.replace(/^\s*#\s?/, "");
        curls[curls.length - 1]!.documented.push(json);
      }
      continue;
    }
    if (/(^|[\s|;&(])curl\s/.test(line)) {
      let command = line;
      while (/\\\s*$/.test(lines[n]!) || unbalancedQuote(command)) {
        if (++n >= lines.length) break;
        command += "\n" + lines[n];
      }
      curls.push({ command: command.trim(), documented: [] });
    }
  }
  return curls;
}

function isComplete(json: string): boolean {
  let depth = 0;
  for (const c of json.replace(/"(?:[^"\\]|\\.)*"/g, '""')) depth += c === "{" || c === "[" ? 1 : c === "}" || c === "]" ? -1 : 0;
  return depth === 0;
}

function unbalancedQuote(command: string): boolean {
  return (command.replace(/"(?:[^"\\]|\\.)*"/g, "").match(/'/g)?.length ?? 0) % 2 === 1;
}

/** "PUT /v1/sites/demo/config" for a curl command, for messages. */
export function describeCurl(command: string): string {
  const method = /-X\s+([A-Z]+)/.exec(command)?.[1] ?? (/\s(-d|--data[\w-]*)\s/.test(command) ? "POST" : "GET");
  const path = new RegExp(`${LOCAL.replace(/\./g, "\\.")}(/[^\\s'"]*)`).exec(command)?.[1] ?? "?";
  return `${method} ${path}`;
}

/** "README.md line 228 (```sh, under "API (v1)")" */
export const where = (b: Block) => `README.md line ${b.line} (\`\`\`${b.lang}, under "${b.heading}")`;
