import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import { activateExtension, codeLenses, demoUri, waitFor } from './helpers';

/** Tokentier's lenses in a cell; the cell's editor is shown first so the workbench has its text model. */
async function ourLenses(cell: vscode.NotebookCell): Promise<vscode.CodeLens[]> {
  return (await codeLenses(cell.document.uri)).filter((l) => l.command?.command.startsWith('tokentier.'));
}

const MODEL_RE = /MODEL = "([^"]+)"/;

describe('notebooks', function () {
  this.timeout(60_000);

  it('puts the lens on the cell with the call, using the model from an earlier cell', async () => {
    const api = (await activateExtension()).exports as TokentierApi;
    const nb = await vscode.workspace.openNotebookDocument(demoUri('notebooks/ticket_themes.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cells = nb.getCells();
    // Found from the notebook's text: the cell calling generate_content, and the earlier cell defining MODEL.
    const callCell = cells.find((c) => c.document.getText().includes('generate_content('))!;
    const model = MODEL_RE.exec(cells.map((c) => c.document.getText()).join('\n'))![1]!;
    const line = callCell.document.getText().split('\n').findIndex((l) => l.includes('generate_content('));
    // The cache maps the notebook's sites to cells by index.
    const entry = await api.cache.get(callCell.document);
    const inCell = api.cache.estimatesFor(callCell.document, entry);
    assert.equal(inCell.length, 1);
    assert.equal(inCell[0]!.site.model.id, model);
    for (const c of cells) if (c !== callCell) assert.equal(api.cache.estimatesFor(c.document, entry).length, 0, `no site in cell ${c.index}`);
    // And the registered CodeLens provider answers for the cell document (once the notebook editor has rendered it).
    await vscode.window.showNotebookDocument(nb, { selections: [new vscode.NotebookRange(callCell.index, callCell.index + 1)] });
    const lenses = await waitFor(() => ourLenses(callCell), (l) => l.length === 1, 'one lens in the calling cell');
    assert.ok(lenses[0]!.command!.title.startsWith(`${model} · `), lenses[0]!.command!.title);
    assert.equal(lenses[0]!.range.start.line, line);
  });

  it('follows an edit of an earlier cell (untitled copy, so the demo is never written)', async () => {
    const api = (await activateExtension()).exports as TokentierApi;
    const source = await vscode.workspace.openNotebookDocument(demoUri('notebooks/ticket_themes.ipynb'));
    const data = new vscode.NotebookData(
      source.getCells().map((c) => new vscode.NotebookCellData(c.kind, c.document.getText(), c.kind === vscode.NotebookCellKind.Code ? c.document.languageId : 'markdown')),
    );
    const nb = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(nb);
    const cells = nb.getCells();
    const callCell = cells.find((c) => c.document.getText().includes('generate_content('))!;
    const modelCell = cells.find((c) => MODEL_RE.test(c.document.getText()))!;
    const m = MODEL_RE.exec(modelCell.document.getText())!;
    const start = modelCell.document.positionAt(m.index + 'MODEL = "'.length);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(modelCell.document.uri, new vscode.Range(start, start.translate(0, m[1]!.length)), 'gemini-2.5-flash');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      async () => api.cache.estimatesFor(callCell.document, await api.cache.get(callCell.document)),
      (e) => e.length === 1 && e[0]!.site.model.id === 'gemini-2.5-flash',
      'the call cell to follow the edit',
    );
    await vscode.window.showTextDocument(callCell.document);
    await waitFor(() => ourLenses(callCell), (l) => l.length === 1 && l[0]!.command!.title.startsWith('gemini-2.5-flash · '), 'the lens to follow the edit');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
