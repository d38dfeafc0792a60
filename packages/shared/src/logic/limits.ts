/**
 * Caps that keep a profile bounded. The one definition: `schema/profile.ts` re-exports it, so the
 * logic needs no zod.
 */
export const PROFILE_LIMITS = {
  pastSessions: 20,
  interests: 40,
  orders: 50,
  recent: 30,
  distinctProducts: 50,
  cart: 20,
} as const;

/** Categories kept per recent event (an event may name up to 20). */
export const RECENT_CATEGORIES = 5;
/** Longest time one product view counts as dwell (ten minutes): a tab left open is not reading. */
export const MAX_DWELL_MS = 600_000;
/**
 * Interests the traits carry, strongest first; rules and `{interest}` conditions see these, so a
 * condition's `top` and the site's `topInterests` go no higher.
 */
export const TRAIT_INTERESTS = 10;
/** Deepest breadcrumb position recorded for an interest: 0-based, so `MAX_EVENT_CATEGORIES - 1`. */
export const MAX_CATEGORY_DEPTH = 19;

// The v1 request contract's limits. The zod schemas (`schema/event.ts`) enforce them; the snippet
// trims what it reads from the page to them, so a shop's markup never gets a request refused.
// Plain literals, no zod and no arithmetic: esbuild inlines them into the snippet and drops the
// unused ones even from an unminified bundle.

/** Characters of an event's `url` and `referrer`, and of decide's `url`. */
export const MAX_URL_LENGTH = 2048;
/** Characters of an event's page `title`. */
export const MAX_TITLE_LENGTH = 300;
/** Characters of a search `query`. */
export const MAX_QUERY_LENGTH = 200;
/**
 * A visitor id: 8-64 characters of `A-Z a-z 0-9 _ -` (the snippet makes UUIDs, proxy mode 22-character
 * ids). The worker's schemas and cookies hold ids to it; the snippet ignores a `data-visitor` that fails it.
 */
export const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Characters of a sku, an order id and a coupon code. */
export const MAX_ID_LENGTH = 64;
/** Characters of one category name. */
export const MAX_CATEGORY_LENGTH = 80;
/** Category names one event (or one event's product) carries: a breadcrumb path. */
export const MAX_EVENT_CATEGORIES = 20;
/** Category names one product card carries. */
export const MAX_CARD_CATEGORIES = 10;
/** Skus one order lists. */
export const MAX_ORDER_SKUS = 100;
/** Largest price or order total. */
export const MAX_MONEY = 10_000_000;
/** Events one collect or decide request carries. */
export const MAX_EVENTS_PER_REQUEST = 100;
/** Product cards one decide request carries. */
export const MAX_PRODUCTS_PER_REQUEST = 200;
/** Slot ids one decide request carries. */
export const MAX_SLOTS_PER_REQUEST = 50;
/** A slot id (`data-vt-slot`, a config id): a lowercase slug of 1-63 characters. */
export const SLOT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/**
 * Characters of one event's JSON-LD (`ld`, as JSON): what the snippet sends of a page's
 * `application/ld+json` scripts, pruned to the keys the worker reads. A quarter of the body limit.
 */
export const MAX_LD_CHARS = 16_384;
/** JSON-LD documents (scripts) one event carries. */
export const MAX_LD_DOCS = 10;
/**
 * The JSON-LD keys the worker reads (`logic/ld.ts`), and array indexes. The snippet sends JSON-LD
 * pruned to these (`LD_KEYS.test(key)` is its `JSON.parse` reviver's test), so descriptions,
 * reviews and images never travel.
 */
export const LD_KEYS =
  /^(\d*|@(type|graph|id)|url|name|item(ListElement)?|sku|mpn|gtin\d*|productID|offers|price(Currency|Specification|Type)?|lowPrice|brand|category|hasVariant)$/;
/** Bytes of a public request body (collect, decide): 64 KiB. */
export const MAX_BODY_BYTES = 65_536;
