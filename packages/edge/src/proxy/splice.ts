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
 * @example body.pipeThrough(spliceGrids(nonce, (g) => marks.grids[g]))
 */
export function spliceGrids(nonce: string, gridAt: (index: number) => Grid | undefined, active: () => boolean = () => true): TransformStream<Uint8Array, Uint8Array> {
  const prefix = encoder.encode(markerPrefix(nonce));
  let carry: Uint8Array | null = null;
  let held: Held | null = null;
  /** What one input chunk gives, sent on as one chunk (fewer, larger writes downstream). */
  let ready: Uint8Array[] = [];
  const out = { enqueue: (bytes: Uint8Array) => void ready.push(bytes) };
  const send = (controller: TransformStreamDefaultController<Uint8Array>) => {
    if (ready.length > 0) controller.enqueue(concat(ready));
    ready = [];
  };

  const emitOriginal = (h: Held, withoutAttr?: string) => {
    const first = h.pieces[0];
    if (withoutAttr && first) {
      // The rewriter added data-vt-variant to the start tag expecting a reorder; take it out again.
      const text = decoder.decode(concat(first.parts));
      const at = text.indexOf(withoutAttr);
      if (at >= 0) first.parts = [encoder.encode(text.slice(0, at) + text.slice(at + withoutAttr.length))];
    }
    for (const piece of h.pieces) for (const part of piece.parts) out.enqueue(part);
  };

  const finish = (h: Held) => {
    const grid = gridAt(h.grid);
    const children = h.pieces.filter((p) => p.child !== null);
    const order = grid?.order;
    const complete = order && children.length === order.length && children.every((p, i) => p.child === i);
    if (!complete) return emitOriginal(h, grid?.variantAttr);
    const slots = h.pieces.map((p) => (p.child === null ? p : children[order[p.child]!]!));
    for (const piece of slots) for (const part of piece.parts) out.enqueue(part);
  };

  const onMarker = (m: Marker) => {
    if (!held) {
      if (m.kind === "s") held = { grid: m.grid, pieces: [{ child: null, parts: [] }], bytes: 0 };
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
      const h = held;
      held = null;
      return finish(h);
    }
    held.pieces.push({ child: m.kind === "a" ? m.child : null, parts: [] });
  };

  const emit = (bytes: Uint8Array) => {
    if (bytes.byteLength === 0) return;
    if (!held) return out.enqueue(bytes);
    held.pieces.at(-1)!.parts.push(bytes);
    held.bytes += bytes.byteLength;
    if (held.bytes > MAX_GRID_BYTES) {
      emitOriginal(held, gridAt(held.grid)?.variantAttr);
      held = null;
    }
  };

  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      let data = carry ? concat([carry, chunk]) : chunk;
      carry = null;
      // Nothing was marked yet: no marker can be in these bytes (the rewriter marks before it emits).
      if (!active() && !held) return controller.enqueue(data);
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
      send(controller);
    },
    flush(controller) {
      if (carry) emit(carry);
      if (held) emitOriginal(held, gridAt(held.grid)?.variantAttr);
      held = null;
      send(controller);
    },
  });
}
