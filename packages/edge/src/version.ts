import pkg from "../package.json";

/** The worker's version, from its package.json. */
export const VERSION: string = pkg.version;
