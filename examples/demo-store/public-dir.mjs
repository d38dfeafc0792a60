import { fileURLToPath } from "node:url";

/**
 * Absolute path of the built shop (`public/`, made by `npm run build`), for servers and tests.
 * @example import { publicDir } from "@vitrine/demo-store/public-dir";
 */
export const publicDir = fileURLToPath(new URL("./public", import.meta.url));

export default publicDir;
