import { MAX_CATEGORY_LENGTH, MAX_EVENT_CATEGORIES, MAX_ID_LENGTH } from "@vitrine/shared/limits";
import type { EventProduct } from "./types";

/** Category names as the worker accepts them: trimmed, as many and as long as the contract allows. */
export const names = (a: string[]): string[] =>
  a
    .map((s) => ("" + s).trim().slice(0, MAX_CATEGORY_LENGTH))
    .filter(Boolean)
    .slice(0, MAX_EVENT_CATEGORIES);

/** `a > b › c` → `["a", "b", "c"]`. */
export const split = (path: string): string[] => names(path.split(/[>›]/));

/** ISO 4217 codes only: anything else would get the whole request refused. */
export const currency = (c: unknown): string | undefined => (/^[A-Z]{3}$/.test(c as string) ? (c as string) : undefined);

/** A product when `sku` and `price` make one the worker accepts. */
export const product = (sku: unknown, price: unknown, cur?: unknown, categories?: string[]): EventProduct | undefined => {
  const p = +(price as string);
  return sku && p >= 0 ? { sku: ("" + sku).slice(0, MAX_ID_LENGTH), price: p, currency: currency(cur), categories } : undefined;
};
