import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TierComparison } from '../../src/core/tiers/types';
import type { WorkloadNotes } from '../../src/core/tiers/workload';
import type { TokentierApi } from '../../src/vscode/extension';
import { writeFileAtomic } from '../../src/vscode/webview/advisorPanel';
import { activateExtension, codeLenses, demoUri, openDemo, waitFor } from './helpers';

const VIEW_TYPE = 'tokentier.tierAdvisor';

/** Open Tier Advisor tabs (webview tabs of our view type). */
function advisorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

async function closeAdvisors(): Promise<void> {
  const tabs = advisorTabs();
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

describe('Tier Advisor panel (in the real extension host)', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAdvisors);

  it('opens through the command, in one tab titled "Tokentier: Tier Advisor"', async () => {
    await vscode.commands.executeCommand('tokentier.openTierAdvisor');
    const tabs = await waitFor(advisorTabs, (t) => t.length === 1, 'one Tier Advisor tab');
    assert.equal(tabs[0]!.label, 'Tokentier: Tier Advisor');
    // A second invocation reveals the same panel instead of opening another.
    await vscode.commands.executeCommand('tokentier.openTierAdvisor');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(advisorTabs().length, 1);
  });

  it('opens on one call site with the arguments a CodeLens passes ({ uri, siteId })', async () => {
    const doc = await openDemo('app.py');
    // The call line, found from the text independently of the detector (1-based for the title).
    const callLine = doc.getText().split('\n').findIndex((l) => l.includes('client.chat.completions.create(')) + 1;
    const lenses = await waitFor(() => codeLenses(doc.uri), (l) => l.some((x) => x.range.start.line === callLine - 1), 'a lens on the first call');
    const args = lenses.find((l) => l.range.start.line === callLine - 1)!.command!.arguments![0] as { uri: string; siteId: string };
    assert.ok(args.siteId, 'the lens passes a site id');
    await vscode.commands.executeCommand('tokentier.openTierAdvisor', { kind: 'site', uri: args.uri, siteId: args.siteId });
    // The title names the scope once the host has computed it (the file name and the call's line).
    const tabs = await waitFor(advisorTabs, (t) => t.length === 1 && t[0]!.label === `Tokentier: Tier Advisor (app.py:${callLine})`, `the advisor on app.py:${callLine}`, 30_000);
    assert.equal(tabs.length, 1);
  });

  it('opens on one file when given a file URI (explorer context)', async () => {
    await vscode.commands.executeCommand('tokentier.openTierAdvisor', demoUri('agents.py'));
    await waitFor(advisorTabs, (t) => t.length === 1 && t[0]!.label === 'Tokentier: Tier Advisor (agents.py)', 'the advisor on agents.py', 30_000);
  });

  it('falls back to the workspace for a malformed argument (never throws)', async () => {
    await vscode.commands.executeCommand('tokentier.openTierAdvisor', { kind: 'site', uri: 42, siteId: '<img src=x onerror=alert(1)>' });
    const tabs = await waitFor(advisorTabs, (t) => t.length === 1, 'one Tier Advisor tab');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(tabs[0]!.label, 'Tokentier: Tier Advisor');
  });

  it('shows the workload `tokentier tiers --format json` prints for the same folder (one workload builder)', async () => {
    const ext = await activateExtension();
    const api = ext.exports as TokentierApi;
    await vscode.commands.executeCommand('tokentier.openTierAdvisor');
    // The first view may come before the workspace scan has finished: wait for the one with every demo site.
    await api.model.idle();
    const view = await waitFor(() => api.advisorView(), (v) => v !== undefined && v.scope.kind === 'workspace' && v.sites === api.model.estimates().filter((e) => !e.site.ignored).length, 'the workspace view', 60_000);
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const out = execFileSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'tiers', folder, '--format', 'json', '--quiet'], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    const cli = JSON.parse(out) as TierComparison & { workloadNotes: WorkloadNotes; messages: string[] };
    assert.deepEqual(view!.workload, cli.workload);
    assert.deepEqual(view!.workloadNotes, cli.workloadNotes);
    assert.deepEqual(view!.messages, cli.messages);
  });

  it('has registered a webview panel serializer for its view type (a second registration is refused)', () => {
    // VS Code allows one serializer per view type and throws on a duplicate: the throw proves ours is registered.
    assert.throws(
      () => vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, { deserializeWebviewPanel: async () => undefined }),
      /already registered/i,
    );
  });

  it('exports atomically and never overwrites without confirmation', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-export-'));
    try {
      const target = vscode.Uri.file(path.join(dir, 'tier-advisor.md'));
      let asked = 0;
      // New file: written, no question asked.
      assert.equal(await writeFileAtomic(target, 'first', async () => (++asked, true)), true);
      assert.equal(asked, 0);
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), 'first');
      // Existing file, user declines: nothing written.
      assert.equal(await writeFileAtomic(target, 'second', async () => (++asked, false)), false);
      assert.equal(asked, 1);
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), 'first');
      // Existing file, user confirms: replaced.
      assert.equal(await writeFileAtomic(target, 'third', async () => (++asked, true)), true);
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), 'third');
      assert.deepEqual(fs.readdirSync(dir), ['tier-advisor.md'], 'no temp file left behind');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
