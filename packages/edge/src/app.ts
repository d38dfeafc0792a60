import { Hono } from "hono";
import type { AppEnv } from "./env";
import { apiError, onError } from "./http/errors";
import { publicCors } from "./http/origin";
import { health } from "./routes/health";
import { sdk, sdkExtra } from "./routes/sdk";
import { collect } from "./routes/collect";
import { decideRoute } from "./routes/decide";
import { adminAuth } from "./http/admin-auth";
import { visitors } from "./routes/admin/visitors";
import { config } from "./routes/admin/config";
import { orders } from "./routes/admin/orders";
import { keys, whoami } from "./routes/admin/keys";
import { authorship } from "./keys/authorship";
import { history } from "./routes/admin/history";
import { validate } from "./routes/admin/validate";
import { vocabulary } from "./routes/admin/vocabulary";
import { imageUploads } from "./routes/admin/images";
import { preview } from "./routes/admin/preview";
import { live } from "./routes/admin/live";
import { visitorDecision } from "./routes/admin/decision";
import { sites } from "./routes/admin/sites";
import { images } from "./images/serve";
import { consolePages } from "./console/page";
import { previewPages } from "./preview/pages";
import { experiments } from "./routes/admin/experiments";
import { experimentPages } from "./admin/experiment-page";
import { proxyMode } from "./proxy";
import { offers } from "./routes/admin/offers";

/**
 * The worker's routes. Anything outside `/v1` is the shop (the demo store's pages through the
 * ASSETS binding when it is configured).
 * @example const res = await createApp().request("/v1/health", {}, env)
 */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  // Proxy mode: hosts a site's config lists under proxy.hosts are that shop, served from its
  // origin and personalized on the way (src/proxy/). First, so a shop's own /v1/… reach the shop.
  app.use("*", proxyMode(() => app));
  app.route("/v1/health", health);
  app.route("/v1/sdk.js", sdk);
  app.route("/v1/sdk-extra.js", sdkExtra);
  app.use("/v1/collect", publicCors);
  app.use("/v1/decide", publicCors);
  app.route("/v1/collect", collect);
  app.route("/v1/decide", decideRoute);
  app.route("/v1/images", images);
  app.use("/v1/sites/*", adminAuth);
  app.use("/v1/sites/:site/config/*", authorship);
  app.route("/v1/sites", sites);
  app.route("/v1/sites/:site/visitors/:visitor/decision", visitorDecision);
  app.route("/v1/sites/:site/visitors", visitors);
  app.route("/v1/sites/:site/config", config);
  app.route("/v1/sites/:site/orders", orders);
  app.route("/v1/sites/:site/keys", keys);
  app.route("/v1/sites/:site/whoami", whoami);
  app.route("/v1/sites/:site/history", history);
  app.route("/v1/sites/:site/validate", validate);
  app.route("/v1/sites/:site/vocabulary", vocabulary);
  app.route("/v1/sites/:site/images", imageUploads);
  app.route("/v1/sites/:site/preview", preview);
  app.route("/v1/sites/:site/live", live);
  app.route("/v1/sites/:site/experiments", experiments);
  app.route("/v1/sites/:site/offers", offers);
  app.route("/admin/sites/:site/experiments", experimentPages);
  app.all("/v1/*", (c) => {
    throw apiError(404, `${c.req.method} ${c.req.path}: no such endpoint (see GET /v1/health and the README's API section)`);
  });
  app.route("/admin", consolePages);
  app.use("*", previewPages);
  app.all("*", (c) => {
    if (!c.env.ASSETS) throw apiError(404, `${c.req.path}: not found`);
    return c.env.ASSETS.fetch(c.req.raw);
  });
  return app;
}
