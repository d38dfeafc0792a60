import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Debian's Chromium, headless, with nothing that reaches outside this machine. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A desktop Chrome user agent: headless Chromium's own says "HeadlessChrome", which is a bot. */
export const SHOPPER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
      // A context's userAgent does not reach requests sent while its page unloads (the pagehide
      // beacon): those carry the browser's own, which the worker would take for a bot.
      `--user-agent=${SHOPPER_UA}`,
    ],
  });
}

/** A fresh visitor: a new context has its own localStorage and IndexedDB. */
export function newShopper(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 } });
}
