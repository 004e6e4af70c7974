// @workspace test/fixtures/workspaces/advice
// Issue #22 in the real extension host: deprecated models in the lens, hover and Problems panel; the best cheaper
// model in the hover; quick fixes that change the model string where it is written. The models are chosen so the
// outcome does not depend on the day the suite runs: OpenAI retired text-davinci-003 on 2024-01-04 and
// gpt-4-vision-preview on 2024-12-06 (deprecations page); gpt-4o and gpt-4o-mini carry no deprecation notice.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeLenses, demoUri, openDemo, waitFor, withSetting } from './helpers';

async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const at = doc.positionAt(doc.getText().indexOf(needle));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
  // The formatter escapes every punctuation character of data for Markdown; read the text as a person sees it.
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
}

async function actionsAt(doc: vscode.TextDocument, needle: string): Promise<vscode.CodeAction[]> {
  const at = doc.positionAt(doc.getText().indexOf(needle));
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at))) ?? [];
}

describe('advice: deprecated models and cheaper models (#22)', function () {
  this.timeout(90_000);
  before(() => activateExtension());

  it('the lens says a retired model is retired, with the date', async () => {
    const doc = await openDemo('advice_retired.py');
    const lenses = await waitFor(() => codeLenses(doc.uri), (l) => l.filter((x) => x.command?.title.includes('retired')).length === 2, 'two lenses marked retired');
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.startsWith('text-davinci-003') && t.endsWith('⚠ retired 2024-01-04')), JSON.stringify(titles));
    assert.ok(titles.some((t) => t.startsWith('gpt-4-vision-preview') && t.endsWith('⚠ retired 2024-12-06')), JSON.stringify(titles));
  });

  it('the hover names the retirement, the replacement and the monthly cost of migrating, with its source', async () => {
    const doc = await openDemo('advice_retired.py');
    const md = await waitFor(() => hoverText(doc, 'chat.completions.create'), (t) => t.includes('Retired model'), 'the retired-model hover');
    assert.match(md, /gpt-4-vision-preview on OpenAI API: retired 2024-12-06, calls fail \(announced 2024-06-06\)/);
    assert.match(md, /replacement gpt-4o: −\$[\d,.]+\/mo at this site's usage/);
    assert.match(md, /source: OpenAI API docs: Deprecations \(copy of 2026-06-27\) https:\/\/developers\.openai\.com\/api\/docs\/deprecations/);
  });

  it('"Migrate to gpt-4o" rewrites the literal in the call; a replacement reached through a retired one gets no quick fix', async () => {
    const doc = await openDemo('advice_retired.py');
    const vision = await waitFor(() => actionsAt(doc, 'chat.completions.create'), (a) => a.some((x) => x.title.startsWith('Migrate to gpt-4o')), 'the migrate action');
    const migrate = vision.find((x) => x.title.startsWith('Migrate to gpt-4o'))!;
    assert.match(migrate.title, /^Migrate to gpt-4o \(OpenAI API's replacement, −\$[\d,.]+\/mo\) — in the call$/);
    assert.equal(migrate.isPreferred, true);
    // text-davinci-003 → gpt-3.5-turbo-instruct (retired too) → gpt-5.4-mini, which takes the chat API: by hand.
    const legacy = await actionsAt(doc, 'Completion.create');
    assert.ok(!legacy.some((x) => x.title.startsWith('Migrate')), JSON.stringify(legacy.map((x) => x.title)));
    assert.match(await hoverText(doc, 'Completion.create'), /replacement gpt-3\.5-turbo-instruct → priced as gpt-5\.4-mini \(via gpt-3\.5-turbo-instruct, retired too\)/);
    assert.ok(await vscode.workspace.applyEdit(migrate.edit!));
    assert.match(doc.getText(), /model="gpt-4o",\n/);
    await waitFor(() => codeLenses(doc.uri), (l) => l.some((x) => x.command?.title.startsWith('gpt-4o ·')), 'the lens on gpt-4o');
    await doc.save();
  });

  it('the hover shows the best cheaper model with its saving, fit and a dated quality caveat', async () => {
    const doc = await openDemo('advice_cheaper.py');
    const md = await waitFor(() => hoverText(doc, 'chat.completions.create'), (t) => t.includes('Cheaper model'), 'the cheaper-model hover');
    assert.match(md, /\*\*Cheaper model\*\*: gpt-4o-mini saves \$[\d,.]+\/mo \(94 %\) at (the assumed usage|this site's usage) \(same client: change the model string\)/);
    assert.match(md, /fit: ✓ input up to [\d,]+ tokens \(estimate: some input is only known at run time\); max input 128,000; ✓ output up to [\d,]+ tokens \(estimate\); max output 16,384/);
    assert.match(md, /quality: LMArena text, 2025-08-04: gpt-4o-mini 1288 ±3 vs gpt-4o 1285 ±3, 3 points higher \(within the confidence intervals\)/);
  });

  it('diagnostics: the cheaper-model one only with its setting, the deprecated one only with diagnostics on', async () => {
    const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tokentier').map((d) => String(d.code));
    const cheaper = await openDemo('advice_cheaper.py');
    await waitFor(() => codeLenses(cheaper.uri), (l) => l.length > 0, 'the lens');
    assert.ok(!codes(cheaper.uri).includes('cheaper-model'), 'off by default');
    await withSetting('tokentier', 'diagnostics.cheaperModels', true, async () => {
      const d = await waitFor(() => vscode.languages.getDiagnostics(cheaper.uri).filter((x) => x.code === 'cheaper-model'), (l) => l.length === 1, 'the cheaper-model diagnostic');
      assert.equal(d[0]!.severity, vscode.DiagnosticSeverity.Information);
      assert.match(d[0]!.message, /^Cheaper model: gpt-4o-mini saves \$[\d,.]+\/mo \(94 %\) at (the assumed usage|this site's usage), same client; fit: ✓/);
    });
    const retired = await openDemo('advice_retired.py');
    await waitFor(() => codeLenses(retired.uri), (l) => l.length > 0, 'the lens');
    await withSetting('tokentier', 'diagnostics.enabled', true, async () => {
      const d = await waitFor(() => vscode.languages.getDiagnostics(retired.uri).filter((x) => x.code === 'deprecated-model'), (l) => l.length >= 1, 'the deprecated-model diagnostic');
      assert.equal(d[0]!.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(d[0]!.message, /text-davinci-003 \(OpenAI API\): retired 2024-01-04/);
    });
    await waitFor(() => codes(retired.uri), (c) => !c.includes('deprecated-model'), 'the diagnostic gone with the setting off');
  });

  it('"Switch to gpt-4o-mini" changes the constant, and the lens follows', async () => {
    const doc = await openDemo('advice_cheaper.py');
    const actions = await waitFor(() => actionsAt(doc, 'chat.completions.create'), (a) => a.some((x) => x.title.startsWith('Switch to gpt-4o-mini')), 'the switch action');
    const sw = actions.find((x) => x.title.startsWith('Switch to gpt-4o-mini'))!;
    assert.match(sw.title, /^Switch to gpt-4o-mini: saves \$[\d,.]+\/mo \(94 %\) — in constant MODEL$/);
    assert.ok(!actions.some((x) => /claude|gemini|mistral|deepseek/.test(x.title)), 'no other provider is written into an OpenAI call');
    assert.ok(await vscode.workspace.applyEdit(sw.edit!));
    assert.match(doc.getText(), /^MODEL = "gpt-4o-mini"$/m);
    await waitFor(() => codeLenses(doc.uri), (l) => l.some((x) => x.command?.title.startsWith('gpt-4o-mini ·')), 'the lens on gpt-4o-mini');
    await doc.save();
  });

  it('a model imported from another file is not edited from here: no quick fix, the hover says where to change it', async () => {
    const doc = await openDemo('advice_imported.py');
    const md = await waitFor(() => hoverText(doc, 'chat.completions.create'), (t) => t.includes('Cheaper model'), 'the cheaper-model hover');
    assert.match(md, /to change the model: the model is set in advice_config\.py \(MODEL\): change it there/);
    assert.ok(!(await actionsAt(doc, 'chat.completions.create')).some((x) => x.title.startsWith('Switch to')));
  });

  it('a model set by the usage file is switched in that file\'s entry', async () => {
    const doc = await openDemo('advice_usage.py');
    const actions = await waitFor(() => actionsAt(doc, 'chat.completions.create'), (a) => a.some((x) => x.title.startsWith('Switch to gpt-4o-mini')), 'the switch action');
    const sw = actions.find((x) => x.title.startsWith('Switch to gpt-4o-mini'))!;
    assert.match(sw.title, /— in the usage-file entry$/);
    assert.ok(await vscode.workspace.applyEdit(sw.edit!));
    const usage = await vscode.workspace.openTextDocument(demoUri('.tokentier/usage.yml'));
    assert.match(usage.getText(), /^ {4}model: gpt-4o-mini$/m);
    assert.match(usage.getText(), /^ {4}callsPerDay: 200$/m, 'the rest of the entry is untouched');
    await usage.save();
  });
});
