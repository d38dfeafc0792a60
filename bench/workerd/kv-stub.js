// A KV namespace with nothing in it: every read is a miss (workerd turns KV calls into HTTP
// requests to this service). The edge worker then falls back to the demo site's built-in config.
export default {
  fetch() {
    return new Response(null, { status: 404 });
  },
};
