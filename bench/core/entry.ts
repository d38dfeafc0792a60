// What the in-process benchmark calls, bundled by esbuild into one module: the shared core's
// pure logic and the schemas the worker validates requests with.
export { classify, decide, foldEvents, foldEventsInto, emptyProfile, DEFAULT_SETTINGS } from "../../packages/shared/src/index";
export { SiteConfig, DecideRequest } from "../../packages/shared/src/schema/index";
