/**
 * The one spelling of a category name used for interests, rules and segments: trimmed,
 * lowercase, inner whitespace collapsed, typographic apostrophes made plain (JSON-LD often
 * carries `Men’s`).
 * @example normalizeCategory("  Men’s  Shoes ") // "men's shoes"
 */
export function normalizeCategory(name: string): string {
  return name.replace(/[\u2018\u2019\u02bc]/g, "'").trim().replace(/\s+/g, " ").toLowerCase();
}
