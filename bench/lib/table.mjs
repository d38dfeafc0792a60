// Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.

/**
 * @param {string[]} header
 * @param {(string | null)[][]} rows  a row of a single string is a section title
 * @param {number[]} [right]  indexes of right-aligned columns (default: every column but the first)
 */
export function table(header, rows, right = header.map((_, i) => i).slice(1)) {
  const cells = rows.filter((r) => r.length > 1);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => String(r[i] ?? "").length)));
  const line = (r) => r.map((c, i) => (right.includes(i) ? String(c ?? "").padStart(widths[i]) : String(c ?? "").padEnd(widths[i]))).join("  ").trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  const out = [line(header), rule];
  for (const r of rows) out.push(r.length === 1 ? r[0] : line(r));
  return out.join("\n");
}

/** 12345 → "12,345". */
export const int = (n) => (n === null || n === undefined || Number.isNaN(n) ? "—" : Math.round(n).toLocaleString("en-US"));
/** Fixed digits, "—" for missing. */
export const fixed = (n, digits) => (n === null || n === undefined || Number.isNaN(n) ? "—" : n.toFixed(digits));
/** Bytes as "3,364 B (3.4 KB)" with KB = 1000 bytes. */
export const bytes = (n) => `${int(n)} B`;
