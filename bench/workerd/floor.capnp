# The floor worker (bench/floor/index.js) on bare workerd: the same compatibility settings as the
# edge worker and a SQLite-backed Durable Object class on local disk. `npm run bench` copies it
# next to the worker as `floor.js` and overrides the socket and the storage directory:
#   workerd serve floor.capnp --socket-addr http=127.0.0.1:PORT --directory-path do-disk=DIR
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .floor),
    (name = "do-disk", disk = (path = "do", writable = true)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8796", http = (), service = "main")],
);

const floor :Workerd.Worker = (
  modules = [(name = "floor.js", esModule = embed "floor.js")],
  compatibilityDate = "2026-04-20",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [(name = "REMEMBER", durableObjectNamespace = "Remember")],
  durableObjectNamespaces = [(className = "Remember", uniqueKey = "vitrine-bench-floor", enableSql = true)],
  durableObjectStorage = (localDisk = "do-disk"),
);
