import { LD_KEYS, MAX_LD_CHARS, MAX_LD_DOCS } from "@vitrine/shared/limits";
import { all } from "./apply";

/**
 * The page's JSON-LD documents for the worker to read (`withLdFacts` in @vitrine/shared): each
 * `application/ld+json` script parsed and pruned to the keys the worker reads (`LD_KEYS`, shared
 * with its reader: no descriptions, reviews or images), in page order, those that fit in three
 * quarters of `MAX_LD_CHARS` together (the rest is room for the worker's own bound). Invalid JSON
 * is skipped. Undefined when there is none.
 * @example readLd() // [{ "@type": "Product", sku: "NC-100", offers: { price: "349.00" } }]
 */
export const readLd = (): unknown[] | undefined => {
  let chars = 0;
  const docs = [...all('script[type="application/ld+json"]')].slice(0, MAX_LD_DOCS).flatMap((s) => {
    try {
      // The reviver drops what LD_KEYS does not name, bottom up (the root's key is "").
      const doc = JSON.parse(s.textContent!, (k, v) => (LD_KEYS.test(k) ? v : undefined)),
        size = JSON.stringify(doc).length;
      return chars + size < (MAX_LD_CHARS * 3) / 4 ? ((chars += size + 1), [doc]) : [];
    } catch {
      return [];
    }
  });
  return docs[0] ? docs : undefined;
};
