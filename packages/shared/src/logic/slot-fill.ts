import type { SlotVariant } from "../schema/content";
import type { CartLine } from "../schema/profile";
import type { SlotContent } from "../schema/decision";
import { offerWindow } from "./offer";
import { round2 } from "./round";
import { memo } from "./memo";

/** What a slot's offer, cart and proof variants stand on, for one visitor on one page. */
export interface SlotFacts {
  now: number;
  /** The visitor's own cart (their profile's). */
  cart?: readonly CartLine[];
  /** The page's product: orders in the last 24 hours, views in the last hour. */
  proof?: { orders: number; views: number };
  /** False for visitors who get the default content (bots, …): no single-use code is handed to them. */
  personal?: boolean;
}

/** A variant's content as the page gets it, and the pool its single-use code comes from. */
export interface Filled {
  content: Omit<SlotContent, "variant" | "rule" | "reason">;
  pool?: string;
}

/** Names shown in a cart reminder before "and N more". */
const CART_NAMES = 3;

/** Currency formatters by currency code (`memo`): a cart reminder on every page of a visitor with a cart must not build one each time. */
const byCurrency = new Map<string, Intl.NumberFormat>();
/** Amounts already written, by currency and amount: formatting one still costs ~10 µs, and a visitor's cart total repeats on every page. */
const written = new Map<string, string>();

function money(amount: number, currency = "USD"): string {
  return memo(written, `${currency} ${amount}`, () => {
    try {
      return memo(byCurrency, currency, () => new Intl.NumberFormat("en-US", { style: "currency", currency })).format(amount);
    } catch {
      return `${amount.toFixed(2)} ${currency}`;
    }
  }, 512);
}

/** `{items}`, `{count}` and `{total}` of a cart: "Aurora NC 700 and Trail Runner", 2, "$468.00". */
function cartWords(cart: readonly CartLine[]): Record<string, string> {
  const names = cart.map((line) => line.name ?? line.sku);
  const shown = names.slice(0, CART_NAMES);
  const more = names.length - shown.length;
  const items = more > 0 ? `${shown.join(", ")} and ${more} more` : shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown[0]!;
  const count = cart.reduce((n, line) => n + line.qty, 0);
  const total = round2(cart.reduce((sum, line) => sum + line.price * line.qty, 0));
  return { items, count: String(count), total: money(total, cart[0]!.currency) };
}

const fillText = (text: string | undefined, words: Record<string, string>) => text?.replace(/\{(items|count|total)\}/g, (whole, key: string) => words[key] ?? whole);

/**
 * The content `variant` shows for these facts, or null when what it stands on is not true: an
 * offer outside its time window (or with a pool, for a visitor who gets no personal content), a
 * cart reminder for an empty cart, social proof below its minimum. Numbers are the counted ones,
 * never rounded up.
 * @example fillVariant({ text: "{count} bought today", proof: { metric: "orders", min: 3 } }, { now, proof: { orders: 3, views: 9 } })?.content.text // "3 bought today"
 */
export function fillVariant(variant: SlotVariant, facts: SlotFacts): Filled | null {
  const { offer, cart, proof, ...shown } = variant;
  let words: Record<string, string> = {};
  if (cart) {
    if (!facts.cart?.length) return null;
    words = cartWords(facts.cart);
  }
  if (proof) {
    const count = facts.proof?.[proof.metric] ?? 0;
    if (count < proof.min) return null;
    words = { ...words, count: String(count) };
  }
  const content: Filled["content"] = { ...shown };
  if (cart || proof) {
    for (const key of ["alt", "headline", "subhead", "text"] as const) if (content[key] !== undefined) content[key] = fillText(content[key], words);
    if (content.cta) content.cta = { ...content.cta, label: fillText(content.cta.label, words)! };
  }
  if (!offer) return { content };
  const window = offerWindow(offer, facts.now);
  if (!window.open || (offer.pool !== undefined && facts.personal === false)) return null;
  content.offer = { ...(offer.code !== undefined && { code: offer.code }), ...(window.endsAt !== undefined && { endsAt: window.endsAt }) };
  return offer.pool === undefined ? { content } : { content, pool: offer.pool };
}
