// What a person sees after installing the .vsix: a lens above the demo's OpenAI call, our commands in the
// palette, and the Tier Advisor webview with its content.
import * as assert from 'node:assert/strict';
import type { E2eContext } from './context';

export const name = 'smoke: lens, palette, Tier Advisor webview';

export async function run(ctx: E2eContext): Promise<void> {
  await ctx.openFile('app.py');
  // quick_label() calls OpenAI with the literal model "gpt-4o-mini" (examples/demo/app.py); the lens names it.
  const lens = await ctx.waitForLens('gpt-4o-mini');
  ctx.log('lens:', lens);
  // "Above the call": the lens sits directly over the first `client.chat.completions.create(` line
  // (line 27 of app.py, whose model two lines below is the literal "gpt-4o-mini").
  // Both boxes read in one probe, retried: the editor re-renders its lines when the lenses arrive, and a line read
  // mid-render has no box yet.
  const { lensBox, callBox } = await ctx.waitFor(async () => {
    const l = await ctx.page.locator('.monaco-editor .codelens-decoration', { hasText: 'gpt-4o-mini' }).first().boundingBox();
    const c = await ctx.page.locator('.monaco-editor .view-line', { hasText: 'client.chat.completions.create(' }).first().boundingBox();
    return l && c ? { lensBox: l, callBox: c } : undefined;
  }, 'lens and call line are on screen', 10_000);
  const gap = callBox.y - (lensBox.y + lensBox.height);
  assert.ok(gap >= -1 && gap < callBox.height, `lens bottom ${lensBox.y + lensBox.height} directly above the call line top ${callBox.y}`);
  const all = await ctx.lensTexts();
  ctx.log(`${all.length} lenses in app.py:`, all);
  await ctx.screenshot('lens');

  const rows = await ctx.paletteRows('Tokentier:', 'palette');
  ctx.log('palette:', rows);
  for (const title of ['Tokentier: Open Tier Advisor', 'Tokentier: Show Logs']) {
    assert.ok(rows.some((r) => r.includes(title)), `palette lists "${title}"; rows: ${JSON.stringify(rows)}`);
  }
  // Internal commands hidden with "when": "false" stay out of the palette.
  assert.ok(!rows.some((r) => r.includes('Show Call Site Breakdown')), 'the internal breakdown command is hidden');

  await ctx.runCommand('Tokentier: Open Tier Advisor');
  await ctx.page.locator('.tabs-container .tab', { hasText: 'Tokentier: Tier Advisor' }).waitFor({ state: 'visible', timeout: 20_000 });
  const frame = await ctx.webviewFrame();
  await frame.locator('main#root').waitFor({ state: 'attached', timeout: 20_000 });
  const title = await ctx.expectText(frame.locator('h1#title'), 'Tier Advisor');
  ctx.log('webview title:', title);
  await ctx.screenshot('tier-advisor');
}
