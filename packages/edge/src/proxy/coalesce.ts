/** Bytes held before they go out regardless of the timer, so a large page keeps streaming. */
export const COALESCE_BYTES = 32 * 1024;

/** Collects chunks and sends them on joined; see `coalescer`. */
export interface Coalescer {
  push(bytes: Uint8Array): void;
  /** Sends what is held now (the end of the stream). */
  flush(): void;
}

/**
 * Joins the small chunks HTMLRewriter emits (one at every element a handler matched) into one per
 * turn of the event loop: a chunk waits at most for a zero-delay timer, or until COALESCE_BYTES are
 * held. Fewer, larger writes cost the runtime and the network less than dozens of 20-byte ones,
 * and the first bytes still leave as soon as they exist.
 * @example const out = coalescer((bytes) => controller.enqueue(bytes)); out.push(chunk); … out.flush();
 */
export function coalescer(send: (bytes: Uint8Array) => void): Coalescer {
  let held: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ended = false;
  const sendHeld = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (ended || held.length === 0) return;
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
    send(out);
  };
  return {
    push(bytes) {
      if (bytes.byteLength === 0) return;
      held.push(bytes);
      size += bytes.byteLength;
      if (size >= COALESCE_BYTES) sendHeld();
      else timer ??= setTimeout(sendHeld, 0);
    },
    flush() {
      sendHeld();
      ended = true;
    },
  };
}
