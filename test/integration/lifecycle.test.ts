// @workspace test/fixtures/workspaces/second
//
// Lifecycle (issue 10), in the real extension host, in its own workspace group: the last test disposes the
// extension's parts, so no other suite may share this host.
//
// - 1,000 rapid edits to a document leave no stale hints (the final lenses are exactly the calls of the final text,
//   with the final model of each) and no unbounded heap growth.
// - After the extension's parts are disposed, edits start no analysis, no lens is offered and no timer keeps piling
//   up. The extension has no hook that counts its live timers/watchers/disposables, and `deactivate` cannot be
//   called from inside the host without shutting it down; docs/reliability.md explains what this covers and what not.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import { mulberry32 as prng } from '../shared/generators.mjs';
import { activateExtension, codeLenses, waitFor } from './helpers';

/**
 * A full garbage collection, when the runtime lets the test ask for one (Node's `--expose-gc` set at run time, then
 * `gc` taken from a new context). Heap samples taken after it measure what is still referenced, not how far the
 * collector has got: without it, a CI run at load 30 saw the heap "grow" 30 MB per 250 edits that a later run on the
 * same code, sampled the same way, did not.
 */
const collect: (() => void) | undefined = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
})();

/** heapUsed after a full collection (two passes: the first may only finalise), or as it stands when none is available. */
function liveHeap(): number {
  if (collect) {
    collect();
    collect();
  }
  return process.memoryUsage().heapUsed;
}

const HEADER = 'from openai import OpenAI\n\nclient = OpenAI()\n';
const MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'o3-mini'];
const call = (model: string, n: number): string => `r${n} = client.chat.completions.create(model="${model}", messages=[{"role": "user", "content": "q${n}"}])`;

/** The calls of a text, found from the text itself (not by the detector): 0-based line → model. */
function expectedCalls(text: string): Map<number, string> {
  const out = new Map<number, string>();
  text.split('\n').forEach((l, i) => {
    const m = /client\.chat\.completions\.create\(model="([^"]+)"/.exec(l);
    if (m) out.set(i, m[1]!);
  });
  return out;
}

/** Our lenses as line → title. */
async function ourLenses(uri: vscode.Uri): Promise<Map<number, string>> {
  const lenses = (await codeLenses(uri)).filter((l) => l.command?.command.startsWith('tokentier.'));
  return new Map(lenses.map((l) => [l.range.start.line, l.command!.title]));
}

