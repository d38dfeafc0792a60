// The calibration set (../shared/data/online-shoppers-calibration.csv): one row per real shop
// session. Reads it, and maps each row to what Vitrine's session fold records, two ways: the
// fitted model's inputs, and a stream of events the real fold and classifier can replay.
import { readFileSync, existsSync } from "node:fs";

/** Columns the calibration uses; the others (GA aggregates, calendar, coded categories) are left out. */
const NEEDED = ["Administrative", "Informational", "ProductRelated", "ProductRelated_Duration", "VisitorType", "Revenue"];

/**
 * The sessions of the calibration CSV. Throws an Error naming the path when it is missing or
 * lacks a column.
 * @example readShopperSessions("../shared/data/online-shoppers-calibration.csv")[0]
 * // { accountPages: 0, infoPages: 0, catalogPages: 1, catalogSeconds: 0, returning: true, bought: false }
 */
export function readShopperSessions(path) {
  if (!existsSync(path)) throw new Error(`calibrate: no calibration data at ${path} (pass --data <csv>)`);
  const [head, ...lines] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const columns = head.split(",");
  for (const name of NEEDED) if (!columns.includes(name)) throw new Error(`calibrate: ${path} has no column "${name}"`);
  const at = Object.fromEntries(columns.map((name, i) => [name, i]));
  return lines.map((line, n) => {
    const cells = line.split(",");
    const number = (name) => {
      const value = Number(cells[at[name]]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`calibrate: ${path} line ${n + 2}: ${name} is "${cells[at[name]]}"`);
      return value;
    };
    return {
      accountPages: number("Administrative"),
      infoPages: number("Informational"),
      catalogPages: number("ProductRelated"),
      catalogSeconds: number("ProductRelated_Duration"),
      // "Other" (43 sessions) is neither; the snippet would call a visitor without a past session new.
      returning: cells[at.VisitorType] === "Returning_Visitor",
      bought: cells[at.Revenue] === "TRUE",
    };
  });
}

/**
 * The fitted model's view of one session (`SessionActivity` in packages/shared/src/logic/intent.ts).
 * The dataset's product-related pages are product and category pages alike, which is why both
 * count; administrative pages are account pages; informational ones are pages about the shop.
 * @example activityOf({ accountPages: 1, infoPages: 0, catalogPages: 4, catalogSeconds: 90, returning: false })
 */
export function activityOf(session) {
  return {
    catalogPages: session.catalogPages,
    catalogDwellMs: session.catalogSeconds * 1000,
    accountPages: session.accountPages,
    infoPages: session.infoPages,
    returning: session.returning,
  };
}

const ORIGIN = "https://shop.example";
const MIN = 60_000;

/**
 * One session as the snippet would send it: account pages, then pages about the shop, then the
 * product pages, each product page followed by the next so that the time between them adds up
 * to the session's product time (Google Analytics, like Vitrine, gives the last page of a
 * session no time: a closing home-page view ends the last product page). A returning visitor
 * gets one earlier visit two days before, without a cart.
 * @example replayEvents({ accountPages: 0, infoPages: 1, catalogPages: 2, catalogSeconds: 60, returning: true }, 7, Date.UTC(2026, 0, 1))
 */
export function replayEvents(session, index, now) {
  const events = [];
  let ts = now - 3 * 60 * MIN;
  let n = 0;
  const push = (event) => events.push({ id: `s${index}-${n++}`, ts: Math.round(ts), ...event });
  if (session.returning) {
    ts -= 2 * 24 * 60 * MIN;
    push({ type: "page_view", url: `${ORIGIN}/`, referrer: "" });
    ts += 2 * 24 * 60 * MIN;
  }
  push({ type: "page_view", url: `${ORIGIN}/`, referrer: "" });
  for (let i = 0; i < session.accountPages; i++) (ts += 20_000), push({ type: "page_view", url: `${ORIGIN}/account/orders` });
  for (let i = 0; i < session.infoPages; i++) (ts += 20_000), push({ type: "page_view", url: `${ORIGIN}/pages/shipping` });
  // Within one session: a page left open for more than 30 minutes would start a new one.
  const perPage = session.catalogPages > 0 ? Math.min((session.catalogSeconds * 1000) / session.catalogPages, 29 * MIN) : 0;
  for (let i = 0; i < session.catalogPages; i++) {
    ts += 1_000;
    push({ type: "product_view", url: `${ORIGIN}/p/${i}`, product: { sku: `P${i}`, price: 50 } });
    ts += perPage;
  }
  push({ type: "page_view", url: `${ORIGIN}/` });
  return events;
}
