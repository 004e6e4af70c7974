// @host web
// Tokentier in the WEB WORKER extension host (package.json `browser`, as on vscode.dev and github.dev), on the demo:
// what differs from the desktop. The shared suites marked `// @host node web` (providers, commands, tree, settings,
// trust) run here too; this file checks the host itself, the scan over vscode.workspace.fs with the default excludes,
// the features that say they need a desktop window, and a gzipped usage export read without zlib.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReconcileCommandResult } from '../../src/vscode/commands/reconcileCommand';
import type { TokentierApi } from '../../src/vscode/extension';
import type { NeedsDesktop } from '../../src/vscode/platform';
import { activateExtension, codeLenses, demoUri, openDemo, waitFor } from './helpers';

async function api(): Promise<TokentierApi> {
  return (await activateExtension()).exports as TokentierApi;
}

const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('the web worker extension host', function () {
  this.timeout(90_000);

  it('runs the browser entry: a worker with no Node (no process, no require), and the web platform', async () => {
    const a = await api();
    assert.equal(a.host, 'web');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    // The web worker host evaluates extensions without Node's globals.
    assert.equal(typeof (globalThis as { require?: unknown }).require, 'undefined');
    assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'a web worker');
    // The engine came from dist/web/engine.js through vscode.workspace.fs: lenses need it.
    const doc = await openDemo('app.py');
    // The first analysis loads the engine (5 MB of script) and the Python grammar in the worker: allow for a loaded machine.
    await waitFor(() => codeLenses(doc.uri), (l) => l.some((x) => x.command?.command === 'tokentier.showSiteBreakdown'), 'a costed lens', 60_000);
  });

  it('scans the workspace in the extension host over vscode.workspace.fs, skipping the default excluded folders', async () => {
    const a = await api();
    const call = 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])\n';
    // One copy where a scan must look, and copies in folders every scan skips (src/core/excludes.ts).
    const planted = ['web_scan_probe.py', 'node_modules/pkg/probe.py', '.venv/lib/probe.py', 'build/probe.py'];
    for (const p of planted) await write(demoUri(p), call);
    try {
      await vscode.commands.executeCommand('tokentier.rescanWorkspace');
      await a.model.idle();
      assert.equal(a.model.lastScan?.mode, 'host', JSON.stringify(a.model.lastScan));
      const files = a.model.states()[0]!.files;
      // The demo's own calls (its README): found by the scan over vscode.workspace.fs.
      for (const f of ['app.py', 'agents.py', 'service/src/answer.ts', 'notebooks/ticket_themes.ipynb']) assert.ok(files.get(f)?.estimates.length, `${f} scanned`);
      assert.equal(files.get('web_scan_probe.py')?.estimates.length, 1, 'the planted call is found');
      for (const p of planted.slice(1)) assert.equal(files.has(p), false, `${p} is in an excluded folder`);
      assert.match(a.statusBar.text, /^\$\(pulse\) \$[\d,.]+\/mo/);
    } finally {
      for (const p of planted) await vscode.workspace.fs.delete(demoUri(p)).then(undefined, () => undefined);
      for (const d of ['node_modules', '.venv', 'build']) await vscode.workspace.fs.delete(demoUri(d), { recursive: true }).then(undefined, () => undefined);
      await vscode.commands.executeCommand('tokentier.rescanWorkspace');
      await a.model.idle();
    }
  });

  it('Compare Costs with Branch says plainly that it needs VS Code desktop', async () => {
    const r = await vscode.commands.executeCommand<NeedsDesktop | vscode.Uri | undefined>('tokentier.compareWithBranch', { ref: 'HEAD' });
    assert.ok(r && 'needsDesktop' in r, `a needs-desktop answer, got ${JSON.stringify(r)}`);
    assert.match(r.needsDesktop, /needs VS Code desktop/);
    assert.match(r.needsDesktop, /git/);
  });

  it('reconciles with a gzipped usage export read through vscode.workspace.fs (no zlib in a browser)', async () => {
    await api();
    const folder = vscode.workspace.workspaceFolders![0]!;
    const usage = demoUri('.tokentier/usage.yml');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(usage));
    // The public OpenAI sample × 1.2 (test/fixtures/reconcile/repo/exports/), next to the original demo on the server.
    const source = folder.uri.with({ path: `${(globalThis as { process?: { env: Record<string, string> } }).process!.env['TOKENTIER_INTEGRATION_SOURCE_WORKSPACE']}/../../test/fixtures/reconcile/repo/exports/openai_usage_x1.2.json` });
    const json = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
    const gz = demoUri('openai_usage_x1.2.json.gz');
    await vscode.workspace.fs.writeFile(gz, await gzip(json));
    try {
      const r = await vscode.commands.executeCommand<ReconcileCommandResult>('tokentier.reconcileUsage', { files: [gz.toString()], folder: folder.uri.toString(), apply: false });
      const mini = r.outcome.result.models.find((m) => m.model === 'gpt-4o-mini')!;
      assert.equal(mini.status, 'matched');
      // Billed requests per day: 1.2 × (3,100 + 2,980 + 3,050) / 3 = 3,652 (as test/integration/reconcile.test.ts).
      assert.ok(Math.abs(mini.billed.calls! - 3652) < 1e-9, String(mini.billed.calls));
      assert.equal(r.written, false);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(usage)), original);
    } finally {
      await vscode.workspace.fs.delete(gz).then(undefined, () => undefined);
    }
  });

  it('opens the Tier Advisor, whose view is computed from the workspace', async () => {
    const a = await api();
    await vscode.commands.executeCommand('tokentier.openTierAdvisor');
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview), (t) => t.length > 0, 'a webview tab');
    await vscode.commands.executeCommand('tokentier.openTierAdvisor', { kind: 'workspace' });
    // The panel is reused (an earlier suite may have opened it on one site): wait for the workspace's view.
    const view = await waitFor(() => a.advisorView(), (v) => v?.scope.kind === 'workspace', 'the advisor view of the workspace');
    assert.ok(view);
    assert.equal(view.sites, a.model.estimates().filter((e) => !e.site.ignored).length, 'every non-ignored site of the workspace');
    assert.ok(view.workload.requestsPerDay > 0);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
