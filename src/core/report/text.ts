/**
 * Small text helpers shared by the formatters. Model names, file paths and annotation text come from the
 * scanned code, so they are untrusted: every formatter escapes them for its own medium.
 */

// C0/C1 control characters (ESC, CSI, BEL, …) and the bidi overrides that can reorder a terminal line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Replaces control characters (ANSI escapes included) with a visible `\xNN`/`\uNNNN` escape. Newlines and tabs become spaces. */
export function escapeTerminal(text: string): string {
  return text.replace(/[\n\t]/g, ' ').replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Escapes text for a Markdown table cell or a line of prose (no HTML, no links, no pipes). */
export function escapeMarkdown(text: string): string {
  return escapeTerminal(text).replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);
}

/** One CSV field (RFC 4180), with spreadsheet-formula guarding for text that starts with `=`, `+`, `-` or `@`. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value.replace(CONTROL, '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Formats an amount of money for people. Small per-call amounts keep significant digits
 * ($0.00042) instead of rounding to $0.00.
 */
export function formatMoney(amount: number, currency: string): string {
  const abs = Math.abs(amount);
  const digits = abs === 0 || abs >= 0.1 ? 2 : Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(abs))));
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
  } catch {
    // An unknown ISO code: fall back to the plain number and the code.
    return `${amount.toFixed(digits)} ${currency}`;
  }
}

/** A signed money delta (`+$1.20`, `−$0.50`, `$0.00`). */
export function formatMoneyDelta(amount: number, currency: string): string {
  if (amount === 0) return formatMoney(0, currency);
  return (amount > 0 ? '+' : '-') + formatMoney(Math.abs(amount), currency);
}

/** Formats a token count with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Escapes text for HTML element content and double-quoted attribute values: `&`, `<`, `>`, `"` and `'` become
 * entities; control characters and bidi controls are shown as `\xNN`/`\uNNNN` (as in the terminal), so text from
 * code or an export can neither add markup nor hide or reorder what is shown.
 */
export function escapeHtml(text: string): string {
  return escapeTerminal(text)
    .replace(/[\u2028\u2029]/g, ' ')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
