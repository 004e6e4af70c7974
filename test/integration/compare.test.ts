// Compare Costs with Branch in the Node extension host: the working tree against a git ref of the (throwaway, one-commit)
// workspace copy. The web host has no git: web.test.ts checks that it says so.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import { activateExtension } from './helpers';

async function api(): Promise<TokentierApi> {
  return (await activateExtension()).exports as TokentierApi;
}

describe('compare with a branch', function () {
  this.timeout(90_000);

  it('compares with a git ref and shows the diff', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('tokentier.compareWithBranch', { ref: 'HEAD' });
    assert.ok(uri, 'a diff document');
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const m = /(\d+) new · (\d+) changed · (\d+) removed · (\d+) unchanged/.exec(text);
    assert.ok(m, text.slice(0, 300));
    const [added, changed, removed, unchanged] = m.slice(1).map(Number) as [number, number, number, number];
    const { model } = await api();
    const folder = vscode.workspace.workspaceFolders![0]!;
    // Every working-tree site is new, changed or unchanged.
    assert.equal(added + changed + unchanged, (await model.report({ folder, prefix: false })).sites.length);
    // When the demo has no uncommitted changes, HEAD and the working tree have the same sites.
    const clean = await new Promise<boolean>((resolve) => execFile('git', ['diff', '--quiet', 'HEAD', '--', '.'], { cwd: folder.uri.fsPath }, (err) => resolve(!err)));
    const untracked = await new Promise<string>((resolve) => execFile('git', ['ls-files', '--others', '--exclude-standard', '.'], { cwd: folder.uri.fsPath }, (_e, out) => resolve(String(out).trim())));
    if (clean && untracked === '') assert.deepEqual([added, changed, removed], [0, 0, 0], text.slice(0, 500));
  });

});
