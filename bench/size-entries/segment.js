// What a typical Segment user ships: AnalyticsBrowser loaded with a write key, a page call.
// esbuild inlines its lazily imported chunks here; on a real page some arrive later.
import { AnalyticsBrowser } from "@segment/analytics-next";

const analytics = AnalyticsBrowser.load({ writeKey: "abc123" });
analytics.page();
analytics.track("Product Viewed", { sku: "NC-100" });
