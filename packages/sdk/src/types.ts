/**
 * The v1 contract as the browser sees it. Written out by hand so the published types stand
 * alone; `contract.test.ts` checks they equal the worker's zod-inferred types.
 */

export type EventType =
  | "page_view"
  | "category_view"
  | "product_view"
  | "search"
  | "add_to_cart"
  | "checkout"
  | "purchase"
  | "identify"
  | "consent";

export interface EventProduct {
  sku: string;
  price: number;
  /** The product's name, as a cart reminder shows it. */
  name?: string;
  /** The product's brand (JSON-LD `brand`). */
  brand?: string;
  currency?: string;
  categories?: string[];
}

export interface EventOrder {
  id: string;
  total: number;
  currency?: string;
  coupon?: string;
  skus?: string[];
}

/** One clickstream event; `id` is the idempotency key, `ts` milliseconds since the epoch. */
export interface VitrineEvent {
  id: string;
  type: EventType;
  ts: number;
  url?: string;
  referrer?: string;
  /** @deprecated Not sent any more: the worker accepts it from older snippets and drops it unread. */
  title?: string;
  categories?: string[];
  product?: EventProduct;
  order?: EventOrder;
  query?: string;
  /** identify: the SHA-256 of the customer id, base64url. */
  user?: string;
  /** consent: the visitor's choice. */
  granted?: boolean;
  /** page views: the page's JSON-LD documents, pruned; the worker reads them into `product` and `categories`. */
  ld?: unknown[];
}

/** A `data-vt-sort` grid child, sent with decide so the worker can order it. */
export interface ProductCard {
  sku: string;
  price?: number;
  categories?: string[];
  inStock?: boolean;
  addedAt?: number;
}

export type SortStrategy = "default" | "price_desc" | "interest" | "new_arrivals";
export type Channel = "search" | "social" | "email" | "paid" | "referral" | "direct";

export interface Source {
  channel: Channel;
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
  clickId?: string;
  referrerHost?: string;
}

/** What the worker concluded about the visitor (see the worker's README for each trait). */
export interface Traits {
  lifecycle: {
    visit: "new" | "returning";
    sessions: number;
    firstSeen: number;
    lastSeen: number;
    stage: "visitor" | "lead" | "subscriber" | "first_order" | "repeat" | "casual" | "top_customer" | "at_risk" | "lost";
    identified: boolean;
    subscribed?: boolean;
    daysSinceOrder?: number;
    thresholds?: { atRiskDays: number; lostDays: number; basis: "site" | "fallback" };
  };
  intent: { kind: "researcher" | "buyer" | "browser"; buyer: number; researcher: number; reasons: string[] };
  interests: { category: string; score: number; price?: number }[];
  product?: { brand?: string; brands: { brand: string; score: number }[]; price?: number; priceBand?: string };
  value: {
    orders: number;
    aov: number;
    totalSpend: number;
    trustedSpend: number;
    bigSpender: boolean;
    vip: boolean;
    active: boolean;
    couponLover: boolean;
    cartAbandoner: boolean;
    thresholds: { aovP90: number; spendP90: number; basis: "site" | "fallback"; spendBasis?: "site" | "fallback" };
  };
  source: Source;
  firstSource: Source;
  geo: { country?: string; timezone?: string; localHour: number };
}

/**
 * The traits a page may see about its own visitor: never spend, order counts, thresholds, location
 * or campaign terms (those stay behind the site's admin key).
 */
export interface PublicTraits {
  lifecycle: Pick<Traits["lifecycle"], "visit" | "sessions" | "stage" | "identified">;
  intent: Traits["intent"];
  interests: Traits["interests"];
  value: Pick<Traits["value"], "bigSpender" | "vip" | "active" | "couponLover" | "cartAbandoner">;
  source: { channel: Channel };
  firstSource: { channel: Channel };
}

/** What chose a part of the decision, as data (`explain` says it in words). */
export type Basis = "segment" | "interest" | "default" | "experiment" | "holdout" | "bot" | "gpc" | "consent" | "preview" | "fallback";

export interface Reason {
  /** The rule that chose it. */
  rule: string;
  basis: Basis;
  segment?: string;
  interest?: string;
  experiment?: string;
  arm?: string;
}

