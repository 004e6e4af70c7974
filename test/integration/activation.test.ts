import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeLenses, openDemo, tabsLabelled, waitFor } from './helpers';

describe('activation (foundation slice, in the real extension host)', () => {
  it('runs in code-server with the workspace of the demo', () => {
    assert.equal(vscode.env.appName, 'code-server');
    const names = (vscode.workspace.workspaceFolders ?? []).map((f) => f.name);
    assert.deepEqual(names, ['demo']);
  });

  it('activates when a Python file opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const doc = await openDemo('app.py');
    assert.equal(doc.languageId, 'python');
    await waitFor(() => ext.isActive, (active) => active, 'the extension to activate on python');
  });

  it('puts a lens naming gpt-4o-mini above the OpenAI call in quick_label', async () => {
    const doc = await openDemo('app.py');
    // The expected line is found from the demo's text, independently of the detector: the first
    // `client.chat.completions.create(` call, whose literal model two lines below is "gpt-4o-mini".
    const lines = doc.getText().split('\n');
    const callLine = lines.findIndex((l) => l.includes('client.chat.completions.create('));
    assert.ok(callLine > 0, 'the demo has an OpenAI call');
    assert.match(lines[callLine + 1] ?? '', /model="gpt-4o-mini"/);
    const lenses = await waitFor(() => codeLenses(doc.uri), (l) => l.length > 0, 'CodeLenses on app.py');
    const onCall = lenses.filter((l) => l.range.start.line === callLine);
    assert.equal(onCall.length, 1, `one lens on line ${callLine + 1}; lenses: ${lenses.map((l) => `${l.range.start.line + 1}:${l.command?.title}`).join(' | ')}`);
    assert.match(onCall[0]?.command?.title ?? '', /gpt-4o-mini/);
  });

  it('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['tokentier.showLogs', 'tokentier.openTierAdvisor']) {
      assert.ok(all.includes(id), `${id} is registered`);
    }
  });

  it('opens the Tier Advisor as a webview tab', async () => {
    await vscode.commands.executeCommand('tokentier.openTierAdvisor');
    const tabs = await waitFor(() => tabsLabelled('Tokentier: Tier Advisor'), (t) => t.length === 1, 'a "Tokentier: Tier Advisor" tab');
    assert.ok(tabs[0]?.input instanceof vscode.TabInputWebview, 'the tab holds a webview');
    // Running the command again reveals the same panel instead of opening a second one.
    await vscode.commands.executeCommand('tokentier.openTierAdvisor');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(tabsLabelled('Tokentier: Tier Advisor').length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
