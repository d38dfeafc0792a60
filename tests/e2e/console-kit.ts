import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { expect, inject } from "vitest";
import type { Browser, Page } from "playwright-core";
import demoConfig from "@vitrine/demo-store/config";
import { workerFetch, workerUrl } from "../support/worker-api";

/** Where the console's screenshots for docs/merchants.md go. */
export const DOCS = join(import.meta.dirname, "..", "..", "docs");

const operator = () => ({ authorization: `Bearer ${inject("adminToken")}` });

/** Calls the worker's admin API with the operator token; throws on anything but `ok`. */
export async function adminApi(method: string, path: string, body?: unknown): Promise<any> {
  const res = await workerFetch(path, { method, headers: { ...operator(), ...(body !== undefined && { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The demo site's config as shipped, stored as its current version (whatever earlier tests did). */
export async function resetDemo(): Promise<number> {
  // The demo as the worker was started with it (version 0, the seed: with the proxy-mode origin the
  // other end-to-end tests rely on), not only the shop's config file.
  const seed = await adminApi("GET", "/v1/sites/demo/config/versions/0");
  return (await adminApi("PUT", "/v1/sites/demo/config", seed.config ?? demoConfig)).version;
}

/** A key for the demo site with every scope the console uses. */
export async function consoleKey(name = "Ana"): Promise<string> {
  const made = await adminApi("POST", "/v1/sites/demo/keys", { name, scopes: ["config:read", "config:write", "visitors:read", "visitors:delete", "experiments:read", "keys:manage"] });
  return made.token;
}

/** A page of the console, signed in with `key` (typed into the sign-in form, as a merchant would). */
export async function signIn(browser: Browser, key: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${workerUrl()}/admin`);
  await page.getByLabel("Site key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: /^Editor/ }).waitFor();
  return { page, errors };
}

/**
 * Opens a shop page and returns the decision the worker answered its snippet with (read from
 * the response, so it does not depend on how the snippet reports it). The snippet gives decide
 * 1.5 s before it keeps the default content; on a loaded machine that can lapse, so the page is
 * opened again (its page view was recorded either way, through collect).
 */
export async function visitDecided(page: Page, path: string, tries = 3): Promise<any> {
  for (let attempt = 1; ; attempt++) {
    try {
      const decided = page.waitForResponse((res) => new URL(res.url()).pathname === "/v1/decide" && res.request().method() === "POST", { timeout: 10_000 });
      await page.goto(`${workerUrl()}${path}`);
      return await (await decided).json();
    } catch (error) {
      if (attempt >= tries) throw error;
    }
  }
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/**
 * Runs axe-core on the page and fails on any serious or critical violation, naming each with
 * the elements it found. Evaluated through the DevTools protocol, so the console's CSP stays on.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((violation: any) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation: any) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node: any) => node.target.join(" ")).slice(0, 5).join("; ")}`);
  });
  expect(violations, `axe on ${what}`).toEqual([]);
}

/** The element that has keyboard focus shows an outline (focus is visible). */
export async function expectFocusVisible(page: Page): Promise<void> {
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "no focus";
    const style = getComputedStyle(el);
    return style.outlineStyle === "none" || style.outlineWidth === "0px" ? `no outline on ${el.outerHTML.slice(0, 80)}` : "visible";
  });
  expect(outline).toBe("visible");
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of one colour (a hero image the browser can show). */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
