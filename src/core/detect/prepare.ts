/**
 * Input preparation: the text the parser sees for each language. Python and TS/JS as they are; Vue/Svelte keep only
 * their `<script>` blocks (other text blanked, so positions are file positions); a notebook's code cells are joined
 * into one Python text (IPython `%`/`!` lines commented out) with a row → cell map.
 */
import type { SupportedLanguage } from '../excludes';
import type { Diagnostic } from '../types';
import type { GrammarName } from './parser';
import type { Lang } from './syntax';

/** A file ready to parse. */
export interface Prepared {
  readonly text: string;
  readonly grammar: GrammarName;
  readonly lang: Lang;
  /** Notebook cells: the start row of each code cell in the concatenated text, and its index in `cells`. */
  readonly cells?: readonly { readonly row: number; readonly cell: number }[];
}

/** Lone CR line ends (classic Mac) as LF: tree-sitter counts rows on LF only, so every site landed on line 1. Same length. */
export function normaliseLineEnds(text: string): string {
  return text.includes('\r') && /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** The parser input of a file, or undefined when the file holds no code to parse (diagnostics say why). */
export function prepare(language: SupportedLanguage, path: string, text: string, diagnostics: Diagnostic[]): Prepared | undefined {
  switch (language) {
    case 'python':
      return { text, grammar: 'python', lang: 'python' };
    case 'typescript':
      return { text, grammar: 'typescript', lang: 'js' };
    case 'typescriptreact':
      return { text, grammar: 'tsx', lang: 'js' };
    case 'javascript':
    case 'javascriptreact':
      return { text, grammar: 'javascript', lang: 'js' };
    case 'vue':
    case 'svelte': {
      const script = extractScripts(text);
      if (!script) return undefined;
      return { text: script.text, grammar: script.ts ? 'typescript' : 'javascript', lang: 'js' };
    }
    case 'jupyter':
      return prepareNotebook(path, text, diagnostics);
    default:
      return undefined;
  }
}

/**
 * Keeps only the `<script>` blocks of a Vue/Svelte file; everything else becomes spaces (newlines kept), so the
 * positions in the parsed text are the positions in the file.
 */
export function extractScripts(text: string): { text: string; ts: boolean } | undefined {
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  const keep: [number, number][] = [];
  let ts = false;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const attrs = m[1] ?? '';
    if (/\blang\s*=\s*["']?(ts|typescript)\b/i.test(attrs)) ts = true;
    const start = m.index + m[0].indexOf('>') + 1;
    keep.push([start, start + (m[2] ?? '').length]);
  }
  if (!keep.length) return undefined;
  const chars = text.split('');
  let k = 0;
  for (let i = 0; i < chars.length; i++) {
    while (k < keep.length && i >= (keep[k]?.[1] ?? 0)) k++;
    const inside = k < keep.length && i >= (keep[k]?.[0] ?? Infinity);
    if (!inside && chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  }
  return { text: chars.join(''), ts };
}

interface NotebookCell {
  readonly cell_type?: unknown;
  readonly source?: unknown;
}

/** Joins the code cells into one Python text (so later cells see earlier cells' bindings) with a row map. */
function prepareNotebook(path: string, text: string, diagnostics: Diagnostic[]): Prepared | undefined {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    diagnostics.push({ severity: 'warning', code: 'malformed-notebook', message: `Not a valid notebook (JSON): ${e instanceof Error ? e.message : String(e)}`, file: path });
    return undefined;
  }
  const cells = nb !== null && typeof nb === 'object' ? (nb as { cells?: unknown }).cells : undefined;
  if (!Array.isArray(cells)) {
    diagnostics.push({ severity: 'warning', code: 'malformed-notebook', message: 'Not a valid notebook: no `cells` array.', file: path });
    return undefined;
  }
  const parts: string[] = [];
  const map: { row: number; cell: number }[] = [];
  let row = 0;
  cells.forEach((c: NotebookCell, index: number) => {
    if (!c || c.cell_type !== 'code') return;
    const raw = Array.isArray(c.source) ? c.source.filter((s): s is string => typeof s === 'string').join('') : typeof c.source === 'string' ? c.source : '';
    const src = normaliseLineEnds(raw);
    // IPython magics and shell escapes are not Python: comment them out without moving anything.
    const cleaned = src
      .split('\n')
      .map((l) => (/^\s*[%!]/.test(l) ? l.replace(/[%!]/, '#') : l))
      .join('\n');
    map.push({ row, cell: index });
    parts.push(cleaned);
    row += cleaned.split('\n').length;
  });
  if (!parts.length) {
    diagnostics.push({ severity: 'info', code: 'empty-notebook', message: 'The notebook has no code cells.', file: path });
    return undefined;
  }
  return { text: parts.join('\n'), grammar: 'python', lang: 'python', cells: map };
}

/** The notebook cell (and its start row) that holds a row of the joined text. */
export function cellIndexOfRow(cells: readonly { row: number; cell: number }[], row: number): { row: number; cell: number } {
  let lo = 0;
  let hi = cells.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((cells[mid]?.row ?? 0) <= row) lo = mid;
    else hi = mid - 1;
  }
  return cells[lo] ?? { row: 0, cell: 0 };
}