/**
 * One variant of a content slot (`data-vt-slot`): what fills its `data-vt-image`,
 * `data-vt-headline`, `data-vt-subhead`, `data-vt-text` and `data-vt-cta`.
 */
export interface SlotContent {
  /** The variant id, written to the slot as `data-vt-variant`. */
  variant: string;
  /** The rule that chose it. */
  rule: string;
  reason: Reason;
  image?: string;
  alt?: string;
  headline?: string;
  subhead?: string;
  text?: string;
  cta?: { label: string; href: string };
  /** A time-limited offer: its coupon code and when it ends (ms since the epoch, on this page's clock). */
  offer?: { code?: string; endsAt?: number };
}

/** The hero slot: always an image and a headline (and no body text or offer). */
export interface Hero extends Omit<SlotContent, "text" | "offer"> {
  image: string;
  alt: string;
  headline: string;
}

/** The answer of `POST /v1/decide`. */
export interface Decision {
  visitor: string;
  /** Coarse traits, when the request asked for them (`explain: true`). */
  traits?: PublicTraits;
  segments: string[];
  /** The hero slot (v1), the same as `slots.hero`. */
  hero: Hero;
  /** Every slot the site declares, by id; null: show nothing. Older workers send none. */
  slots: Record<string, SlotContent | null>;
  sort: { strategy: SortStrategy; rule: string; reason: Reason; skus?: string[] };
  /** The experiments this visitor is enrolled in. */
  experiments: { id: string; arm: string }[];
  /** In words: which traits, segment and rule chose each part; when the request asked (`explain: true`). */
  explain?: string[];
  /** Seconds the browser may reuse this decision. */
  ttl: number;
  bot?: boolean;
}

/**
 * What `track` accepts besides the event's own fields: flat shorthands for the common cases.
 * `{sku, price, currency?}` becomes `product`; `{orderId, total, coupon?, currency?, skus?}`
 * becomes `order`; `category: "A > B"` becomes `categories`.
 */
export interface TrackProps {
  sku?: string;
  price?: number | string;
  currency?: string;
  orderId?: string;
  total?: number | string;
  coupon?: string;
  skus?: string[];
  category?: string;
  categories?: string[];
  query?: string;
  product?: EventProduct;
  order?: EventOrder;
}

export interface Options {
  /** The site id (`data-site`). */
  site: string;
  /** The worker's origin, e.g. `https://edge.example.com`. */
  endpoint: string;
  /** Wait for `consent(true)` before storing or sending anything (`data-consent="required"`). */
  consent?: boolean;
  /** Log to the console (`data-debug`). */
  debug?: boolean;
  /** Give up on decide after this many ms (default 1500); the page keeps its default content. */
  timeout?: number;
  /**
   * Proxy mode's handoff (`data-visitor`): the visitor id the worker set as the first-party
   * cookie. Used instead of (and stored as) the id in `localStorage` when it is a visitor id
   * (`VISITOR_ID`: 8-64 characters of `A-Z a-z 0-9 _ -`), else ignored; forgotten on a withdrawal,
   * so a later `consent(true)` starts a new id.
   */
  visitor?: string;
  /**
   * Proxy mode's handoff (`data-decision`): the decision the worker already applied to the HTML.
   * The first page view keeps it instead of asking decide (and instead of the cached decision), and
   * records the page view through collect; later page views (SPA navigations) ask as usual.
   */
  decision?: Decision;
}

/** The object behind `window.vitrine`. No method throws; failures arrive as `vitrine:error`. */
export interface Vitrine {
  /** Records an event, e.g. `track("add_to_cart", {sku: "NC-100", price: 349})`. */
  track(type: EventType, props?: TrackProps): void;
  /** Hashes the id in the browser (SHA-256, base64url) and records an identify event. */
  identify(id: string): void;
  /** Grants (stores and sends from now on) or withdraws consent (clears stored data). */
  consent(granted: boolean): void;
  /** Records a page view and asks for a fresh decision; for SPAs that render after navigating. */
  page(): void;
  /** The last decision applied (a cached one until the worker answers). */
  decision?: Decision;
}

/** `window.vitrine`: the object API, also callable as `vitrine("track", …)` like the inline stub. */
export interface VitrineGlobal extends Vitrine {
  <K extends "track" | "identify" | "consent" | "page">(command: K, ...args: Parameters<Vitrine[K]>): void;
}
