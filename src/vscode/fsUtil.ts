import * as vscode from 'vscode';

/** True when a file exists. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a file atomically: the content goes to a temporary sibling first, then is renamed over the target, so a
 * crash never leaves a half-written price book or report. The caller has already confirmed any overwrite.
 */
export async function atomicWrite(uri: vscode.Uri, content: string): Promise<void> {
  const dir = vscode.Uri.joinPath(uri, '..');
  await vscode.workspace.fs.createDirectory(dir);
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const tmp = vscode.Uri.joinPath(dir, `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(content));
  try {
    await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
    throw e;
  }
}

/** Asks before replacing an existing file; true when the file is new or the user agreed. */
export async function confirmOverwrite(uri: vscode.Uri): Promise<boolean> {
  if (!(await exists(uri))) return true;
  const choice = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} already exists. Replace it?`, { modal: true }, 'Replace');
  return choice === 'Replace';
}
