import { coalescer, type Coalescer } from "./coalesce";
import type { Grid } from "./grid";
import { MAX_MARKER_TAIL, markerPrefix, parseMarkerTail, type Marker } from "./markers";

/** Largest grid held back to reorder; a bigger one streams on in page order. */
export const MAX_GRID_BYTES = 2 * 1024 * 1024;

const LT = 0x3c;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** A held-back grid: page-order pieces between its start and end markers. */
interface Held {
  grid: number;
  pieces: { child: number | null; parts: Uint8Array[] }[];
  bytes: number;
}

/**
 * The stream stage after the HTMLRewriter: passes bytes through as they come, except between a
 * grid's start and end markers, which it holds back (only that grid, never the page) and emits in
 * the grid's display order once the end marker arrives. Removes every marker. Whatever is odd —
 * markers out of place, a grid larger than MAX_GRID_BYTES, a grid the rewriter marked broken, the
 * stream ending inside a grid — is emitted in page order, so the page is never cut or garbled.
 * Bytes are scanned only while a grid the rewriter marked has not ended here; what goes out is
 * joined into fewer chunks (`coalescer`), in this same stage.
 * @example body.pipeThrough(spliceGrids(nonce, () => marks.grids))
 */
export function spliceGrids(nonce: string, grids: () => readonly Grid[]): TransformStream<Uint8Array, Uint8Array> {
  const prefix = encoder.encode(markerPrefix(nonce));
  const gridAt = (index: number): Grid | undefined => grids()[index];
  /** Grids whose end marker went by: no marker of theirs is still to come. */
  const ended = new Set<number>();
  const scanning = () => grids().some((g, i) => !g.ignored && !ended.has(i));
  let carry: Uint8Array | null = null;
  let held: Held | null = null;
  let out: Coalescer = { push: () => {}, flush: () => {} };

  const emitOriginal = (h: Held, withoutAttr?: string) => {
    const first = h.pieces[0];
    if (withoutAttr && first) {
      // The rewriter added data-vt-variant to the start tag expecting a reorder; take it out again.
      const text = decoder.decode(concat(first.parts));
      const at = text.indexOf(withoutAttr);
      if (at >= 0) first.parts = [encoder.encode(text.slice(0, at) + text.slice(at + withoutAttr.length))];
    }
    for (const piece of h.pieces) for (const part of piece.parts) out.push(part);
  };

  const finish = (h: Held) => {
    const grid = gridAt(h.grid);
    const children = h.pieces.filter((p) => p.child !== null);
    const order = grid?.order;
    const complete = order && children.length === order.length && children.every((p, i) => p.child === i);
    if (!complete) return emitOriginal(h, grid?.variantAttr);
    const slots = h.pieces.map((p) => (p.child === null ? p : children[order[p.child]!]!));
    for (const piece of slots) for (const part of piece.parts) out.push(part);
  };

  const onMarker = (m: Marker) => {
    if (!held) {
      if (m.kind === "s") held = { grid: m.grid, pieces: [{ child: null, parts: [] }], bytes: 0 };
      if (m.kind === "e") ended.add(m.grid);
      return; // other markers outside a held grid belong to one already given up: drop them
    }
    const last = held.pieces.at(-1)!;
    const fits = m.grid === held.grid && (m.kind === "e" || (m.kind === "a" && last.child === null) || (m.kind === "b" && last.child === m.child));
    if (!fits) {
      emitOriginal(held, gridAt(held.grid)?.variantAttr);
      held = null;
      return onMarker(m);
    }
    if (m.kind === "e") {
      ended.add(m.grid);
      const h = held;
      held = null;
      return finish(h);
    }
    held.pieces.push({ child: m.kind === "a" ? m.child : null, parts: [] });
  };

  const emit = (bytes: Uint8Array) => {
    if (bytes.byteLength === 0) return;
    if (!held) return out.push(bytes);
    held.pieces.at(-1)!.parts.push(bytes);
    held.bytes += bytes.byteLength;
    if (held.bytes > MAX_GRID_BYTES) {
      emitOriginal(held, gridAt(held.grid)?.variantAttr);
      held = null;
    }
  };

  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      out = coalescer((bytes) => controller.enqueue(bytes));
    },
    transform(chunk) {
      let data = carry ? concat([carry, chunk]) : chunk;
      carry = null;
      // No grid is open: no marker can be in these bytes (the rewriter marks before it emits).
      if (!held && !scanning()) return out.push(data);
      let from = 0;
      for (let at = data.indexOf(LT); at >= 0; at = data.indexOf(LT, at + 1)) {
        let same = 0;
        while (same < prefix.length && at + same < data.length && data[at + same] === prefix[same]) same++;
        if (at + same === data.length && same < prefix.length) {
          carry = data.slice(at); // maybe the start of a marker: wait for the next chunk
          data = data.subarray(0, at);
          break;
        }
        if (same < prefix.length) continue;
        const tailEnd = Math.min(data.length, at + prefix.length + MAX_MARKER_TAIL);
        const tail = decoder.decode(data.subarray(at + prefix.length, tailEnd));
        const close = tail.indexOf("-->");
        if (close < 0 && tailEnd === data.length) {
          carry = data.slice(at);
          data = data.subarray(0, at);
          break;
        }
        const m = close < 0 ? null : parseMarkerTail(tail.slice(0, close + 3));
        if (!m) continue;
        emit(data.subarray(from, at));
        onMarker(m);
        from = at + prefix.length + close + 3;
        at = from - 1;
      }
      emit(data.subarray(from));
    },
    flush() {
      if (carry) emit(carry);
      if (held) emitOriginal(held, gridAt(held.grid)?.variantAttr);
      held = null;
      out.flush();
    },
  });
}
