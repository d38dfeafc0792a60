// What a typical PostHog user ships: the npm package initialised, a page view and a flag read.
import posthog from "posthog-js";

posthog.init("phc_abc123", { api_host: "https://eu.i.posthog.example" });
posthog.capture("$pageview");
posthog.onFeatureFlags(() => {
  document.body.dataset.hero = String(posthog.getFeatureFlag("hero"));
});
