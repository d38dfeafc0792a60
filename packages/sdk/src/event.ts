import type { EventType, TrackProps, VitrineEvent } from "./types";
import { product, split } from "./ld";

type Body = Omit<VitrineEvent, "id" | "ts">;

/**
 * Turns `track(type, props)` into an event body: the event's own fields pass as given (the worker
 * drops keys it does not know), and the flat shorthands of {@link TrackProps} become `product`,
 * `order` and `categories`. Validation is the worker's: a refused event is isolated and dropped
 * by the queue, so it never holds up the others.
 * @example toEvent("purchase", { orderId: "A-1", total: 349, coupon: "SPRING" })
 */
export const toEvent = (type: EventType, p: TrackProps & Partial<VitrineEvent> = {}): Body => {
  const e: Body = { ...p, type, categories: p.categories || (p.category ? split(p.category) : undefined) };
  if (p.sku) e.product = product(p.sku, p.price, p.currency, e.categories);
  if (p.orderId) e.order = { id: "" + p.orderId, total: +p.total!, currency: p.currency, coupon: p.coupon, skus: p.skus };
  return e;
};
