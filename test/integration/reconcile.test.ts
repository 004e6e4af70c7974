// Tokentier: Reconcile with Usage Export… in the real extension host, on the demo: the public OpenAI sample × 1.2
// (test/fixtures/reconcile/repo/exports/openai_usage_x1.2.json) against the demo's gpt-4o-mini (4 sites) and gpt-4o.
// The preview says how the sites were scaled; nothing is written unless asked; written, the usage file keeps its
// comments and the hover says the site is calibrated. The HTML export of the cost report is checked here too.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import type { ReconcileCommandResult } from '../../src/vscode/commands/reconcileCommand';
import { activateExtension, demoUri, openDemo, waitFor } from './helpers';

const source = process.env['TOKENTIER_INTEGRATION_SOURCE_WORKSPACE'] ?? '';
const repoRoot = path.resolve(source, '..', '..');
const exportUri = vscode.Uri.file(path.join(repoRoot, 'test', 'fixtures', 'reconcile', 'repo', 'exports', 'openai_usage_x1.2.json'));

async function text(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The hover over the first `create(` call after the line containing `needle`. */
async function hoverAt(doc: vscode.TextDocument, needle: string): Promise<string> {
  const lines = doc.getText().split('\n');
  const from = lines.findIndex((l) => l.includes(needle));
  const line = lines.findIndex((l, i) => i > from && l.includes('.create('));
  const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('create') + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.flatMap((h) => h.contents).map((c) => (c as vscode.MarkdownString).value ?? '').join('\n');
}

describe('reconcile with a usage export (palette command)', function () {
  this.timeout(120_000);
  const usageUri = () => demoUri('.tokentier/usage.yml');
  let original = '';

  before(async () => {
    const { model } = (await activateExtension()).exports as TokentierApi;
    await model.idle();
    original = await text(usageUri());
  });

  after(async () => {
    await vscode.workspace.fs.writeFile(usageUri(), new TextEncoder().encode(original));
    const { model } = (await activateExtension()).exports as TokentierApi;
    await model.idle();
  });

  it('is in the palette', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('tokentier.reconcileUsage'));
  });

  it('shows the comparison, says the four gpt-4o-mini sites are scaled together, and writes nothing when not asked', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.toString();
    const r = await vscode.commands.executeCommand<ReconcileCommandResult>('tokentier.reconcileUsage', { files: [exportUri.toString()], folder, apply: false });
    assert.equal(r.written, false);
    const result = r.outcome.result;
    const mini = result.models.find((m) => m.model === 'gpt-4o-mini')!;
    assert.equal(mini.status, 'matched');
    assert.equal(mini.sites.length, 4);
    // Billed requests per day: 1.2 × (3,100 + 2,980 + 3,050) / 3 = 3,652.
    assert.ok(Math.abs(mini.billed.calls! - 3652) < 1e-9);
    assert.equal(mini.scale?.basis, 'requests');
    assert.ok(r.outcome.proposed, 'a proposal');
    assert.equal(r.preview.scheme, 'tokentier');
    // The Markdown escapes the punctuation of data (':' and '.' included, so nothing autolinks): read it unescaped.
    const preview = (await vscode.workspace.openTextDocument(r.preview)).getText().replace(/\\(.)/g, '$1');
    assert.ok(preview.includes('4 sites call gpt-4o-mini: the bill cannot tell which site spent what, so every one of them is scaled by billed ÷ predicted requests'));
    assert.ok(preview.includes('### Usage-file proposal'));
    assert.equal(await text(usageUri()), original);
  });

  it('applies the proposal: comments kept, calibrated entries, and the hover says so', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.toString();
    const r = await vscode.commands.executeCommand<ReconcileCommandResult>('tokentier.reconcileUsage', { files: [exportUri.toString()], folder, apply: true });
    assert.equal(r.written, true);
    const now = await text(usageUri());
    for (const line of original.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(now.includes(line), `comment kept: ${line}`);
    assert.ok(now.includes('calibrated: { from: "2026-09-01", to: "2026-09-03"'));
    const { model } = (await activateExtension()).exports as TokentierApi;
    const doc = await openDemo('app.py');
    const md = await waitFor(
      async () => {
        await model.idle();
        return hoverAt(doc, 'def quick_label');
      },
      (h) => h.includes('calibrated against usage of'),
      'the hover to say the site is calibrated',
      30_000,
    );
    assert.ok(md.includes('calibrated against usage of 2026\\-09\\-01 – 2026\\-09\\-03'), md);
  });

  it('exports the cost report as a self-contained HTML page', async () => {
    const target = vscode.Uri.file(path.join(os.tmpdir(), `tokentier-it-html-${process.pid}.html`));
    await vscode.commands.executeCommand('tokentier.exportCostReport', { format: 'html', scope: 'workspace', target: target.toString(), overwrite: true });
    const page = await text(target);
    assert.ok(page.startsWith('<!DOCTYPE html>'));
    assert.ok(page.includes('app.py') && page.includes('prefers-color-scheme') && !page.includes('<script'));
    await vscode.workspace.fs.delete(target);
  });
});
