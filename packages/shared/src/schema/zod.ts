/**
 * The one place the schemas get zod from. `zod/mini` keeps the worker bundle small
 * (full zod v4 drags ~90 KB gzip into a bundle); the English locale gives readable messages.
 */
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

z.config(en());

export { z };
