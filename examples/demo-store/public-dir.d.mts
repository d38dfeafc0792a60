/** Absolute path of the built shop (`public/`, made by `npm run build`). */
export declare const publicDir: string;
export default publicDir;
