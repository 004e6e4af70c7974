/**
 * A small document model for reports that print as a terminal table, Markdown and HTML alike: titled sections of
 * paragraphs, tables and preformatted blocks, every string plain text. Each renderer escapes for its own medium
 * (escapeTerminal, escapeMarkdown, escapeHtml in text.ts), so a hostile model id or path shows as text everywhere.
 */
import { layoutTable } from './format';
import { escapeHtml, escapeMarkdown, escapeTerminal } from './text';

/** A table: header, rows of plain-text cells, the indexes of right-aligned (numeric) columns. */
export interface ViewTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly right?: readonly number[];
  /** Rows that start a new group (drawn with a rule above in HTML), by index. */
  readonly groupStarts?: readonly number[];
}

/** One block of a section. */
export type ViewBlock =
  | { readonly kind: 'text'; readonly text: string; readonly tone?: 'note' | 'warning' }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly table: ViewTable }
  | { readonly kind: 'pre'; readonly text: string; readonly language?: string };

/** A titled section. */
export interface ViewSection {
  readonly title: string;
  readonly blocks: readonly ViewBlock[];
}

/** A whole report. */
export interface ViewDocument {
  readonly title: string;
  /** One line under the title. */
  readonly subtitle?: string;
  readonly sections: readonly ViewSection[];
  /** The small print at the end (tool version, price tables). */
  readonly footer?: string;
}

/** The document for a terminal: aligned tables, no colour codes; everything escaped. */
export function renderText(doc: ViewDocument): string {
  const out: string[] = [escapeTerminal(doc.title)];
  if (doc.subtitle) out.push(escapeTerminal(doc.subtitle));
  for (const s of doc.sections) {
    out.push('', escapeTerminal(s.title));
    for (const b of s.blocks) {
      if (b.kind === 'text') out.push(escapeTerminal(b.tone === 'warning' ? `! ${b.text}` : b.text));
      else if (b.kind === 'list') out.push(...b.items.map((i) => `  - ${escapeTerminal(i)}`));
      else if (b.kind === 'table') out.push(layoutTable(b.table.header, b.table.rows, b.table.right ?? []));
      else out.push(...b.text.replace(/\n$/, '').split('\n').map((l) => `  ${escapeTerminal(l)}`));
    }
  }
  if (doc.footer) out.push('', escapeTerminal(doc.footer));
  return `${out.join('\n')}\n`;
}

/** A Markdown cell: escaped, and an empty cell stays visibly empty. */
function mdCell(s: string): string {
  return s === '' ? ' ' : escapeMarkdown(s);
}

/** The document as GitHub-flavoured Markdown. */
export function renderMarkdown(doc: ViewDocument): string {
  const out: string[] = [`## ${escapeMarkdown(doc.title)}`, ''];
  if (doc.subtitle) out.push(escapeMarkdown(doc.subtitle), '');
  for (const s of doc.sections) {
    out.push(`### ${escapeMarkdown(s.title)}`, '');
    for (const b of s.blocks) {
      if (b.kind === 'text') out.push(b.tone ? `> ${escapeMarkdown(b.text)}` : escapeMarkdown(b.text), '');
      else if (b.kind === 'list') out.push(...b.items.map((i) => `- ${escapeMarkdown(i)}`), '');
      else if (b.kind === 'table') {
        const right = new Set(b.table.right ?? []);
        out.push(`| ${b.table.header.map(mdCell).join(' | ')} |`, `|${b.table.header.map((_, i) => (right.has(i) ? '---:' : '---')).join('|')}|`);
        for (const r of b.table.rows) out.push(`| ${b.table.header.map((_, i) => mdCell(r[i] ?? '')).join(' | ')} |`);
        out.push('');
      } else {
        // A fence longer than any backtick run inside, so the block cannot be closed early.
        const fence = '`'.repeat(Math.max(3, ...[...b.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
        out.push(`${fence}${b.language ?? ''}`, ...b.text.replace(/\n$/, '').split('\n').map(escapeTerminal), fence, '');
      }
    }
  }
  if (doc.footer) out.push(`<sub>${escapeMarkdown(doc.footer)}</sub>`, '');
  return out.join('\n');
}

/** The inline style sheet: system fonts, the page's own light and dark colours (prefers-color-scheme), print-friendly. */
const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --rule: #d1d9e0; --head: #f6f8fa; --note: #0969da; --warn: #9a6700; --good: #1a7f37; --bad: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --rule: #3d444d; --head: #151b23; --note: #4493f8; --warn: #d29922; --good: #3fb950; --bad: #f85149; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
.subtitle, footer { color: var(--muted); } footer { margin-top: 32px; font-size: 12px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--rule); padding: 4px 10px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--head); font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
tr.group td { border-top: 2px solid var(--muted); }
p.note { border-left: 3px solid var(--note); padding-left: 10px; } p.warning { border-left: 3px solid var(--warn); padding-left: 10px; }
pre { background: var(--head); border: 1px solid var(--rule); padding: 10px; overflow-x: auto; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.add { color: var(--good); } .del { color: var(--bad); }
@media print { body { padding: 0; } }
`;

function htmlTable(t: ViewTable): string {
  const right = new Set(t.right ?? []);
  const groups = new Set(t.groupStarts ?? []);
  const cls = (i: number) => (right.has(i) ? ' class="num"' : '');
  const head = `<tr>${t.header.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r, ri) => `<tr${groups.has(ri) && ri > 0 ? ' class="group"' : ''}>${t.header.map((_, i) => `<td${cls(i)}>${escapeHtml(r[i] ?? '')}</td>`).join('')}</tr>`);
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function htmlPre(b: Extract<ViewBlock, { kind: 'pre' }>): string {
  const lines = b.text.replace(/\n$/, '').split('\n').map((l) => {
    const cls = b.language === 'diff' && /^\+(?!\+\+)/.test(l) ? 'add' : b.language === 'diff' && /^-(?!--)/.test(l) ? 'del' : '';
    return cls ? `<span class="${cls}">${escapeHtml(l)}</span>` : escapeHtml(l);
  });
  return `<pre>${lines.join('\n')}</pre>`;
}

/**
 * The document as one self-contained HTML page: inline CSS only, no script, no external resource (a CSP meta tag
 * forbids any), light and dark colours from `prefers-color-scheme`. Every string is escaped.
 */
export function renderHtml(doc: ViewDocument): string {
  const body: string[] = [`<h1>${escapeHtml(doc.title)}</h1>`];
  if (doc.subtitle) body.push(`<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`);
  for (const s of doc.sections) {
    body.push(`<section>\n<h2>${escapeHtml(s.title)}</h2>`);
    for (const b of s.blocks) {
      if (b.kind === 'text') body.push(`<p${b.tone ? ` class="${b.tone}"` : ''}>${escapeHtml(b.text)}</p>`);
      else if (b.kind === 'list') body.push(`<ul>\n${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`);
      else if (b.kind === 'table') body.push(htmlTable(b.table));
      else body.push(htmlPre(b));
    }
    body.push('</section>');
  }
  if (doc.footer) body.push(`<footer>${escapeHtml(doc.footer)}</footer>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
