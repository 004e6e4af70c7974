// The cheaper-model quick fix as a developer meets it (#22): the hover names the best cheaper model with its saving,
// fit and quality caveat; Ctrl+. offers "Switch to gpt-4o-mini"; choosing it rewrites the model string in the
// LangChain constructor and the lens follows. The demo's agents.py builds `ChatOpenAI(model="gpt-4o")`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { E2eContext } from './context';

export const name = 'quick fix: switch to a cheaper model';

export async function run(ctx: E2eContext): Promise<void> {
  const { page } = ctx;
  await ctx.openFile('agents.py');
  const lens = await ctx.waitForLens(/^gpt-4o · ≈\$/);
  ctx.log('lens:', lens);

  // The cursor on `invoke` in the classifier call, then the hover from the keyboard (Ctrl+K Ctrl+I).
  const callLine = page.locator('.monaco-editor .view-line', { hasText: 'classifier.invoke(' }).first();
  await callLine.locator('span', { hasText: 'invoke' }).last().click();
  const hover = page.locator('.monaco-hover', { hasText: 'Cheaper model' }).first();
  const hoverText = await ctx.waitFor(async () => {
    if (!(await hover.isVisible().catch(() => false))) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
    }
    const t = await hover.innerText({ timeout: 1000 }).catch(() => '');
    return t.includes('quality') ? t : undefined;
  }, 'the hover with the cheaper model');
  ctx.log('hover:', hoverText.slice(hoverText.indexOf('Cheaper model'), hoverText.indexOf('Cheaper model') + 500));
  assert.match(hoverText, /Cheaper model: gpt-4o-mini saves \$[\d,.]+\/mo \(94 %\)/);
  assert.match(hoverText, /LMArena text, 2025-08-04: gpt-4o-mini 1288 ±3 vs gpt-4o 1285 ±3/);
  await ctx.screenshot('hover');
  await page.keyboard.press('Escape');

  // Ctrl+. opens the quick fixes of the call under the cursor.
  const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Switch to gpt-4o-mini' }).first();
  const menu = await ctx.waitFor(async () => {
    if (!(await item.isVisible().catch(() => false))) {
      await callLine.locator('span', { hasText: 'invoke' }).last().click();
      await page.keyboard.press('Control+.');
    }
    await item.waitFor({ state: 'visible', timeout: 2000 }).catch(() => undefined);
    return (await item.isVisible().catch(() => false)) ? (await page.locator('.action-widget').first().innerText()).replace(/\s+\n/g, '\n') : undefined;
  }, 'the quick-fix menu with "Switch to gpt-4o-mini"');
  ctx.log('quick fixes:', menu);
  assert.match(menu, /Switch to gpt-4o-mini: saves \$[\d,.]+\/mo \(94 %\) — in the client constructor/);
  await ctx.screenshot('menu');

  await item.click();
  // The edit may leave line 26 at the top of the viewport, its lens scrolled out of view above it (VS Code keeps
  // rendering only the lenses in view, so the old one stays in the DOM): back to the top of the short file first.
  await page.keyboard.press('Control+Home');
  await ctx.waitForLens(/^gpt-4o-mini · ≈\$/);
  const saved = path.join(ctx.workspace, 'agents.py');
  await page.keyboard.press('Control+S');
  await ctx.waitFor(() => fs.readFileSync(saved, 'utf8').includes('ChatOpenAI(model="gpt-4o-mini", temperature=0)'), 'agents.py saved with the new model');
  await ctx.screenshot('after');
}
