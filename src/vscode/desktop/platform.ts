/**
 * The desktop side of {@link HostPlatform}: the Node extension host of VS Code desktop, a remote or a Codespace. The
 * only place in src/vscode that reaches the shared Node layer (src/node) at run time; the web entry never imports it
 * (ESLint's layer rules, and esbuild's web builds fail on a Node built-in).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { nodeEngineBundleLoader } from '../../node/engineBundle';
import { listRefs, openGitRef } from '../../node/gitFiles';
import { localFileProvider } from '../../node/localFiles';
import { findVsCodeRipgrep, ripgrepSkips } from '../../node/ripgrepSkipList';
import { scanInProcess } from '../../node/scanProcess';
import { readExportFile } from '../../node/usageExports';
import type { HostPlatform } from '../platform';

/** The desktop platform; `scanChildPath` is asked at each scan (the integration tests point it at a broken child). */
export type DesktopPlatform = HostPlatform & { scanChildPath(): string };

export function desktopPlatform(extensionUri: vscode.Uri, logger: Logger): DesktopPlatform {
  const dist = path.join(extensionUri.fsPath, 'dist');
  let rg: { path: string | undefined } | undefined;
  /** VS Code's ripgrep, looked up once (none: every file is read, as before). */
  const ripgrep = (): string | undefined => {
    if (!rg) {
      rg = { path: findVsCodeRipgrep(vscode.env.appRoot) };
      logger.info(rg.path ? `Workspace scans skip files with ripgrep: ${rg.path}` : `No ripgrep under ${vscode.env.appRoot}: workspace scans read every file.`);
    }
    return rg.path;
  };
  const platform: DesktopPlatform = {
    kind: 'desktop',
    scanChildPath: () => path.join(dist, 'scanChild.js'),
    engine: nodeEngineBundleLoader(dist),
    directFiles: (root, listings) => (root.scheme === 'file' ? localFileProvider(root.fsPath, listings, { git: vscode.workspace.isTrusted }) : undefined),
    scanOutOfHost(folder, setup, hooks) {
      if (folder.scheme !== 'file') return undefined;
      const rgPath = ripgrep();
      return scanInProcess(platform.scanChildPath(), { ...setup, root: folder.fsPath, distDir: dist, ...(rgPath ? { ripgrep: rgPath } : {}) }, hooks);
    },
    skipFiles(folder, bundle) {
      const rgPath = folder.scheme === 'file' ? ripgrep() : undefined;
      return rgPath ? (paths, token) => Promise.resolve(ripgrepSkips(rgPath, folder.fsPath, paths, bundle.PREFILTER_PATTERN, token)) : undefined;
    },
    git: {
      listRefs: async (folder) => (folder.scheme === 'file' ? listRefs(folder.fsPath) : []),
      openRef: async (folder, ref) => (folder.scheme === 'file' ? openGitRef(folder.fsPath, ref) : undefined),
    },
    readLocalExport: (uri) => (uri.scheme === 'file' ? readExportFile(uri.fsPath) : undefined),
  };
  return platform;
}
