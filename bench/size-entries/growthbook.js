// What a typical GrowthBook user ships: the client, initialised, evaluating one feature.
import { GrowthBook } from "@growthbook/growthbook";

const gb = new GrowthBook({
  apiHost: "https://cdn.growthbook.example",
  clientKey: "sdk-abc123",
  attributes: { id: "visitor-1" },
  trackingCallback: (experiment, result) => console.log(experiment.key, result.key),
});
gb.init({ timeout: 1000 }).then(() => {
  document.body.dataset.hero = String(gb.getFeatureValue("hero", "default"));
});
