/**
 * `JSON.parse(text)`, or undefined when `text` is missing or no JSON: for what the page or its
 * storage hands over (any script can write those).
 * @example parse(localStorage.vt_dec)?.d
 */
export const parse = (text?: string | null): any => {
  try {
    return JSON.parse(text!);
  } catch {}
};
