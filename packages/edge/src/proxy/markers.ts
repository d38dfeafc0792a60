/**
 * Markers the rewriter leaves around a sortable grid and each of its children, for the splicer
 * downstream to find in the byte stream: `<!--vt:NONCE:K:G:I-->` with K one of `s` (grid start),
 * `e` (grid end), `a` (child start), `b` (child end), G the grid's and I the child's index. The
 * nonce is random per response, so no page can forge one; every marker is removed again.
 */
export type MarkerKind = "s" | "e" | "a" | "b";

export interface Marker {
  kind: MarkerKind;
  grid: number;
  child: number;
}

/**
 * A fresh nonce: 12 hex digits.
 * @example newNonce() // "9f2c61d07ab4"
 */
export function newNonce(): string {
  return [...crypto.getRandomValues(new Uint8Array(6))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The marker text.
 * @example marker("9f2c61d07ab4", "a", 0, 3) // "<!--vt:9f2c61d07ab4:a:0:3-->"
 */
export const marker = (nonce: string, kind: MarkerKind, grid: number, child = 0) => `<!--vt:${nonce}:${kind}:${grid}:${child}-->`;

/** What every marker of a response starts with. */
export const markerPrefix = (nonce: string) => `<!--vt:${nonce}:`;

/** Longest marker body after the prefix (`K:G:I-->`), generously. */
export const MAX_MARKER_TAIL = 32;

/**
 * Reads the part of a marker after its prefix (`a:0:3-->`), or null when it is not one.
 * @example parseMarkerTail("a:0:3-->") // { kind: "a", grid: 0, child: 3 }
 */
export function parseMarkerTail(tail: string): Marker | null {
  const match = /^([seab]):(\d{1,6}):(\d{1,6})-->$/.exec(tail);
  return match ? { kind: match[1] as MarkerKind, grid: Number(match[2]), child: Number(match[3]) } : null;
}
