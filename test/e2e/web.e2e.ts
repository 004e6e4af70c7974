// What a person sees on the web (vscode.dev, github.dev, Codespaces in the browser): the packaged .vsix in code-server's
// WEB WORKER extension host (the runner starts a second server where remote.extensionKind puts Tokentier there).
// The lens, the hover, the status-bar total, the tree and the Tier Advisor as on the desktop; Compare with Branch
// says it needs the desktop; the Tokentier log says which host it runs in and where the engine came from.
import * as assert from 'node:assert/strict';
import type { E2eContext } from './context';

export const name = 'web worker host: lens, hover, status bar, tree, Tier Advisor, needs-desktop message';
/** Run in code-server's web worker extension host (test/harness/runE2e.mjs). */
export const host = 'web';

export async function run(ctx: E2eContext): Promise<void> {
  const { page } = ctx;
  await ctx.openFile('app.py');
  // The first analysis loads the engine (dist/web/engine.js) and the Python grammar in the worker.
  const lens = await ctx.waitForLens(/^gpt-4o-mini · ≈\$[\d.]+\/call · \$[\d.,]+\/mo @ [\d.]+k?\/day/, 60_000);
  ctx.log('lens:', lens);
  await ctx.screenshot('lens');

  // The hover over `create` in the first call, from the keyboard (Ctrl+K Ctrl+I).
  const callLine = page.locator('.monaco-editor .view-line', { hasText: 'client.chat.completions.create(' }).first();
  await callLine.locator('span', { hasText: 'create' }).last().click();
  const hover = page.locator('.monaco-hover', { hasText: 'Tokentier' }).first();
  const hoverText = await ctx.waitFor(async () => {
    if (!(await hover.isVisible().catch(() => false))) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
    }
    const t = await hover.innerText({ timeout: 1000 }).catch(() => '');
    return t.includes('Monthly') ? t : undefined;
  }, 'the Tokentier hover');
  for (const s of ['gpt-4o-mini', 'written in the call', 'Price per call', 'Monthly', 'Open in Tier Advisor']) assert.ok(hoverText.includes(s), `hover shows "${s}"`);
  await ctx.screenshot('hover');
  await page.keyboard.press('Escape');

  // The workspace's monthly total in the status bar: the scan over vscode.workspace.fs finished.
  const statusText = await ctx.expectText(page.locator('.statusbar-item', { hasText: /\$[\d,.]+\/mo/ }).first(), /\$[\d,.]+\/mo/, 60_000);
  ctx.log('status bar:', statusText);

  // The tree: providers with their totals.
  await page.locator('.activitybar .action-item a[aria-label^="Tokentier"]').first().click();
  const rowTexts = await ctx.waitFor(async () => {
    const t = (await page.locator('.pane-body .monaco-list-row').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim());
    return t.some((x) => x.startsWith('openai')) ? t : undefined;
  }, 'tree rows with openai');
  for (const p of ['openai', 'anthropic', 'google']) assert.ok(rowTexts.some((r) => r.startsWith(p) && /\/mo · \d+ sites?/.test(r)), `a row for ${p} with its total`);
  await ctx.screenshot('tree');

  // The Tier Advisor webview.
  await ctx.runCommand('Tokentier: Open Tier Advisor');
  const frame = await ctx.webviewFrame();
  await frame.locator('main#root').waitFor({ state: 'attached', timeout: 30_000 });
  await ctx.expectText(frame.locator('h1#title'), 'Tier Advisor');
  await ctx.screenshot('tier-advisor');

  // Compare with Branch needs git: a plain message, not an error or silence. It lands in the notification centre (VS Code
  // holds toasts back while the headless window has no focus, as test/e2e/firstRun.e2e.ts notes).
  await page.locator('.tabs-container .tab', { hasText: 'app.py' }).first().click();
  await ctx.runCommand('Tokentier: Compare Costs with Branch');
  await ctx.runCommand('Notifications: Show Notifications');
  const message = page.locator('.notifications-center .notification-list-item-message', { hasText: 'needs VS Code desktop' }).first();
  const messageText = await ctx.expectText(message, /Compare Costs with Branch needs VS Code desktop/, 20_000);
  ctx.log('compare:', messageText.replace(/\s+/g, ' '));
  assert.match(messageText, /git/);
  await message.hover();
  await ctx.screenshot('compare-needs-desktop');
  await page.keyboard.press('Escape');

  // The Tokentier log says which extension host runs it, and that the engine came from the web bundle.
  await ctx.runCommand('Tokentier: Show Logs');
  // The panel holds more than one editor (the output's filter box is one): read them all.
  const logText = await ctx.waitFor(async () => {
    const t = (await page.locator('.part.panel .monaco-editor .view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
    return /web extension host/.test(t) && /Engine loaded/.test(t) ? t : undefined;
  }, 'the Tokentier log naming the web extension host and the engine it loaded');
  assert.match(logText, /dist\/web\/engine\.js/, 'the engine was read from dist/web/engine.js');
  ctx.log('log:', logText.split('\n').filter((l) => /activated|Engine loaded/.test(l)).join(' | '));
  await ctx.screenshot('log');
}
