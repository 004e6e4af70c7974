// @host node web
// The palette commands, in both extension hosts (Node and the web worker); Compare with Branch, which needs git, is in
// compare.test.ts (Node) and web.test.ts (the web host says it needs the desktop).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import { activateExtension, codeLenses, demoUri, openDemo, waitFor } from './helpers';

/** CommonMark backslash escapes removed (`app\\.py` → `app.py`). */
const unescapeMarkdown = (md: string): string => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

async function api(): Promise<TokentierApi> {
  return (await activateExtension()).exports as TokentierApi;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

const COMMANDS = [
  'tokentier.showCostReport',
  'tokentier.exportCostReport',
  'tokentier.openTierAdvisor',
  'tokentier.rescanWorkspace',
  'tokentier.toggleInlineHints',
  'tokentier.openPriceBook',
  'tokentier.openUsageAssumptions',
  'tokentier.showLogs',
  'tokentier.compareWithBranch',
  'tokentier.showSiteBreakdown',
];

describe('commands', function () {
  this.timeout(90_000);
  // Exports go to a folder of the (throwaway) workspace copy: a path every host can write through vscode.workspace.fs.
  const tmp = demoUri('.tokentier-it-exports');

  after(async () => {
    await vscode.workspace.fs.delete(tmp, { recursive: true }).then(undefined, () => undefined);
  });

  it('registers every declared command', async () => {
    await api();
    const all = await vscode.commands.getCommands(true);
    for (const id of COMMANDS) assert.ok(all.includes(id), id);
  });

  it('rescans the workspace and shows the monthly total in the status bar', async () => {
    const { statusBar, model } = await api();
    await vscode.commands.executeCommand('tokentier.rescanWorkspace');
    await model.idle();
    const files = model.states()[0]!.files;
    // app.py, agents.py, service/src/answer.ts and the notebook each have calls (see the demo README).
    for (const f of ['app.py', 'agents.py', 'service/src/answer.ts', 'notebooks/ticket_themes.ipynb']) assert.ok(files.get(f)?.estimates.length, `${f} scanned`);
    assert.match(statusBar.text, /^\$\(pulse\) \$[\d,.]+\/mo/);
  });

  it('shows the breakdown of a site from its lens', async () => {
    const doc = await openDemo('app.py');
    const lenses = await waitFor(() => codeLenses(doc.uri), (l) => l.some((x) => x.command?.command === 'tokentier.showSiteBreakdown'), 'a lens');
    const lens = lenses.find((x) => x.command?.command === 'tokentier.showSiteBreakdown')!;
    const uri = await vscode.commands.executeCommand<vscode.Uri>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(uri.scheme, 'tokentier');
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.ok(text.startsWith('**Tokentier**'));
    assert.ok(text.includes('**Price per call**'));
    assert.ok(!text.includes('command:'), 'no command links in the breakdown document');
  });

  it('shows the cost report with every scanned file', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('tokentier.showCostReport', { scope: 'workspace' });
    // Markdown backslash-escapes punctuation in file names (`_`, and `.` and `:` since issue 17): read it unescaped.
    const text = unescapeMarkdown((await vscode.workspace.openTextDocument(uri)).getText());
    for (const f of ['app.py', 'agents.py', 'service/src/answer.ts', 'notebooks/ticket_themes.ipynb']) assert.ok(text.includes(f), `report mentions ${f}`);
  });

  it('exports JSON, CSV and Markdown reports whose totals equal the sum of the sites', async () => {
    const { model } = await api();
    await model.idle();
    const jsonTarget = vscode.Uri.joinPath(tmp, 'report.json');
    await vscode.commands.executeCommand('tokentier.exportCostReport', { format: 'json', scope: 'workspace', target: jsonTarget.toString(), overwrite: true });
    const report = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(jsonTarget))) as {
      sites: { site: { file: string; line: number; ignored?: boolean }; cost: { perMonth: { expected: number } | null } }[];
      totals: { workspace: { perMonth: { expected: number }; sites: number } };
    };
    const app = (await openDemo('app.py')).getText().split('\n');
    const lines = app.flatMap((l, i) => (l.includes('client.chat.completions.create(') ? [i + 1] : []));
    for (const line of lines) assert.ok(report.sites.some((s) => s.site.file === 'app.py' && s.site.line === line), `app.py:${line} in the export`);
    const sum = report.sites.filter((s) => !s.site.ignored && s.cost.perMonth).reduce((a, s) => a + s.cost.perMonth!.expected, 0);
    assert.ok(Math.abs(sum - report.totals.workspace.perMonth.expected) < 1e-9, `total ${report.totals.workspace.perMonth.expected} = sum ${sum}`);
    assert.equal(report.totals.workspace.sites, report.sites.filter((s) => !s.site.ignored).length);

    const csvTarget = vscode.Uri.joinPath(tmp, 'report.csv');
    await vscode.commands.executeCommand('tokentier.exportCostReport', { format: 'csv', scope: 'workspace', target: csvTarget.toString(), overwrite: true });
    const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(csvTarget)).trim().split(/\r?\n/);
    assert.equal(csv.length - 1, report.sites.length, 'one CSV row per site');

    const mdTarget = vscode.Uri.joinPath(tmp, 'report.md');
    await vscode.commands.executeCommand('tokentier.exportCostReport', { format: 'markdown', scope: 'workspace', target: mdTarget.toString(), overwrite: true });
    assert.ok(unescapeMarkdown(new TextDecoder().decode(await vscode.workspace.fs.readFile(mdTarget))).includes('app.py'));
    // Atomic write: no temporary file is left next to the target.
    const left = (await vscode.workspace.fs.readDirectory(tmp)).map(([n]) => n).filter((n) => n.endsWith('.tmp'));
    assert.deepEqual(left, []);
  });

  it('toggles inline hints off and back on', async () => {
    const doc = await openDemo('app.py');
    const ours = async () => (await codeLenses(doc.uri)).filter((l) => l.command?.command.startsWith('tokentier.'));
    await waitFor(ours, (l) => l.length > 0, 'lenses before');
    assert.equal(await vscode.commands.executeCommand('tokentier.toggleInlineHints'), 'off');
    try {
      await waitFor(ours, (l) => l.length === 0, 'no lenses when off');
    } finally {
      assert.equal(await vscode.commands.executeCommand('tokentier.toggleInlineHints'), 'codeLens');
    }
    await waitFor(ours, (l) => l.length > 0, 'lenses again');
    await vscode.workspace.getConfiguration('tokentier').update('display', undefined, vscode.ConfigurationTarget.Global);
  });

  it('opens the existing price book (the demo has .tokentier/prices.yml) without changing it', async () => {
    const yml = demoUri('.tokentier/prices.yml');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(yml));
    try {
      await vscode.commands.executeCommand('tokentier.openPriceBook');
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === yml.toString(), 'the price book editor');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(yml)), before, 'unchanged');
      assert.equal(await exists(demoUri('.tokentier/prices.json')), false, 'no second price book created');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('creates the price book with a schema reference when missing, and opens it', async () => {
    // Move the demo's price book aside (the integration workspace is a throwaway copy) and put it back after.
    const yml = demoUri('.tokentier/prices.yml');
    const aside = demoUri('.tokentier/prices.yml.aside');
    const uri = demoUri('.tokentier/prices.json');
    await vscode.workspace.fs.rename(yml, aside, { overwrite: true });
    try {
      await vscode.commands.executeCommand('tokentier.openPriceBook');
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === uri.toString(), 'the new price book editor');
      const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, unknown>;
      assert.equal(json.$schema, 'tokentier:/schemas/prices.schema.json');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      if (await exists(uri)) await vscode.workspace.fs.delete(uri);
      await vscode.workspace.fs.rename(aside, yml, { overwrite: true });
    }
  });

  it('opens the existing usage assumptions without overwriting them', async () => {
    const uri = demoUri('.tokentier/usage.yml');
    const before = (await exists(uri)) ? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) : undefined;
    try {
      await vscode.commands.executeCommand('tokentier.openUsageAssumptions');
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === uri.toString(), 'the usage file editor');
      const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (before !== undefined) assert.equal(after, before, 'unchanged');
      else assert.match(after, /^defaults:/m);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      if (before === undefined) await vscode.workspace.fs.delete(uri);
    }
  });

  it('"Edit assumptions" on a site opens the usage-file entry that sets its figures, with the cursor on it', async () => {
    const doc = await openDemo('app.py');
    const usage = demoUri('.tokentier/usage.yml');
    // The entry is found from the file's text, independently of the loader's line numbers.
    const usageLines = new TextDecoder().decode(await vscode.workspace.fs.readFile(usage)).split('\n');
    const lensesAfter = async (fn: string) => {
      const def = doc.getText().split('\n').findIndex((l) => l.startsWith(`def ${fn}(`));
      assert.ok(def >= 0, `app.py defines ${fn}`);
      const lenses = await waitFor(() => codeLenses(doc.uri), (l) => l.some((x) => x.command?.command === 'tokentier.showSiteBreakdown'), 'the lenses of app.py');
      const lens = lenses.filter((l) => l.command?.command === 'tokentier.showSiteBreakdown' && l.range.start.line > def).sort((a, b) => a.range.start.line - b.range.start.line)[0];
      return lens!.command!.arguments![0] as { uri: string; siteId: string };
    };
    for (const fn of ['quick_label', 'triage_batch']) {
      const entryLine = usageLines.findIndex((l) => l.includes(`function: ${fn} }`));
      assert.ok(entryLine > 0, `usage.yml has an entry for ${fn}`);
      try {
        await vscode.commands.executeCommand('tokentier.openUsageAssumptions', await lensesAfter(fn));
        const editor = await waitFor(() => vscode.window.activeTextEditor, (e) => e?.document.uri.toString() === usage.toString(), 'the usage file editor');
        assert.equal(editor!.selection.active.line, entryLine, `the cursor is on the ${fn} entry`);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      }
    }
    // summarize has no entry of its own (chat defaults apply): the usage file opens, unchanged.
    const before = usageLines.join('\n');
    try {
      await vscode.commands.executeCommand('tokentier.openUsageAssumptions', await lensesAfter('summarize'));
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === usage.toString(), 'the usage file editor');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(usage)), before);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('shows the logs and opens the Tier Advisor for a site', async () => {
    await vscode.commands.executeCommand('tokentier.showLogs');
    const doc = await openDemo('app.py');
    const lens = (await codeLenses(doc.uri)).find((x) => x.command?.command === 'tokentier.showSiteBreakdown')!;
    await vscode.commands.executeCommand('tokentier.openTierAdvisor', ...(lens.command!.arguments ?? []));
    await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview),
      (t) => t.length > 0,
      'a webview tab',
    );
  });
});
