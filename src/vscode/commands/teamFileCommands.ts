import * as vscode from 'vscode';
import { usageEntryOf } from '../../core/usage/assumptions';
import { relativePathOfDocument } from '../documents';
import { atomicWrite, exists } from '../fsUtil';
import { SCHEME } from '../virtualDocs';
import { CommandId } from './commandIds';
import type { CommandDeps } from './deps';
import { USAGE_TEMPLATE } from '../../core/teamFiles/usageEdit';
import { findSite } from './siteCommands';

/** The template of a new `.tokentier/prices.json`; `$schema` resolves offline through the `tokentier:` scheme. */
export const PRICE_BOOK_TEMPLATE = `${JSON.stringify(
  {
    $schema: `${SCHEME}:/schemas/prices.schema.json`,
    version: 1,
    currency: 'USD',
    models: [],
  },
  null,
  2,
)}\n`;

async function folderFor(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor && vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri);
  if (active) return active;
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder’s .tokentier/ file?' });
}

const USAGE_FILES = ['usage.yml', 'usage.yaml', 'usage.json'] as const;

/**
 * Opens a team file, creating it from a template when missing (never overwriting an existing one). `inFolder`: the
 * folder to use (a site's); otherwise the active editor's, or the user picks one.
 */
async function openTeamFile(deps: CommandDeps, names: readonly string[], template: string, inFolder?: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const folder = inFolder ?? (await folderFor());
  if (!folder) {
    void vscode.window.showWarningMessage('Tokentier: open a folder first; team files live in its .tokentier/ folder.');
    return undefined;
  }
  for (const name of names) {
    const uri = vscode.Uri.joinPath(folder.uri, '.tokentier', name);
    if (await exists(uri)) {
      await vscode.window.showTextDocument(uri);
      return uri;
    }
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.tokentier', names[0]!);
  await atomicWrite(uri, template);
  deps.logger.info(`Created ${vscode.workspace.asRelativePath(uri)}`);
  await vscode.window.showTextDocument(uri);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage('Tokentier: this workspace is in Restricted Mode, so .tokentier/ files are not read until you trust it.');
  }
  return uri;
}

/**
 * "Edit assumptions" from a site (hover link, `{ uri, siteId }`): the usage-file entry that sets the site's figures,
 * with the cursor on it; without such an entry, or without a site, the usage file of the site's folder (created from
 * the template when missing).
 */
async function openUsageAssumptions(deps: CommandDeps, args: unknown): Promise<vscode.Uri | undefined> {
  const found = args === undefined ? undefined : await findSite(deps, args);
  const folder = found?.document ? relativePathOfDocument(found.document).folder : undefined;
  const entry = found && usageEntryOf(found.estimate.usage);
  if (entry && folder) {
    const uri = vscode.Uri.joinPath(folder.uri, entry.file);
    if (await exists(uri)) {
      const document = await vscode.workspace.openTextDocument(uri);
      const line = Math.min(entry.line - 1, document.lineCount - 1);
      const at = new vscode.Position(line, document.lineAt(line).firstNonWhitespaceCharacterIndex);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
      return uri;
    }
  }
  return openTeamFile(deps, USAGE_FILES, USAGE_TEMPLATE, folder);
}

/** Registers Open Price Book and Open Usage Assumptions. */
export function registerTeamFileCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.openPriceBook, () => openTeamFile(deps, ['prices.json', 'prices.yml', 'prices.yaml'], PRICE_BOOK_TEMPLATE)),
    vscode.commands.registerCommand(CommandId.openUsageAssumptions, (args?: unknown) => openUsageAssumptions(deps, args)),
  ];
}