function matches(lenses: Map<number, string>, want: Map<number, string>): boolean {
  if (lenses.size !== want.size) return false;
  for (const [line, model] of want) if (!lenses.get(line)?.startsWith(`${model} · `)) return false;
  return true;
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

describe('lifecycle: rapid edits, memory, and disposal', function () {
  this.timeout(240_000);
  let api: TokentierApi;
  let doc: vscode.TextDocument;

  before(async () => {
    api = (await activateExtension()).exports as TokentierApi;
    const content = HEADER + MODELS.map((m, i) => call(m, i)).join('\n') + '\n';
    doc = await vscode.workspace.openTextDocument({ language: 'python', content });
    await vscode.window.showTextDocument(doc);
    await waitFor(() => ourLenses(doc.uri), (l) => matches(l, expectedCalls(doc.getText())), 'the first lenses of the untitled document', 30_000);
  });

  /** One random edit: insert a call, delete a line, change a model, or type a character (seeded). */
  async function randomEdit(rnd: () => number, n: number): Promise<void> {
    const lines = doc.lineCount;
    const line = 3 + Math.floor(rnd() * Math.max(1, lines - 4));
    const edit = new vscode.WorkspaceEdit();
    const r = rnd();
    if (r < 0.35) {
      edit.insert(doc.uri, new vscode.Position(line, 0), `${call(MODELS[n % MODELS.length]!, 1000 + n)}\n`);
    } else if (r < 0.55 && lines > 8) {
      edit.delete(doc.uri, new vscode.Range(line, 0, line + 1, 0));
    } else if (r < 0.85) {
      const text = doc.lineAt(Math.min(line, lines - 1)).text;
      const m = /model="([^"]+)"/.exec(text);
      if (m) {
        const start = text.indexOf(m[1]!);
        edit.replace(doc.uri, new vscode.Range(Math.min(line, lines - 1), start, Math.min(line, lines - 1), start + m[1]!.length), MODELS[(n * 7) % MODELS.length]!);
      } else edit.insert(doc.uri, new vscode.Position(Math.min(line, lines - 1), 0), '#');
    } else {
      // Typing: a comment character at the end of the file, then its removal on the next such edit.
      const last = doc.lineAt(lines - 1);
      if (last.text.endsWith('#')) edit.delete(doc.uri, new vscode.Range(last.lineNumber, last.text.length - 1, last.lineNumber, last.text.length));
      else edit.insert(doc.uri, last.range.end, '#');
    }
    assert.ok(await vscode.workspace.applyEdit(edit), `edit ${n} was refused`);
  }

  it('1,000 rapid edits: the final lenses are exactly the final calls with their final models; the heap does not grow without bound', async () => {
    const rnd = prng(20261123);
    for (let n = 0; n < 50; n++) await randomEdit(rnd, n);
    await waitFor(() => ourLenses(doc.uri), (l) => matches(l, expectedCalls(doc.getText())), 'lenses after the warm-up edits', 30_000);
    const heapBefore = liveHeap();
    const t0 = Date.now();
    for (let n = 50; n < 1050; n++) await randomEdit(rnd, n);
    const editMs = Date.now() - t0;
    const want = expectedCalls(doc.getText());
    assert.ok(want.size > 0, 'the edit sequence left no call (pick another seed)');
    const settled = Date.now();
    await waitFor(() => ourLenses(doc.uri), (l) => matches(l, want), `lenses matching the final text (${want.size} calls)`, 30_000);
    const settleMs = Date.now() - settled;
    // A late result of a superseded analysis must not replace the final one.
    await new Promise((r) => setTimeout(r, 1500));
    const late = await ourLenses(doc.uri);
    assert.ok(matches(late, want), `stale lenses 1.5 s later: ${JSON.stringify([...late])}`);
    const heapAfter = liveHeap();
    console.log(`      1,000 edits applied in ${editMs} ms; lenses settled ${settleMs} ms after the last edit; heap ${mb(heapBefore)} → ${mb(heapAfter)} (Δ ${mb(heapAfter - heapBefore)}); ${want.size} calls at the end`);
    // Generous: the whole extension host shares this heap, and no forced GC is available. A leak that kept every
    // superseded tree or result (1,000 × a parse tree) would exceed it.
    assert.ok(heapAfter - heapBefore < 96 * 1024 * 1024, `heap grew by ${mb(heapAfter - heapBefore)}`);
  });

  it('another 1,000 edits do not grow the heap further than the first 1,000 (no per-edit leak)', async () => {
    const rnd = prng(7);
    const samples: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let n = 0; n < 250; n++) await randomEdit(rnd, 2000 + round * 250 + n);
      await waitFor(() => ourLenses(doc.uri), (l) => matches(l, expectedCalls(doc.getText())), `lenses after round ${round}`, 30_000);
      samples.push(liveHeap());
    }
    console.log(`      heap after each 250 edits${collect ? ' (after a full GC)' : ''}: ${samples.map(mb).join(', ')}`);
    // Each round of 250 edits may not add more than 24 MB on average across the rounds.
    assert.ok((samples[3]! - samples[0]!) / 3 < 24 * 1024 * 1024, `heap per 250 edits: ${samples.map(mb).join(', ')}`);
  });

  it('after its parts are disposed, edits start no analysis, no lens is offered and timers do not pile up', async () => {
    // The analyses of the edits above were recorded, so "no new timing" below is a real observation.
    assert.ok(api.cache.timings.length > 0, 'no analysis was ever recorded');
    const parts = [api.cache, api.model, api.display, api.diagnostics, api.tree, api.statusBar, api.docs];
    for (const p of parts) p.dispose();
    // Whatever was scheduled before the dispose has had its chance to run (debounce is 250 ms by default).
    await new Promise((r) => setTimeout(r, 1000));
    const analyses = api.cache.timings.length;
    const lastTiming = api.cache.timings.at(-1);
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const rnd = prng(99);
    for (let n = 0; n < 200; n++) await randomEdit(rnd, 5000 + n);
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(api.cache.timings.length, analyses, 'an analysis ran after dispose');
    assert.equal(api.cache.timings.at(-1), lastTiming);
    assert.equal((await ourLenses(doc.uri)).size, 0, 'lenses are still offered after dispose');
    const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    console.log(`      active Timeout handles in the extension host: ${timersBefore} before 200 edits after dispose, ${timersAfter} after`);
    // The workbench has its own timers; ours would add one per edit (debounce) if anything still listened.
    assert.ok(timersAfter <= timersBefore + 5, `Timeout handles grew from ${timersBefore} to ${timersAfter}`);
  });
});
