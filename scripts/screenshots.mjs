// Takes the README's pictures of the demo shop: the home page for a new visitor, and again
// after browsing noise-canceling headphones. Usage: node scripts/screenshots.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startWorker } from "./worker.mjs";

const out = join(import.meta.dirname, "..", "docs");
const state = mkdtempSync(join(tmpdir(), "vitrine-shots-"));
const worker = await startWorker({ port: 8793, persistTo: state });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
  });
  const page = await context.newPage();
  const settle = () => page.waitForFunction(() => document.querySelector("[data-vt-slot=hero]")?.hasAttribute("data-vt-variant"), undefined, { timeout: 15_000 });
  await page.goto(`${worker.url}/`);
  await settle();
  await page.screenshot({ path: join(out, "home-new-visitor.jpg"), type: "jpeg", quality: 70 });
  for (const path of ["/c/headphones/noise-canceling/", "/p/NC-100/", "/p/NC-200/"]) {
    await page.goto(`${worker.url}${path}`);
    await page.waitForTimeout(500);
  }
  await page.goto(`${worker.url}/`);
  await page.waitForFunction(() => document.querySelector("[data-vt-slot=hero]")?.getAttribute("data-vt-variant") === "noise-canceling", undefined, { timeout: 15_000 });
  await page.screenshot({ path: join(out, "home-noise-canceling.jpg"), type: "jpeg", quality: 70 });
  const explain = page.locator(".explain");
  await explain.scrollIntoViewIfNeeded();
  await explain.screenshot({ path: join(out, "why-am-i-seeing-this.jpg"), type: "jpeg", quality: 80 });
  console.log(`wrote docs/home-new-visitor.jpg, docs/home-noise-canceling.jpg, docs/why-am-i-seeing-this.jpg`);
} finally {
  await browser.close();
  await worker.stop();
  rmSync(state, { recursive: true, force: true });
}
