import * as vscode from 'vscode';
import type { EngineBundle, EngineBundleLoader } from '../core/engineBundleContract';
import type { FileProvider, ListingMemo } from '../core/fileProvider';
import type { ScanOptions } from '../core/scan/scanner';
import type { ScanProcessHooks, ScanProcessResult, ScanWorkerSetup } from '../node/scanProcess';

/** A git ref's files, read without touching the working tree; `close` ends the reader. */
export interface RefFiles extends FileProvider {
  close(): void;
}

/**
 * What differs between the two extension hosts Tokentier runs in. Everything else (providers, commands, the tree,
 * the status bar, reports, the Tier Advisor) is shared and reaches Node only through this interface:
 * - `desktop` (src/vscode/desktop/platform.ts): the Node extension host of VS Code desktop, a remote or a Codespace;
 * - `web` (src/vscode/web/platform.ts): the web worker extension host of vscode.dev and github.dev, which has no Node
 *   built-ins, child processes, worker threads, git or ripgrep. Optional members are absent there.
 */
export interface HostPlatform {
  readonly kind: 'desktop' | 'web';
  /** The one engine-bundle loader (src/core/engineBundleContract.ts). */
  readonly engine: EngineBundleLoader;
  /**
   * A FileProvider that reads the folder directly, much faster than `vscode.workspace.fs` (desktop: a `file:` folder
   * through `node:fs`), or undefined: then `vscode.workspace.fs` is used.
   */
  directFiles(root: vscode.Uri, listings?: ListingMemo): FileProvider | undefined;
  /**
   * Scans a folder outside the extension host (desktop: a child process, for `file:` folders), or returns undefined
   * when it cannot: then the extension host scans it.
   */
  scanOutOfHost?(folder: vscode.Uri, setup: Omit<ScanWorkerSetup, 'root' | 'distDir' | 'ripgrep'>, hooks: ScanProcessHooks): Promise<ScanProcessResult> | undefined;
  /** Files a scan in the extension host may skip unread (desktop: VS Code's ripgrep, for `file:` folders). */
  skipFiles?(folder: vscode.Uri, bundle: EngineBundle): ScanOptions['skipFiles'] | undefined;
  /** git, for Compare Costs with Branch (desktop, `file:` folders). */
  readonly git?: {
    listRefs(folder: vscode.Uri): Promise<{ name: string; kind: 'branch' | 'remote' | 'tag' }[]>;
    openRef(folder: vscode.Uri, ref: string): Promise<RefFiles | undefined>;
  };
  /** Reads a usage export from the local disk (desktop: `file:` URIs, gzip unpacked by zlib); undefined: read it through `vscode.workspace.fs`. */
  readLocalExport?(uri: vscode.Uri): { text: string } | { error: string } | undefined;
}

/** What a command that needs the desktop returns in the browser (tests read it; the user sees `message`). */
export interface NeedsDesktop {
  readonly needsDesktop: string;
}

/**
 * Says plainly that a feature needs a desktop window: it is not hidden, so the user who looks for it learns why it
 * does not run here.
 */
export function needsDesktop(feature: string, because: string): NeedsDesktop {
  const message = `Tokentier: ${feature} needs VS Code desktop (or a Codespace opened in it): ${because}, which a browser window does not have. Everything else (hints, hovers, the tree, reports, the Tier Advisor) works here.`;
  void vscode.window.showInformationMessage(message);
  return { needsDesktop: message };
}
