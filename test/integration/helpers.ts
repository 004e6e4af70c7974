// Shared helpers for the in-host integration tests (not a test file: index.ts loads only `*.test.js`).
import * as vscode from 'vscode';

export const EXTENSION_ID = 'tokentier.tokentier';

/**
 * Polls `probe` until `done(value)` holds, then returns the value; fails with `what` after `timeoutMs`.
 * Tabs, lenses and diagnostics update asynchronously in the workbench, so assertions on them poll.
 */
export async function waitFor<T>(
  probe: () => T | Thenable<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const detail = lastError ? ` (last error: ${String(lastError)})` : ` (last value: ${JSON.stringify(last)?.slice(0, 300)})`;
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

/** A file of the first workspace folder (examples/demo unless the test file sets `// @workspace`). */
export function demoUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** Opens a workspace file in an editor and returns its document. */
export async function openDemo(relativePath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(demoUri(relativePath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Our extension, activated (activation normally happens on opening a Python or TypeScript file). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/** Sets a `tokentier.*` (or any) setting for the duration of `body`, then restores the previous value. */
export async function withSetting<T>(section: string, key: string, value: unknown, body: () => Promise<T>, target = vscode.ConfigurationTarget.Global): Promise<T> {
  const config = vscode.workspace.getConfiguration(section);
  const before = config.inspect(key);
  const previous = target === vscode.ConfigurationTarget.Global ? before?.globalValue : before?.workspaceValue;
  await config.update(key, value, target);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration(section).update(key, previous, target);
  }
}

/** Lenses for a document as VS Code's own CodeLens feature asks for them (all providers, resolved). */
export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', uri)) ?? [];
}

/** Every open tab whose label matches. */
export function tabsLabelled(label: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === label);
}
