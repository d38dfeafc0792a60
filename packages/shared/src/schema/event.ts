import * as z from "./zod";
import {
  MAX_CARD_CATEGORIES,
  MAX_CATEGORY_LENGTH,
  MAX_EVENT_CATEGORIES,
  MAX_EVENTS_PER_REQUEST,
  MAX_ID_LENGTH,
  MAX_LD_CHARS,
  MAX_LD_DOCS,
  MAX_MONEY,
  MAX_ORDER_SKUS,
  MAX_PRODUCTS_PER_REQUEST,
  MAX_QUERY_LENGTH,
  MAX_SLOTS_PER_REQUEST,
  SLOT_ID,
  VISITOR_ID,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
} from "../logic/limits";

/** Site ids: lowercase slug, as used in `data-site` and URLs. */
export const SiteId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "site must be a lowercase slug (a-z, 0-9, -), 1-63 characters"));
/** Visitor ids are random first-party ids made by the snippet. */
export const VisitorId = z.string().check(z.regex(VISITOR_ID, "visitor must be 8-64 characters of A-Z a-z 0-9 _ -"));

const text = (max: number) => z.string().check(z.maxLength(max));
const name = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const money = z.number().check(z.gte(0), z.lte(MAX_MONEY));
const currency = z.string().check(z.regex(/^[A-Z]{3}$/, "currency must be an ISO 4217 code such as USD"));

export const Category = name(MAX_CATEGORY_LENGTH);
export const Sku = name(MAX_ID_LENGTH);

export const EventProduct = z.strict({
  sku: Sku,
  price: money,
  /** The product's name, as a cart reminder shows it. */
  name: z.optional(name(120)),
  /** The product's brand (JSON-LD `brand`), for brand interests. */
  brand: z.optional(name(MAX_CATEGORY_LENGTH)),
  currency: z.optional(currency),
  categories: z.optional(z.array(Category).check(z.maxLength(MAX_EVENT_CATEGORIES))),
});

export const EventOrder = z.strict({
  id: name(MAX_ID_LENGTH),
  total: money,
  currency: z.optional(currency),
  coupon: z.optional(text(MAX_ID_LENGTH)),
  skus: z.optional(z.array(Sku).check(z.maxLength(MAX_ORDER_SKUS))),
});

export const EVENT_TYPES = [
  "page_view",
  "category_view",
  "product_view",
  "search",
  "add_to_cart",
  "checkout",
  "purchase",
  "identify",
  "consent",
] as const;
export const EventType = z.enum(EVENT_TYPES);

const NEEDS = { product: "a product", order: "an order", query: "a query", categories: "at least one category", user: "a user (hashed id)" } as const;

/** Fields each event type cannot do without. */
const REQUIRED: Partial<Record<(typeof EVENT_TYPES)[number], "product" | "order" | "query" | "categories" | "user">> = {
  product_view: "product",
  purchase: "order",
  search: "query",
  category_view: "categories",
  identify: "user",
};

/**
 * A page's JSON-LD documents as the snippet parsed them (one per `application/ld+json` script),
 * pruned to the keys the worker reads (`LD_KEYS`). Only their count and size are checked here:
 * the worker reads them leniently (`withLdFacts`) into the event's product and categories.
 */
export const LdDocs = z.array(z.unknown()).check(
  z.maxLength(MAX_LD_DOCS),
  z.refine((docs) => JSON.stringify(docs).length <= MAX_LD_CHARS, `ld must be at most ${MAX_LD_CHARS} characters of JSON`),
);

/**
 * One clickstream event. `id` is unique per event and makes ingestion idempotent; `ts` is
 * milliseconds since the epoch. Unknown keys are refused, naming the key: the worker serves the
 * snippet, so both always speak the same version of the contract.
 */
export const Event = z
  .strict({
    id: z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,64}$/, "id must be 1-64 characters of A-Z a-z 0-9 _ . : -")),
    type: EventType,
    ts: z.number().check(z.int(), z.gte(0)),
    url: z.optional(text(MAX_URL_LENGTH)),
    referrer: z.optional(text(MAX_URL_LENGTH)),
    title: z.optional(text(MAX_TITLE_LENGTH)),
    categories: z.optional(z.array(Category).check(z.maxLength(MAX_EVENT_CATEGORIES))),
    product: z.optional(EventProduct),
    order: z.optional(EventOrder),
    query: z.optional(text(MAX_QUERY_LENGTH)),
    /** identify: an id the snippet hashed in the browser (never an email). */
    user: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, "user must be a hashed id (8-128 characters of A-Z a-z 0-9 _ -)"))),
    /** consent: the visitor's choice. */
    granted: z.optional(z.boolean()),
    /** page views: the page's JSON-LD, read by the worker into `product` and `categories`. */
    ld: z.optional(LdDocs),
  })
  .check(
    z.superRefine((event, ctx) => {
      const field = REQUIRED[event.type];
      if (field && (event[field] === undefined || (Array.isArray(event[field]) && event[field].length === 0))) {
        ctx.issues.push({
          code: "custom",
          input: event,
          path: [field],
          message: `${event.type} events need ${NEEDS[field]}`,
        });
      }
    }),
  );

