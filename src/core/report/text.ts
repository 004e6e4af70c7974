/**
 * Small text helpers shared by the formatters. Model names, file paths and annotation text come from the
 * scanned code, so they are untrusted: every formatter escapes them for its own medium.
 */

// C0/C1 control characters (ESC, CSI, BEL, …) and the bidi overrides that can reorder a terminal line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters (ANSI escapes included) as a visible `\xNN`/`\uNNNN` escape; newlines and tabs as spaces. */
function visibleControls(text: string): string {
  return text.replace(/[\n\t]/g, ' ').replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Replaces control characters (ANSI escapes included) with a visible `\xNN`/`\uNNNN` escape. Newlines and tabs become
 * spaces. `::` becomes `:\:`: GitHub Actions runs a line that starts with `::` (after leading spaces) as a workflow
 * command, so a file named `::error title=PWN::x.py` must never start a line of output (issue 17).
 */
export function escapeTerminal(text: string): string {
  return visibleControls(text).replace(/::/g, ':\\:');
}

/**
 * Escapes text for a Markdown table cell or a line of prose: no HTML, no links, no pipes, and nothing GitHub turns
 * into a link or a notification (issue 17). Markdown punctuation gets a backslash; `:` and `.` too, so `https://…`,
 * `www.…` and bare domains are never autolinked (GFM and linkify read them as one run of text); `&` too, so an entity
 * such as `&#64;` cannot bring back an `@`. An `@` (a mention) and a `#` before a digit (an issue reference) are
 * followed by a zero-width space (`&#8203;`, as Renovate does): GitHub finds mentions in the rendered text, where a
 * backslash is gone. Control characters are shown as `\xNN`.
 */
export function escapeMarkdown(text: string): string {
  return visibleControls(text)
    .replace(/[\\`*_{}[\]()<>#+!|~:.&@]/g, (c) => `\\${c}`)
    .replace(/\\@/g, '\\@&#8203;')
    .replace(/\\#(?=\d)/g, '\\#&#8203;');
}

/**
 * Text as a Markdown code span inside a table cell: a backtick fence longer than any run of backticks in it (padded
 * with spaces when it starts or ends with one), pipes escaped (GFM tables split on them even in code), line breaks
 * and control characters flattened. Nothing inside a code span is a link, a mention or markup, and backslashes are
 * not needed (they would show).
 */
export function codeSpan(text: string, inTable = true): string {
  const t = inTable ? visibleControls(text).replace(/\|/g, '\\|') : visibleControls(text);
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim()) ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** One CSV field (RFC 4180), with spreadsheet-formula guarding for text that starts with `=`, `+`, `-` or `@`. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Line breaks become spaces: a quoted field may span lines, and a line must never start with repository text
  // (a GitHub Actions workflow command, `::error…`, issue 17). A field starting with `:` (after spaces) is quoted for the same reason.
  let text = value.replace(CONTROL, '').replace(/\n/g, ' ');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/^\s*:/.test(text)) return `"${text.replace(/"/g, '""')}"`;
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
