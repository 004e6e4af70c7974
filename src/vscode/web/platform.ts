/**
 * The web side of {@link HostPlatform}: the web worker extension host of vscode.dev, github.dev and Codespaces' web
 * client. No Node built-ins, child processes, worker threads, git or ripgrep: files come through
 * `vscode.workspace.fs` (the engine bundle, the grammars and every workspace file), the workspace scan runs in the
 * extension host with turns for the editor, and Compare Costs with Branch says it needs the desktop.
 */
import * as vscode from 'vscode';
import type { HostPlatform } from '../platform';
import { webEngineBundleLoader } from './engineBundle';

export function webPlatform(extensionUri: vscode.Uri): HostPlatform {
  return {
    kind: 'web',
    engine: webEngineBundleLoader(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'engine.js')),
    directFiles: () => undefined,
  };
}
