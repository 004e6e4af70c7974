import * as vscode from 'vscode';
import type { SupportedLanguage } from '../core/excludes';
import type { Range } from '../core/types';

/** Text-document languages Tokentier analyses (notebooks are handled as a whole, see {@link notebookOf}). */
export const TEXT_LANGUAGES: readonly SupportedLanguage[] = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'vue', 'svelte', 'shellscript', 'go', 'java', 'csharp', 'ruby', 'php'];

/**
 * The explicit selector every provider registers for (STYLE.md §6: no `*`). Notebook cells match by language.
 * `vscode-vfs` is github.dev's and Remote Repositories' file system; `vscode-remote` is how a remote folder's files
 * look to the web worker extension host (code-server, Codespaces in the browser), where the Node host sees `file`.
 */
export const SELECTOR: vscode.DocumentSelector = TEXT_LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
  { language, scheme: 'vscode-notebook-cell' },
  { language, scheme: 'vscode-vfs' },
  { language, scheme: 'vscode-remote' },
]);

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/** Core range → VS Code range. */
export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The notebook a cell document belongs to, with the cell's index (markdown cells count, as in `.ipynb`). */
export function notebookOf(doc: vscode.TextDocument): { notebook: vscode.NotebookDocument; cell: vscode.NotebookCell } | undefined {
  if (doc.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    // A cell URI shares the notebook's path; compare the path first, then find the exact cell.
    if (notebook.uri.path !== doc.uri.path) continue;
    const cell = notebook.getCells().find((c) => c.document === doc || c.document.uri.toString() === doc.uri.toString());
    if (cell) return { notebook, cell };
  }
  return undefined;
}

/**
 * Serialises an open notebook to minimal `.ipynb` JSON for the core (which maps sites to cells by index), using
 * the live cell texts so dirty notebooks are analysed as the user sees them.
 */
export function notebookToIpynb(notebook: vscode.NotebookDocument): string {
  const language = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code)?.document.languageId ?? 'python';
  const cells = notebook.getCells().map((c) => ({
    cell_type: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
    // A code cell in another language (a `shellscript` cell in a Python notebook) says so as VS Code's Jupyter
    // extension saves it, so the detector reads it as shell.
    metadata: c.kind === vscode.NotebookCellKind.Code && c.document.languageId !== language ? { vscode: { languageId: c.document.languageId } } : {},
    source: c.document.getText(),
    ...(c.kind === vscode.NotebookCellKind.Code ? { outputs: [], execution_count: null } : {}),
  }));
  return JSON.stringify({ cells, metadata: { kernelspec: { language, name: language }, language_info: { name: language } }, nbformat: 4, nbformat_minor: 5 });
}

/** A version key for a notebook: changes when any cell's text changes or cells move. */
export function notebookVersion(notebook: vscode.NotebookDocument): string {
  return `${notebook.version}:${notebook.getCells().map((c) => c.document.version).join(',')}`;
}

/** Workspace-relative POSIX path of a URI (or its path for loose/untitled files) and its folder. */
export function relativePathOf(uri: vscode.Uri): { folder: vscode.WorkspaceFolder | undefined; path: string } {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return { folder, path: uri.scheme === 'untitled' ? uri.path.replace(/^\/+/, '') : uri.path };
  const rel = uri.path.slice(folder.uri.path.replace(/\/$/, '').length).replace(/^\/+/, '');
  return { folder, path: rel };
}

/** {@link relativePathOf} the file a document belongs to: a notebook cell's notebook, else the document itself. */
export function relativePathOfDocument(doc: vscode.TextDocument): { folder: vscode.WorkspaceFolder | undefined; path: string } {
  return relativePathOf(notebookOf(doc)?.notebook.uri ?? doc.uri);
}
