# The hello-world baseline (bench/hello/index.js) on bare workerd, same compatibility settings
# as the edge worker. `npm run bench` copies it next to the worker as `hello.js` and overrides
# the socket address: workerd serve hello.capnp --socket-addr http=127.0.0.1:PORT
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .hello)],
  sockets = [(name = "http", address = "127.0.0.1:8798", http = (), service = "main")],
);

const hello :Workerd.Worker = (
  modules = [(name = "hello.js", esModule = embed "hello.js")],
  compatibilityDate = "2026-04-20",
  compatibilityFlags = ["nodejs_compat"],
);
