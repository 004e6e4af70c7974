// Reconcile with the bill, as a person does it: the palette command, the open dialog, the report in the Markdown
// preview, the proposal reviewed as a diff and accepted in a modal, then the hover saying the site is calibrated.
// The export is the public OpenAI sample × 1.2 (test/fixtures/reconcile/repo/exports/openai_usage_x1.2.json).
// Look at the screenshots: artifacts/e2e/reconcile-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { E2eContext } from './context';

export const name = 'reconcile: palette, open dialog, report, reviewed proposal, calibrated hover';

// Specs run from the repository root (test/harness/runE2e.mjs).
const EXPORT = path.resolve('test', 'fixtures', 'reconcile', 'repo', 'exports', 'openai_usage_x1.2.json');

/** Types `target` into code-server's simple file dialog until it accepts it (it fills its own default asynchronously). */
async function pickInDialog(ctx: E2eContext, target: string): Promise<void> {
  const input = ctx.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  const ok = ctx.page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).first();
  await ctx.waitFor(async () => {
    if (!(await input.isVisible().catch(() => false))) return true;
    const value = await input.inputValue().catch(() => '');
    if (value !== target) await input.fill(target).catch(() => undefined);
    else if (await ok.isVisible().catch(() => false)) await ok.click().catch(() => undefined);
    else await ctx.page.keyboard.press('Enter');
    return false;
  }, 'the open dialog to accept the export', 30_000);
}

export async function run(ctx: E2eContext): Promise<void> {
  const { page } = ctx;
  const target = path.join(ctx.workspace, 'exports', 'openai_usage_2026-09.json');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(EXPORT, target);
  const before = fs.readFileSync(path.join(ctx.workspace, '.tokentier', 'usage.yml'), 'utf8');

  await ctx.openFile('app.py');
  await ctx.waitForLens('gpt-4o-mini');
  await ctx.runCommand('Tokentier: Reconcile with Usage Export…');
  await pickInDialog(ctx, target);

  // The report opens in the Markdown preview (a webview).
  const frame = await ctx.webviewFrame();
  const heading = await ctx.expectText(frame.locator('body'), 'Tokentier: estimate vs bill', 60_000);
  assert.ok(heading.includes('4 sites call gpt-4o-mini: the bill cannot tell which site spent what'), 'the report says the sites were scaled together');
  assert.ok(heading.includes('gpt-4o-2024-08-06'), 'the billed snapshot id is shown');
  ctx.log('report starts:', heading.slice(0, 200).replace(/\s+/g, ' '));
  await ctx.screenshot('report');
  await frame.locator('h3', { hasText: 'Usage-file proposal' }).scrollIntoViewIfNeeded();
  await ctx.screenshot('report-proposal');

  // Nothing is written until the user accepts: the notification offers a review.
  assert.equal(fs.readFileSync(path.join(ctx.workspace, '.tokentier', 'usage.yml'), 'utf8'), before);
  // The toast, or (when the workbench has already tucked it away) the same notification in the notification centre.
  const review = page.locator('.notifications-toasts .monaco-button, .notifications-center .monaco-button', { hasText: 'Review and Apply…' }).first();
  if (!(await review.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false))) await ctx.runCommand('Notifications: Show Notifications');
  await review.waitFor({ state: 'visible', timeout: 20_000 });
  await ctx.screenshot('notification');
  await review.click();
  const apply = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Apply' }).first();
  await apply.waitFor({ state: 'visible', timeout: 20_000 });
  await page.locator('.tabs-container .tab', { hasText: 'proposed by reconcile' }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await ctx.screenshot('review-diff');
  await apply.click();
  const after = await ctx.waitFor(() => {
    const t = fs.readFileSync(path.join(ctx.workspace, '.tokentier', 'usage.yml'), 'utf8');
    return t !== before ? t : undefined;
  }, 'the usage file to be written after Apply');
  assert.ok(after.includes('calibrated: { from: "2026-09-01", to: "2026-09-03"'));
  for (const line of before.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(after.includes(line), `comment kept: ${line}`);

  // The estimate follows: quick_label was 3,000 calls/day; the bill scales gpt-4o-mini by 3,652 / 8,280.
  await ctx.openFile('app.py');
  const lens = await ctx.waitForLens(/gpt-4o-mini · .*@ 1\.3k\/day/, 60_000);
  ctx.log('lens after:', lens);
  // The hover over quick_label's call says it is calibrated.
  const editor = page.locator('.monaco-editor .view-lines').first();
  const callLine = editor.locator('.view-line', { hasText: 'response = client.chat.completions.create(' }).first();
  await callLine.waitFor({ state: 'visible', timeout: 15_000 });
  await callLine.locator('span', { hasText: 'create' }).last().hover();
  const hover = page.locator('.monaco-hover-content', { hasText: 'calibrated against usage of' }).first();
  await hover.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await hover.innerText(), /calibrated against usage of 2026-09-01 – 2026-09-03/);
  await hover.locator('li', { hasText: 'calibrated against usage of' }).first().scrollIntoViewIfNeeded();
  await ctx.screenshot('hover-calibrated');
}
