import * as vscode from 'vscode';
import { atomicWrite, exists } from '../fsUtil';
import { SCHEME } from '../virtualDocs';
import { CommandId } from './commandIds';
import type { CommandDeps } from './deps';
import { USAGE_TEMPLATE } from './siteCommands';

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

/** Opens a team file, creating it from a template when missing (never overwriting an existing one). */
async function openTeamFile(deps: CommandDeps, names: readonly string[], template: string): Promise<vscode.Uri | undefined> {
  const folder = await folderFor();
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

/** Registers Open Price Book and Open Usage Assumptions. */
export function registerTeamFileCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.openPriceBook, () => openTeamFile(deps, ['prices.json', 'prices.yml', 'prices.yaml'], PRICE_BOOK_TEMPLATE)),
    vscode.commands.registerCommand(CommandId.openUsageAssumptions, () => openTeamFile(deps, ['usage.yml', 'usage.yaml', 'usage.json'], USAGE_TEMPLATE)),
  ];
}
