/** A CSV cell: numbers as they are, text quoted when it holds a comma, a quote or a line break (RFC 4180). */
export type Cell = string | number | boolean | null | undefined;

function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as RFC 4180 CSV: a header row, CRLF line ends, fields quoted only when they must be.
 * @example toCsv(["day", "arm"], [["2026-01-05", "b"]]) // "day,arm\r\n2026-01-05,b\r\n"
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
