import type { EventType, TrackProps, VitrineEvent } from "./types";
import { product, split } from "./fields";

type Body = Omit<VitrineEvent, "id" | "ts">;

/**
 * Turns `track(type, props)` into an event body: the flat shorthands of {@link TrackProps} become
 * `product`, `order` and `categories`, and only the fields the contract knows are kept (the
 * worker refuses an event with any other key). Validation is the worker's: a refused event is
 * isolated and dropped by the queue, so it never holds up the others.
 * @example toEvent("purchase", { orderId: "A-1", total: 349, coupon: "SPRING" })
 */
export const toEvent = (type: EventType, p: TrackProps & Partial<VitrineEvent> = {}): Body => {
  const { sku, price, currency, orderId, total, coupon, skus, category, ...e } = p;
  e.type = type;
  e.categories ||= category ? split(category) : undefined;
  if (sku) e.product = product(sku, price, currency, e.categories);
  if (orderId) e.order = { id: "" + orderId, total: +total!, currency, coupon, skus };
  return e as Body;
};
