// The baseline: the smallest useful worker on the same runtime and settings as the edge worker.
// It answers every request with a small JSON body and does nothing else.
export default {
  fetch() {
    return new Response('{"ok":true}', { headers: { "content-type": "application/json" } });
  },
};
