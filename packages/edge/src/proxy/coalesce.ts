/** Bytes held before they go out regardless of the timer, so a large page keeps streaming. */
export const COALESCE_BYTES = 32 * 1024;

/**
 * Joins the small chunks HTMLRewriter emits (one at every element a handler matched) into one
 * per turn of the event loop: each chunk waits at most for a zero-delay timer, or until
 * COALESCE_BYTES are held. Fewer, larger writes cost the runtime and the network less than dozens
 * of 20-byte ones, and the first bytes still leave as soon as they exist.
 * @example body.pipeThrough(coalesce())
 */
export function coalesce(): TransformStream<Uint8Array, Uint8Array> {
  let held: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const send = (controller: TransformStreamDefaultController<Uint8Array>) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (closed || held.length === 0) return;
    let out = held[0]!;
    if (held.length > 1) {
      out = new Uint8Array(size);
      let at = 0;
      for (const part of held) {
        out.set(part, at);
        at += part.byteLength;
      }
    }
    held = [];
    size = 0;
    controller.enqueue(out);
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (chunk.byteLength === 0) return;
      held.push(chunk);
      size += chunk.byteLength;
      if (size >= COALESCE_BYTES) send(controller);
      else timer ??= setTimeout(() => send(controller), 0);
    },
    flush(controller) {
      send(controller);
      closed = true;
    },
  });
}
