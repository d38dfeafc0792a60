// Takes the README's pictures of offers, cart reminders and social proof on the demo shop.
// Usage: node scripts/screenshots-offers.mjs
// The shoppers' past (coupon orders, a cart left two hours ago, three orders of one product) is
// sent through the public collect endpoint with real past timestamps, as the snippet would have
// sent it then; the pictures are then taken in Chromium as those shoppers come back.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { DEMO_CONFIG_FILE, startWorker } from "./worker.mjs";

const out = join(import.meta.dirname, "..", "docs");
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const HOUR = 3_600_000;
const hhmm = (ms) => new Date(ms).toISOString().slice(11, 16);

// The demo config as shipped, with the evening offer's window around now (UTC) so the picture
// never depends on the time of day, and without the experiment (which keeps some coupon lovers
// on "no offer").
const demo = JSON.parse(readFileSync(DEMO_CONFIG_FILE, "utf8"));
const now = Date.now();
demo.slots.offer.variants["evening-coupon"].offer = { code: "EVENING20", hours: { from: hhmm(now - HOUR), to: hhmm(now + 2 * HOUR) }, timezone: "UTC" };
demo.experiments = [];

const state = mkdtempSync(join(tmpdir(), "vitrine-shots-"));
const worker = await startWorker({ port: 8794, persistTo: state, seeds: [demo] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

let n = 0;
const id = () => `shot-${Date.now().toString(36)}-${++n}`;
async function collect(visitor, events) {
  const res = await fetch(`${worker.url}/v1/collect`, { method: "POST", headers: { "content-type": "application/json", "user-agent": UA }, body: JSON.stringify({ site: "demo", visitor, events }) });
  if (res.status !== 202) throw new Error(`collect answered ${res.status}: ${await res.text()}`);
}
const ago = (ms) => Date.now() - ms;

/** A browser page for `visitor` (the snippet's id set before the first page). */
async function pageFor(visitor) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: UA });
  await context.addInitScript((v) => localStorage.setItem("vt_id", v), visitor);
  return context.newPage();
}

/** A picture of `selector` with some of the page around it. */
async function shoot(page, selector, file, margin = 24) {
  await page.waitForSelector(`${selector}:not([hidden])`, { timeout: 15_000 });
  const box = await page.locator(selector).boundingBox();
  const top = Math.max(0, box.y - margin - 200);
  await page.screenshot({ path: join(out, file), type: "png", clip: { x: 0, y: top, width: 1280, height: Math.min(800, box.y + box.height + margin - top) } });
}

try {
  // A coupon lover: two earlier orders, both with a coupon.
  const lover = "v_shot_coupon_lover";
  await collect(lover, [
    { id: id(), type: "purchase", ts: ago(5 * 24 * HOUR), order: { id: "SHOT-1", total: 89, coupon: "WELCOME10", skus: ["KT-200"] } },
    { id: id(), type: "purchase", ts: ago(2 * 24 * HOUR), order: { id: "SHOT-2", total: 59, coupon: "WELCOME10", skus: ["KC-100"] } },
  ]);
  let page = await pageFor(lover);
  await page.goto(`${worker.url}/`);
  await page.waitForFunction(() => /\d\d:\d\d:\d\d/.test(document.querySelector("[data-vt-slot=offer] [data-vt-countdown]")?.textContent ?? ""), undefined, { timeout: 15_000 });
  await shoot(page, "[data-vt-slot=offer]", "offer-evening-coupon.png");
  await page.context().close();

  // A cart left two hours ago, by a shopper who now comes back.
  const abandoner = "v_shot_cart_abandoner";
  await collect(abandoner, [
    { id: id(), type: "page_view", ts: ago(2 * HOUR + 60_000), url: "https://shop.example/p/NC-100/" },
    { id: id(), type: "add_to_cart", ts: ago(2 * HOUR), product: { sku: "NC-100", name: "Hush 100 Wireless", price: 349, currency: "USD" } },
    { id: id(), type: "add_to_cart", ts: ago(2 * HOUR - 30_000), product: { sku: "KC-100", name: "Striped Cotton Tee", price: 18, currency: "USD" } },
  ]);
  page = await pageFor(abandoner);
  await page.goto(`${worker.url}/`);
  await shoot(page, "[data-vt-slot=cart-reminder]", "cart-reminder.png");
  await page.context().close();

  // Three orders of one product today, by three shoppers.
  for (let i = 0; i < 3; i++) await collect(`v_shot_buyer_${i}`, [{ id: id(), type: "purchase", ts: ago((i + 1) * HOUR), order: { id: `SHOT-NC-${i}`, total: 349, skus: ["NC-100"] } }]);
  page = await pageFor("v_shot_proof_viewer");
  await page.goto(`${worker.url}/p/NC-100/`);
  await shoot(page, "[data-vt-slot=pdp-proof]", "social-proof-bought-today.png", 220);
  await page.context().close();
  console.log("wrote docs/offer-evening-coupon.png, docs/cart-reminder.png, docs/social-proof-bought-today.png");
} finally {
  await browser.close();
  await worker.stop();
  rmSync(state, { recursive: true, force: true });
}
