// A first run as a new user has it (issue 16): a trusted workspace with no `.vscode/settings.json` at all, the
// packaged extension just installed. Tokentier must not greet them with a notification; before the fix an unset
// `tokentier.priceBook` (VS Code returns null for an `anyOf` setting with no default) raised a false "invalid
// setting" warning here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { E2eContext } from './context';

export const name = 'first run: no Tokentier notification in a workspace without settings';

/** Every notification message on screen: the toasts and, after opening it, the notification centre. */
async function notificationTexts(ctx: E2eContext): Promise<string[]> {
  const toasts = await ctx.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  await ctx.runCommand('Notifications: Show Notifications');
  await ctx.page.locator('.notifications-center').waitFor({ state: 'visible', timeout: 10_000 });
  const centre = await ctx.page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
  return [...toasts, ...centre].map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

export async function run(ctx: E2eContext): Promise<void> {
  assert.equal(fs.existsSync(path.join(ctx.workspace, '.vscode', 'settings.json')), false, 'the workspace has no .vscode/settings.json');
  await ctx.openFile('app.py');
  // The lens means the extension has activated and read every setting (the warning came from that first read).
  await ctx.waitForLens('gpt-4o-mini');
  // Give a late notification (the tree's first scan, the team files) time to show.
  await ctx.page.waitForTimeout(3000);
  const texts = await notificationTexts(ctx);
  ctx.log('notifications:', texts);
  await ctx.screenshot('notifications');
  const ours = texts.filter((t) => /tokentier/i.test(t));
  assert.deepEqual(ours, [], `no Tokentier notification on a clean first run; saw ${JSON.stringify(ours)}`);
}
