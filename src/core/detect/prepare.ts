/**
 * Input preparation: the text the parser sees for each language. Python and TS/JS as they are; Vue/Svelte keep only
 * their `<script>` blocks (other text blanked, so positions are file positions); a notebook's code cells are joined
 * into one Python text (IPython `%`/`!` lines commented out) with a row → cell map, and its shell code (`%%bash`
 * cells, `!` lines with their backslash continuations) is cut out into shell chunks (`shell/analyze.ts`).
 */
import type { SupportedLanguage } from '../excludes';
import { lastAtOrBefore } from '../lineIndex';
import type { Diagnostic } from '../types';
import type { GrammarName } from './parser';
import type { EnvMagic } from './shell/notebook';
import { SHELL_CLIENT_RE } from './shell/requests';
import type { Lang } from './syntax';

/** A notebook's shell code: one `%%bash`/`%%sh` cell, or one `!` command with its continuation lines. */
export interface ShellChunk {
  readonly cell: number;
  readonly kind: 'bang' | 'cell';
  /** The shell text, padded with empty lines (and the `!` with a space) so that rows and columns are the cell's. */
  readonly text: string;
  /** Offset of the chunk's first line in the joined Python text (what Python ran before it). */
  readonly offset: number;
}

/** A file ready to parse. */
export interface Prepared {
  readonly text: string;
  readonly grammar: GrammarName;
  readonly lang: Lang;
  /** Notebook cells: the start row of each code cell in the concatenated text, and its index in `cells`. */
  readonly cells?: readonly { readonly row: number; readonly cell: number }[];
  /** Notebook: shell chunks that may make a request (a client command is named), and `%env` lines. */
  readonly shell?: readonly ShellChunk[];
  readonly env?: readonly EnvMagic[];
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
  readonly metadata?: unknown;
}

/** A code cell VS Code's Jupyter extension saved with another language: `"metadata": {"vscode": {"languageId": "shellscript"}}`. */
function cellLanguage(c: NotebookCell): string | undefined {
  const vscode = c.metadata !== null && typeof c.metadata === 'object' ? (c.metadata as { vscode?: unknown }).vscode : undefined;
  const id = vscode !== null && typeof vscode === 'object' ? (vscode as { languageId?: unknown }).languageId : undefined;
  return typeof id === 'string' ? id : undefined;
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
  const shell: ShellChunk[] = [];
  const env: EnvMagic[] = [];
  let row = 0;
  let offset = 0;
  cells.forEach((c: NotebookCell, index: number) => {
    if (!c || c.cell_type !== 'code') return;
    const raw = Array.isArray(c.source) ? c.source.filter((s): s is string => typeof s === 'string').join('') : typeof c.source === 'string' ? c.source : '';
    const lines = normaliseLineEnds(raw).split('\n');
    const cleaned = (cellLanguage(c) === 'shellscript' ? shellCell(lines, -1, index, offset, shell) : splitShell(lines, index, offset, shell, env)).join('\n');
    map.push({ row, cell: index });
    parts.push(cleaned);
    row += cleaned.split('\n').length;
    offset += cleaned.length + 1;
  });
  if (!parts.length) {
    diagnostics.push({ severity: 'info', code: 'empty-notebook', message: 'The notebook has no code cells.', file: path });
    return undefined;
  }
  return { text: parts.join('\n'), grammar: 'python', lang: 'python', cells: map, ...(shell.length ? { shell } : {}), ...(env.length ? { env } : {}) };
}

/** `%%bash`, `%%sh`, `%%shell` (Colab), `%%script bash|sh|zsh` cells run their body in a shell. */
const SHELL_CELL = /^\s*%%(?:bash|sh|shell|script\s+(?:ba|z)?sh)\b/;
/** `!cmd`, `x = !cmd`, `%sx cmd`, `%system cmd`: one shell command line. */
const BANG_LINE = /^(\s*(?:[A-Za-z_][\w.]*\s*=\s*)?)(!!?|%sx\s|%system\s)(?!=)/;
const ENV_MAGIC = /^\s*%(?:set_)?env\s+([A-Za-z_]\w*)(?:\s*=\s*|\s+)(\S.*?)\s*$/;

/** A whole shell cell (its magic line `magic`, or -1): one chunk; the Python text keeps only the magic, commented out. */
function shellCell(lines: readonly string[], magic: number, cell: number, offset: number, shell: ShellChunk[]): string[] {
  const body = lines.map((l, i) => (i <= magic ? '' : l)).join('\n');
  if (SHELL_CLIENT_RE.test(body)) shell.push({ cell, kind: 'cell', text: body, offset });
  return lines.map((l, i) => (i === magic ? l.replace('%', '#') : ''));
}

/**
 * The Python text of one cell: IPython magics and shell escapes are not Python, so they are commented out (or, for
 * `x = !cmd`, replaced by `None`) without moving anything; a shell cell's body and a `!` line's continuations become
 * empty lines. The shell code that may make a request goes to `shell`, `%env` lines to `env`.
 */
function splitShell(lines: string[], cell: number, offset: number, shell: ShellChunk[], env: EnvMagic[]): string[] {
  const firstCode = lines.findIndex((l) => l.trim() !== '');
  if (firstCode >= 0 && SHELL_CELL.test(lines[firstCode] ?? '')) return shellCell(lines, firstCode, cell, offset, shell);
  const out = [...lines];
  // Offsets in the Python text: the lines before `i` are final when line `i` is read.
  const lineOffset = (i: number): number => offset + out.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const envm = ENV_MAGIC.exec(line);
    if (envm?.[1]) env.push({ name: envm[1], value: (envm[2] ?? '').replace(/^(["'])(.*)\1$/, '$2'), cell, offset: lineOffset(i) });
    const m = BANG_LINE.exec(line);
    if (!m) {
      if (/^\s*[%!]/.test(line)) out[i] = line.replace(/[%!]/, '#');
      continue;
    }
    let end = i;
    while (end + 1 < lines.length && /(^|[^\\])(\\\\)*\\$/.test(lines[end] ?? '')) end++;
    const prefix = (m[1] ?? '') + (m[2] ?? '');
    const cmd = [' '.repeat(prefix.length) + line.slice(prefix.length), ...lines.slice(i + 1, end + 1)];
    if (SHELL_CLIENT_RE.test(cmd.join('\n'))) shell.push({ cell, kind: 'bang', text: '\n'.repeat(i) + cmd.join('\n'), offset: lineOffset(i) });
    out[i] = m[1] ? `${m[1]}None  # ${line.slice(prefix.length)}` : line.replace(/[%!]/, '#');
    for (let k = i + 1; k <= end; k++) out[k] = '';
    i = end;
  }
  return out;
}

/** The notebook cell (and its start row) that holds a row of the joined text. */
export function cellIndexOfRow(cells: readonly { row: number; cell: number }[], row: number): { row: number; cell: number } {
  return cells[lastAtOrBefore(cells.length, (i) => cells[i]?.row ?? 0, row)] ?? { row: 0, cell: 0 };
}
