/**
 * Shell detection for the detector: whole shell scripts (`.sh`, `.bash`, `.zsh`) and the shell chunks of a notebook.
 * The Bash grammar is loaded on the first shell text that passes the text test (a client command and an endpoint
 * word), never at activation.
 */
import type { Parser } from 'web-tree-sitter';
import type { CallSite, Diagnostic } from '../../types';
import type { FileAnalyzer } from '../analyzer';
import { hasEndpointWord } from '../evidence';
import { getParser, type WasmLoader } from '../parser';
import { cellIndexOfRow, type Prepared } from '../prepare';
import { shellSites } from './analyze';
import { notebookScope } from './notebook';
import { SHELL_CLIENT_RE } from './requests';

/** The cheap text test of a shell script: it names a client command and an inference endpoint's last segment. */
export function shellEvidence(text: string): boolean {
  return SHELL_CLIENT_RE.test(text) && hasEndpointWord(text);
}

/** A notebook's shell chunks may hold a site: some chunk exists and an endpoint word is in the notebook (Python or shell). */
export function notebookShellEvidence(prepared: Prepared): boolean {
  const chunks = prepared.shell;
  if (!chunks?.length) return false;
  return chunks.some((c) => hasEndpointWord(c.text)) || hasEndpointWord(prepared.text);
}

/** The sites of a shell script, with unique ids. */
export async function detectShellScript(path: string, text: string, loadWasm: WasmLoader, exhaustive: boolean, diagnostics: Diagnostic[]): Promise<CallSite[]> {
  if (!(exhaustive ? SHELL_CLIENT_RE.test(text) : shellEvidence(text))) return [];
  const parser = await getParser('bash', loadWasm);
  const tree = parser.parse(text);
  if (!tree) {
    diagnostics.push({ severity: 'warning', code: 'parse-error', message: 'The parser returned no tree.', file: path });
    return [];
  }
  try {
    if (tree.rootNode.hasError) diagnostics.push({ severity: 'info', code: 'parse-error', message: 'The file has syntax errors; results may be partial.', file: path });
    // Two requests on one line (`curl … ; curl …`) get `~2` ids, as the detector's own sites do.
    const seen = new Map<string, number>();
    return shellSites({ path, text, tree }).map((s) => {
      const n = (seen.get(s.id) ?? 0) + 1;
      seen.set(s.id, n);
      return n > 1 ? { ...s, id: `${s.id}~${n}` } : s;
    });
  } finally {
    tree.delete();
  }
}

/**
 * The sites of a notebook's shell chunks (synchronous: the caller has the Bash parser ready). `analyzer`: the Python
 * analyser of the joined cells, for values the shell takes from Python.
 */
export function notebookShellSites(prepared: Prepared, path: string, parser: Parser, analyzer: FileAnalyzer | undefined): CallSite[] {
  const out: CallSite[] = [];
  const cells = prepared.cells ?? [];
  const cellOfRow = (row: number): number => cellIndexOfRow(cells, row).cell;
  for (const chunk of prepared.shell ?? []) {
    const tree = parser.parse(chunk.text);
    if (!tree) continue;
    try {
      const outer = notebookScope(analyzer, chunk, prepared.env ?? [], cellOfRow);
      out.push(...shellSites({ path, text: chunk.text, tree, outer, cell: chunk.cell, ...(chunk.kind === 'bang' ? { ipython: true } : {}) }));
    } finally {
      tree.delete();
    }
  }
  return out;
}
