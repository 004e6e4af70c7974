// @workspace test/fixtures/workspaces/multiRoot.code-workspace
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import { activateExtension, codeLenses, waitFor } from './helpers';

async function api(): Promise<TokentierApi> {
  return (await activateExtension()).exports as TokentierApi;
}

function folder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((x) => x.name === name);
  if (!f) throw new Error(`no folder ${name}`);
  return f;
}

/** `$0.0012` → 0.0012, `$1,234` → 1234. */
function money(s: string): number {
  return Number(s.replace(/[$,]/g, ''));
}

describe('multi-root workspaces', function () {
  this.timeout(60_000);

  it('scans every folder and keeps their files apart in reports', async () => {
    const a = await api();
    await a.model.rescan(false);
    await a.model.idle();
    const names = a.model.states().map((s) => s.folder.name).sort();
    assert.deepEqual(names, ['demo', 'second']);
    assert.ok(a.model.states().find((s) => s.folder.name === 'second')!.files.get('calls.py')?.estimates.length);
    const report = await a.model.report();
    const files = new Set(report.sites.map((s) => s.site.file));
    assert.ok(files.has('second/calls.py'), [...files].join(', '));
    assert.ok(files.has('demo/app.py'));
    const tree = a.tree.sites().map((s) => s.uri.toString());
    assert.ok(tree.some((u) => u.startsWith(folder('second').uri.toString())));
    assert.ok(tree.some((u) => u.startsWith(folder('demo').uri.toString())));
  });

  it('applies folder-scoped settings to that folder only', async () => {
    await api();
    const uri = vscode.Uri.joinPath(folder('second').uri, 'calls.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor(async () => (await codeLenses(uri)).filter((l) => l.command?.command.startsWith('tokentier.')), (l) => l.length === 1, 'a lens in the second folder');
    const m = /≈(\$[\d.]+)\/call · (\$[\d.,]+)\/mo @ ([\d.]+)(k?)\/day/.exec(lenses[0]!.command!.title);
    assert.ok(m, lenses[0]!.command!.title);
    const perCall = money(m[1]!);
    const perMonth = money(m[2]!);
    const perDay = Number(m[3]) * (m[4] === 'k' ? 1000 : 1);
    // One day per month (the folder's .vscode/settings.json): monthly = per call × calls per day, within rounding
    // of the two-significant-digit display.
    assert.ok(Math.abs(perMonth / (perCall * perDay) - 1) < 0.1, `${perMonth} ≈ ${perCall} × ${perDay}`);
  });
});
