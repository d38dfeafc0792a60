/**
 * The one place the schemas get zod from. `zod/mini` keeps the worker bundle small (full zod v4
 * drags ~90 KB gzip into a bundle), and re-exporting names one by one (never the namespace as a
 * value) lets the bundler drop the locales; only the English one is loaded, for readable messages.
 */
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());

export * from "zod/mini";
