/**
 * identify's hash, part of the lazy chunk: the customer id's SHA-256 as base64url (no padding),
 * so the id itself never leaves the browser.
 * @example await hash("customer-42") // 43 characters of base64url
 */
export const hash = async (id: string): Promise<string> =>
  btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(id)))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .split("=")[0]!;
