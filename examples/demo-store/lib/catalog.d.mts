/** Types for the build's catalog helpers, so TypeScript tests can import them. */
export declare function validateCatalog(catalog: unknown): string[];
export declare function checkCatalog<T>(catalog: T, file?: string): T;
export declare function slugify(name: string): string;
export declare function categoryUrl(path: string[]): string;
export declare function productUrl(product: { sku: string }): string;
export declare function formatPrice(amount: number, currency: string): string;
