// The tracking-only reference point: ahoy.js recording a page view and one event.
import ahoy from "ahoy.js";

ahoy.trackView();
ahoy.track("Product Viewed", { sku: "NC-100" });
