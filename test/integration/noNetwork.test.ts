// No network from the extension (issue 10), in the real extension host.
//
// While the test runs, net.connect/createConnection, tls.connect, http/https.request/get and globalThis.fetch are
// wrapped. Every call is recorded with its stack; a call whose stack passes through our bundles (dist/extension.js,
// dist/engine.js) is blocked and fails the test. Calls from the workbench or other extensions are not ours: they pass
// through untouched (and are counted, for the record). A positive control proves the wrapper catches a call made from
// code whose stack names dist/extension.js.
import * as assert from 'node:assert/strict';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import type * as Net from 'node:net';
import type * as Tls from 'node:tls';
import * as vscode from 'vscode';
import { activateExtension, codeLenses, openDemo, waitFor } from './helpers';

type Patched = { obj: Record<string, unknown>; key: string; original: unknown };

const OUR_BUNDLE = /[\\/]dist[\\/](extension|engine)\.js/;

// The real module objects (the ones the extension would get from require), not a bundler's namespace copy: wrapping
// a copy would catch nothing.
const nodeRequire = createRequire(__filename);
const net = nodeRequire('node:net') as typeof Net;
const tls = nodeRequire('node:tls') as typeof Tls;
const http = nodeRequire('node:http') as typeof Http;
const https = nodeRequire('node:https') as typeof Https;

describe('no network from the extension (net/http/https/tls/fetch wrapped)', function () {
  this.timeout(120_000);
  const patched: Patched[] = [];
  const ours: string[] = [];
  let others = 0;

  function wrap(obj: object, key: string, label: string): void {
    const target = obj as Record<string, unknown>;
    const original = target[key];
    if (typeof original !== 'function') return;
    patched.push({ obj: target, key, original });
    const fn = original as (...args: unknown[]) => unknown;
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      const stack = new Error(label).stack ?? '';
      if (OUR_BUNDLE.test(stack)) {
        ours.push(`${label}(${JSON.stringify(args[0])?.slice(0, 120) ?? ''})\n${stack}`);
        throw new Error(`Tokentier must not use the network (${label})`);
      }
      others++;
      return fn.apply(this, args);
    };
    try {
      target[key] = wrapper;
    } catch {
      // A read-only export (rare): then it cannot be wrapped, and the strace check of the CLI is the evidence.
      patched.pop();
    }
  }

  before(async () => {
    // Wrap before the extension does anything in this test: activation, scans and the advisor all run after.
    wrap(net, 'connect', 'net.connect');
    wrap(net, 'createConnection', 'net.createConnection');
    wrap(tls, 'connect', 'tls.connect');
    wrap(http, 'request', 'http.request');
    wrap(http, 'get', 'http.get');
    wrap(https, 'request', 'https.request');
    wrap(https, 'get', 'https.get');
    wrap(globalThis, 'fetch', 'fetch');
    assert.ok(patched.length >= 7, `only ${patched.length} functions could be wrapped`);
    await activateExtension();
  });

  after(() => {
    for (const p of patched.reverse()) p.obj[p.key] = p.original;
    console.log(`      network calls seen during the test: ${ours.length} from our bundles, ${others} from the workbench/other extensions`);
  });

  it('positive control: a call whose stack names dist/extension.js is caught', () => {
    // `//# sourceURL` makes V8 name this function's frame after our bundle's path.
    const viaOurBundle = new Function('f', 'return f();\n//# sourceURL=/ext/tokentier/dist/extension.js') as (f: () => unknown) => unknown;
    const before = ours.length;
    assert.throws(() => viaOurBundle(() => net.connect({ host: '203.0.113.1', port: 443 })), /must not use the network/);
    assert.equal(ours.length, before + 1);
    ours.pop();
  });

  it('opening demo files, lenses, hovers, Rescan Workspace, Show Cost Report and the Tier Advisor make no network call', async () => {
    for (const file of ['app.py', 'agents.py', 'service/src/answer.ts']) {
      const doc = await openDemo(file);
      const lenses = await waitFor(() => codeLenses(doc.uri), (l) => l.some((x) => x.command?.command.startsWith('tokentier.')), `a lens on ${file}`);
      const lens = lenses.find((x) => x.command?.command.startsWith('tokentier.'))!;
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, lens.range.start.translate(0, 1));
    }
    const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'notebooks', 'ticket_themes.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('tokentier.rescanWorkspace');
    const report = await vscode.commands.executeCommand<vscode.Uri>('tokentier.showCostReport', { scope: 'workspace' });
    assert.ok(report, 'the cost report opened');
    const app = await openDemo('app.py');
    const lens = (await codeLenses(app.uri)).find((x) => x.command?.command === 'tokentier.showSiteBreakdown')!;
    await vscode.commands.executeCommand('tokentier.openTierAdvisor', ...(lens.command!.arguments ?? []));
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview), (t) => t.length > 0, 'the Tier Advisor tab');
    // Give the advisor's engine calls and the background scan time to run.
    await new Promise((r) => setTimeout(r, 3000));
    assert.deepEqual(ours, [], `network calls from our bundles:\n${ours.join('\n\n')}`);
  });
});
