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

async function ourHints(doc: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const all = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0))) ?? [];
  return all.filter((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).includes('/call'));
}

describe('settings', function () {
  this.timeout(60_000);

  it('switches providers with tokentier.display', async () => {
    const { display } = await api();
    const doc = await openDemo('app.py');
    await waitFor(() => ourLenses(doc.uri), (l) => l.length > 0, 'lenses in codeLens mode');
    assert.equal((await ourHints(doc)).length, 0, 'no inlay hints in codeLens mode');
    await withSetting('tokentier', 'display', 'inlay', async () => {
      await waitFor(() => display.display, (m) => m === 'inlay', 'inlay mode');
      await waitFor(() => ourHints(doc), (h) => h.length >= 3, 'inlay hints');
      assert.equal((await ourLenses(doc.uri)).length, 0, 'the CodeLens provider is disposed');
    });
    await withSetting('tokentier', 'display', 'both', async () => {
      await waitFor(() => ourHints(doc), (h) => h.length >= 3, 'inlay hints in both mode');
      await waitFor(() => ourLenses(doc.uri), (l) => l.length >= 3, 'lenses in both mode');
    });
    await withSetting('tokentier', 'display', 'off', async () => {
      await waitFor(() => ourLenses(doc.uri), (l) => l.length === 0, 'no lenses when off');
      assert.equal((await ourHints(doc)).length, 0);
    });
    await waitFor(() => ourLenses(doc.uri), (l) => l.length > 0, 'lenses back');
  });

  it('re-applies a changed setting without a reload', async () => {
    const doc = await openDemo('agents.py');
    await waitFor(() => ourLenses(doc.uri), (l) => l.length > 0, 'lenses');
    const before = (await ourLenses(doc.uri)).map((l) => l.command!.title);
    await withSetting('tokentier', 'usage.daysPerMonth', 1, async () => {
      // One day per month: every monthly figure drops to the daily one, so every title changes.
      await waitFor(
        () => ourLenses(doc.uri),
        (l) => l.length === before.length && l.every((x, i) => x.command!.title !== before[i]),
        'every lens to change after the setting changed',
      );
    });
  });

  it('falls back per field on a bad value and keeps working', async () => {
    const doc = await openDemo('app.py');
    await withSetting('tokentier', 'currency', 'dollars', async () => {
      const lenses = await waitFor(() => ourLenses(doc.uri), (l) => l.length >= 3, 'lenses with a bad currency');
      assert.ok(lenses.some((l) => l.command!.title.includes('$')), 'the default currency (USD) applies');
    });
  });
});
