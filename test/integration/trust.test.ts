// @trust restricted
// @host node web
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import { activateExtension, codeLenses, openDemo, waitFor, withSetting } from './helpers';

async function api(): Promise<TokentierApi> {
  return (await activateExtension()).exports as TokentierApi;
}

async function ourLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await codeLenses(uri)).filter((l) => l.command?.command.startsWith('tokentier.'));
}

describe('Restricted Mode (untrusted workspace)', function () {
  this.timeout(60_000);

  it('runs untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('ignores the workspace usage file: the demo call named in .tokentier/usage.yml uses the built-in 1k/day', async () => {
    await api();
    const doc = await openDemo('app.py');
    const line = doc.getText().split('\n').findIndex((l) => l.includes('client.chat.completions.create('));
    // .tokentier/usage.yml gives quick_label 3000 calls/day; the settings default for chat is 1000/day.
    const lenses = await waitFor(() => ourLenses(doc.uri), (l) => l.some((x) => x.range.start.line === line), 'a lens on quick_label');
    const title = lenses.find((x) => x.range.start.line === line)!.command!.title;
    assert.match(title, /@ 1k\/day · cost depends on usage$/);
  });

  it('ignores workspace settings that change costs', async () => {
    const doc = await openDemo('app.py');
    const before = (await waitFor(() => ourLenses(doc.uri), (l) => l.length > 0, 'lenses')).map((l) => l.command!.title);
    await withSetting(
      'tokentier',
      'usage.daysPerMonth',
      1,
      async () => {
        // Give a changed setting time to apply by waiting for the next analysis, then compare.
        const { cache } = await api();
        await cache.refresh(doc);
        const after = (await ourLenses(doc.uri)).map((l) => l.command!.title);
        assert.deepEqual(after, before);
      },
      vscode.ConfigurationTarget.Workspace,
    );
  });

  it('says why in the hover and the status bar', async () => {
    const { statusBar } = await api();
    const doc = await openDemo('app.py');
    const line = doc.getText().split('\n').findIndex((l) => l.includes('client.chat.completions.create('));
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('create') + 1);
    const hovers = await waitFor(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos),
      (h) => h.some((x) => x.contents.some((c) => (c as vscode.MarkdownString).value?.includes('**Tokentier**'))),
      'a Tokentier hover',
    );
    const md = hovers.flatMap((h) => h.contents).map((c) => (c as vscode.MarkdownString).value).find((v) => v.includes('**Tokentier**'))!;
    assert.ok(md.includes('Restricted Mode'), 'hover explains the defaults');
    await waitFor(() => statusBar.tooltip, (t) => t.includes('Restricted Mode'), 'status bar tooltip');
  });
});
