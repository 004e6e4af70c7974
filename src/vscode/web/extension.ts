/** The `browser` entry (dist/web/extension.js): Tokentier in the web worker extension host (vscode.dev, github.dev). */
import type * as vscode from 'vscode';
import { activateTokentier, type TokentierApi } from '../extension';
import { webPlatform } from './platform';

export function activate(context: vscode.ExtensionContext): TokentierApi | undefined {
  return activateTokentier(context, () => webPlatform(context.extensionUri));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
