// What a typical Plausible npm user ships: the tracker with automatic page views and one event.
import Plausible from "plausible-tracker";

const plausible = Plausible({ domain: "shop.example" });
plausible.enableAutoPageviews();
plausible.trackEvent("Product Viewed", { props: { sku: "NC-100" } });
