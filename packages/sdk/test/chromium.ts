import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";

/**
 * Debian's Chromium, headless, reaching nothing outside this machine (the flags of
 * `tests/support/browser.ts`).
 */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/**
 * A blank page whose body is `html`, with the exports of the snippet's `modules` (names under
 * `src/`) bundled in as `window.vt`: the snippet's code, run by a real DOM.
 * @example const page = await pageWith(browser, "<section data-vt-slot=hero>…</section>", ["apply"]);
 */
export async function pageWith(browser: Browser, html: string, modules: string[]): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html><head></head><body>${html}</body></html>`);
  await page.addScriptTag({ content: await bundled(modules.join()) });
  return page;
}

const bundles = new Map<string, Promise<string>>();

/** The snippet's modules (comma-separated names) as one script exposing `window.vt`; built once per run. */
function bundled(modules: string): Promise<string> {
  if (!bundles.has(modules)) bundles.set(modules, bundle(modules.split(",")));
  return bundles.get(modules)!;
}

async function bundle(modules: string[]): Promise<string> {
  const out = await build({
    stdin: { contents: modules.map((name) => `export * from "./src/${name}";`).join("\n"), resolveDir: new URL("..", import.meta.url).pathname, loader: "ts" },
    bundle: true,
    format: "iife",
    globalName: "vt",
    target: "es2021",
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0]!.text;
}
