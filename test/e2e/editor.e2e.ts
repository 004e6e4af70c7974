// What a developer sees in the editor: the cost lens text, the hover's content, the status bar total, the tree
// rows, and a report exported through the palette, quick picks and the save dialog.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { E2eContext } from './context';

export const name = 'editor: lens, hover, status bar, tree, export';

export async function run(ctx: E2eContext): Promise<void> {
  const { page } = ctx;
  await ctx.openFile('app.py');

  // Lens: model · ≈$X/call · $Y/mo @ N/day (the demo's usage file names quick_label, so no usage caveat is required).
  const lens = await ctx.waitForLens(/^gpt-4o-mini · ≈\$[\d.]+\/call · \$[\d.,]+\/mo @ [\d.]+k?\/day/);
  ctx.log('lens:', lens);
  // One costed lens per call line on screen (the editor renders only the visible lines).
  const visibleCalls = await page.locator('.monaco-editor .view-line', { hasText: 'client.chat.completions.create(' }).count();
  const lenses = await ctx.lensTexts();
  assert.ok(visibleCalls >= 2, `at least two calls on screen (${visibleCalls})`);
  assert.equal(lenses.filter((t) => t.includes('/call')).length, visibleCalls, `one costed lens per visible call: ${JSON.stringify(lenses)}`);
  await ctx.screenshot('lenses');

  // Hover over `create` in the first call.
  const callLine = page.locator('.monaco-editor .view-line', { hasText: 'client.chat.completions.create(' }).first();
  const word = callLine.locator('span', { hasText: 'create' }).last();
  // Put the cursor on `create` and show the hover from the keyboard (Ctrl+K Ctrl+I), as a keyboard user would.
  await word.click();
  const hover = page.locator('.monaco-hover', { hasText: 'Tokentier' }).first();
  const hoverText = await ctx.waitFor(async () => {
    if (!(await hover.isVisible().catch(() => false))) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
    }
    const t = await hover.innerText({ timeout: 1000 }).catch(() => '');
    return t.includes('Monthly') ? t : undefined;
  }, 'the Tokentier hover');
  ctx.log('hover:', hoverText.slice(0, 400));
  for (const s of ['gpt-4o-mini', 'written in the call', 'input', 'output', 'Price per call', 'Usage', 'Monthly', 'Open in Tier Advisor', 'Edit assumptions']) {
    assert.ok(hoverText.includes(s), `hover shows "${s}"`);
  }
  assert.ok(!hoverText.includes('\\'), 'escapes are not shown as backslashes');
  await ctx.screenshot('hover');
  await page.keyboard.press('Escape');

  // Status bar: the workspace's monthly total.
  const status = page.locator('.statusbar-item', { hasText: /\$[\d,.]+\/mo/ }).first();
  const statusText = await ctx.expectText(status, /\$[\d,.]+\/mo/, 60_000);
  ctx.log('status bar:', statusText);

  // Tree: providers at the top level.
  await page.locator('.activitybar .action-item a[aria-label^="Tokentier"]').first().click();
  const rows = page.locator('.pane-body .monaco-list-row');
  const rowTexts = await ctx.waitFor(async () => {
    const t = (await rows.allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim());
    return t.some((x) => x.startsWith('openai')) ? t : undefined;
  }, 'tree rows with openai');
  ctx.log('tree rows:', rowTexts);
  for (const p of ['openai', 'anthropic', 'google']) assert.ok(rowTexts.some((r) => r.startsWith(p) && /\/mo · \d+ sites?/.test(r)), `a row for ${p} with its total`);
  await ctx.screenshot('tree');

  // Export: palette → format quick pick → scope quick pick → save dialog, accepted with Enter on the path it proposes
  // (the workspace's tokentier-report.json), as the Tier Advisor's export is. Typing a path of our own raced
  // code-server's simple dialog, which rewrites the box as it follows the typed folder (CI: 30 s without closing).
  const target = path.join(ctx.workspace, 'tokentier-report.json');
  fs.rmSync(target, { force: true });
  await ctx.runCommand('Tokentier: Export Cost Report…');
  const pick = (text: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await pick('JSON').waitFor({ state: 'visible', timeout: 15_000 });
  await pick('JSON').click();
  await pick('Workspace').waitFor({ state: 'visible', timeout: 15_000 });
  await pick('Workspace').click();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await ctx.waitFor(async () => ((await input.inputValue().catch(() => '')).endsWith('/tokentier-report.json') ? true : undefined), 'the save dialog to propose tokentier-report.json', 30_000);
  await ctx.screenshot('save-dialog');
  await page.keyboard.press('Enter');
  type Exported = { sites: { site: { file: string } }[]; totals: { workspace: { perMonth: { expected: number } } } };
  const readReport = (): Exported | undefined => {
    try {
      return JSON.parse(fs.readFileSync(target, 'utf8')) as Exported;
    } catch {
      return undefined; // not there yet
    }
  };
  const report = await ctx.waitFor(readReport, 'the exported report', 30_000);
  const files = new Set(report.sites.map((s) => s.site.file));
  ctx.log('exported files:', [...files]);
  for (const f of ['app.py', 'agents.py', 'service/src/answer.ts', 'notebooks/ticket_themes.ipynb']) assert.ok(files.has(f), `export lists ${f}`);
  assert.ok(report.totals.workspace.perMonth.expected > 0);
  fs.copyFileSync(target, path.join(ctx.artifactsDir, 'editor-export.json'));
  fs.rmSync(target, { force: true });
  await ctx.screenshot('exported');
}