/** A product card on the page (a `data-vt-sort` grid child), sent so the worker can order it. */
export const ProductCard = z.strict({
  sku: Sku,
  price: z.optional(money),
  categories: z.optional(z.array(Category).check(z.maxLength(MAX_CARD_CATEGORIES))),
  inStock: z.optional(z.boolean()),
  /** When the product was added to the catalog (ms since epoch), for `new_arrivals`. */
  addedAt: z.optional(z.number().check(z.int(), z.gte(0))),
});

export { MAX_EVENTS_PER_REQUEST, MAX_PRODUCTS_PER_REQUEST, MAX_SLOTS_PER_REQUEST };
/** A slot id as the page names it (`data-vt-slot`). */
export const SlotId = z.string().check(z.regex(SLOT_ID, "slot ids are lowercase slugs (a-z, 0-9, _, -)"));

/** The browser's clock when it sent a batch (ms since the epoch): the worker corrects event times by its skew. */
const SentAt = z.optional(z.number().check(z.int(), z.gte(0)));

/** `POST /v1/collect` body. */
export const CollectRequest = z.strict({
  site: SiteId,
  visitor: VisitorId,
  sentAt: SentAt,
  events: z.array(Event).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_REQUEST)),
});

/** `POST /v1/decide` body: the events are recorded first, then the decision is made. */
export const DecideRequest = z.strict({
  site: SiteId,
  visitor: VisitorId,
  sentAt: SentAt,
  events: z.optional(z.array(Event).check(z.maxLength(MAX_EVENTS_PER_REQUEST))),
  url: z.optional(text(MAX_URL_LENGTH)),
  products: z.optional(z.array(ProductCard).check(z.maxLength(MAX_PRODUCTS_PER_REQUEST))),
  /**
   * The content slots the page carries (`data-vt-slot` ids, and "sort" for a `data-vt-sort`
   * grid): an experiment on a slot counts its exposure at the first decide whose page has it.
   * Absent, the page is taken to carry every slot. Lenient on purpose, so the snippet need not
   * check what a page's markup says: ids that are not slot ids are dropped, and only the first
   * MAX_SLOTS_PER_REQUEST count.
   */
  slots: z.optional(
    z.pipe(
      z.array(z.string().check(z.maxLength(200))).check(z.maxLength(4 * MAX_SLOTS_PER_REQUEST)),
      z.transform((ids) => [...new Set(ids.filter((id) => SLOT_ID.test(id)))].slice(0, MAX_SLOTS_PER_REQUEST)),
    ),
  ),
  /** The page shows the explanation (an explain box, debugging): answer `explain` and coarse `traits`. */
  explain: z.optional(z.boolean()),
});

export type Event = z.infer<typeof Event>;
export type EventType = z.infer<typeof EventType>;
export type EventProduct = z.infer<typeof EventProduct>;
export type EventOrder = z.infer<typeof EventOrder>;
export type ProductCard = z.infer<typeof ProductCard>;
export type CollectRequest = z.infer<typeof CollectRequest>;
export type DecideRequest = z.infer<typeof DecideRequest>;

/** One order as the shop's backend knows it: the trusted record behind the site's statistics. */
export const TrustedOrder = z.strict({
  visitor: VisitorId,
  id: name(MAX_ID_LENGTH),
  total: money,
  currency: z.optional(currency),
  coupon: z.optional(text(MAX_ID_LENGTH)),
  skus: z.optional(z.array(Sku).check(z.maxLength(MAX_ORDER_SKUS))),
  /** When the order was placed (ms since the epoch); now when absent. */
  ts: z.optional(z.number().check(z.int(), z.gte(0))),
});

/** `POST /v1/sites/:site/orders` body (admin token): orders from the shop's backend. */
export const TrustedOrdersRequest = z.strict({
  orders: z.array(TrustedOrder).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_REQUEST)),
});

export type TrustedOrder = z.infer<typeof TrustedOrder>;
export type TrustedOrdersRequest = z.infer<typeof TrustedOrdersRequest>;
