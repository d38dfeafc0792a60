# The edge worker on bare workerd, without wrangler or Miniflare in the request path.
# `npm run bench` copies this file next to the bundle wrangler builds (`edge.js`, the same
# code `wrangler deploy` uploads) and overrides the socket and the storage directory:
#   workerd serve edge.capnp --socket-addr http=127.0.0.1:PORT --directory-path do-disk=DIR
# Bindings mirror packages/edge/wrangler.toml and scripts/worker.mjs: the SQLite-backed Durable
# Object classes on local disk (D1, the queue, R2 and the rate limits are left out: the timed
# requests use none of them), a KV namespace whose stub always misses, and the seed configs
# (`seeds.json`, which `prepareBare` writes: the demo shop's config in a JSON array), so site
# "demo" runs on its seed exactly as in a fresh `wrangler dev`. ASSETS (the shop pages) is left out.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .edge),
    (name = "kv", worker = .kvStub),
    (name = "do-disk", disk = (path = "do", writable = true)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8799", http = (), service = "main")],
);

const edge :Workerd.Worker = (
  modules = [(name = "edge.js", esModule = embed "edge.js")],
  compatibilityDate = "2026-04-20",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [
    (name = "CONFIG", kvNamespace = "kv"),
    (name = "VITRINE_ENV", text = "local"),
    (name = "SEED_CONFIGS", text = embed "seeds.json"),
    (name = "VISITORS", durableObjectNamespace = "VisitorProfile"),
    (name = "SITE_STATS", durableObjectNamespace = "SiteStats"),
    (name = "CONFIG_HISTORY", durableObjectNamespace = "ConfigHistory"),
    (name = "KEYS", durableObjectNamespace = "SiteKeys"),
    (name = "LIVE", durableObjectNamespace = "LiveCounters"),
    (name = "OFFER_CODES", durableObjectNamespace = "OfferCodes"),
    (name = "PROOF", durableObjectNamespace = "ProofCounters"),
  ],
  durableObjectNamespaces = [
    (className = "VisitorProfile", uniqueKey = "vitrine-bench-visitor-profile", enableSql = true),
    (className = "SiteStats", uniqueKey = "vitrine-bench-site-stats", enableSql = true),
    (className = "ConfigHistory", uniqueKey = "vitrine-bench-config-history", enableSql = true),
    (className = "SiteKeys", uniqueKey = "vitrine-bench-site-keys", enableSql = true),
    (className = "LiveCounters", uniqueKey = "vitrine-bench-live-counters", enableSql = true),
    (className = "OfferCodes", uniqueKey = "vitrine-bench-offer-codes", enableSql = true),
    (className = "ProofCounters", uniqueKey = "vitrine-bench-proof-counters", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-disk"),
);

const kvStub :Workerd.Worker = (
  modules = [(name = "kv-stub.js", esModule = embed "kv-stub.js")],
  compatibilityDate = "2026-04-20",
);
