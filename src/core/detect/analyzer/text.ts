/** Small text helpers of the analyser. */

/** Escapes `s` for use inside a regular expression. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Shortens an expression's text for a diagnostic or an `unknown` resolution. */
export function clip(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
