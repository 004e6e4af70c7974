/** The `main` entry (dist/extension.js): Tokentier in the Node extension host (VS Code desktop, remotes, Codespaces). */
import type * as vscode from 'vscode';
import { activateTokentier, type TokentierApi } from '../extension';
import { desktopPlatform } from './platform';

export function activate(context: vscode.ExtensionContext): TokentierApi | undefined {
  return activateTokentier(context, (logger) => desktopPlatform(context.extensionUri, logger));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
