import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from '../core/engine';
import type { FileProvider } from '../core/fileProvider';
import type { Logger } from '../core/logger';

type EngineModule = typeof import('../core/engine');

/** FileProvider over `vscode.workspace.fs`, rooted at a workspace folder. Never throws. */
export function workspaceFileProvider(root: vscode.Uri): FileProvider {
  const resolve = (p: string) => vscode.Uri.joinPath(root, ...p.split('/').filter(Boolean));
  return {
    async readText(p) {
      try {
        return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(resolve(p)));
      } catch {
        return undefined;
      }
    },
    async list(p) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(resolve(p));
        return entries
          .filter(([, t]) => t === vscode.FileType.File || t === vscode.FileType.Directory)
          .map(([name, t]) => ({ name, type: t === vscode.FileType.Directory ? ('directory' as const) : ('file' as const) }));
      } catch {
        return undefined;
      }
    },
    async stat(p) {
      try {
        const s = await vscode.workspace.fs.stat(resolve(p));
        return { type: s.type & vscode.FileType.Directory ? 'directory' : 'file', size: s.size, mtime: s.mtime };
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Loads `dist/engine.js` on first use (it holds the parsers, tokenizer and price data), so activation stays cheap.
 */
export class EngineLoader {
  private module: EngineModule | undefined;
  private readonly engines = new Map<string, Engine>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly logger: Logger) {}

  private load(): EngineModule {
    if (!this.module) {
      const started = Date.now();
      // A runtime require of the separate bundle: esbuild keeps it external (esbuild.mjs).
      this.module = require(path.join(this.extensionUri.fsPath, 'dist', 'engine.js')) as EngineModule;
      this.logger.info(`Engine loaded in ${Date.now() - started} ms`);
    }
    return this.module;
  }

  /** The engine for a workspace folder (or for loose files when `folder` is undefined). */
  engineFor(folder: vscode.Uri | undefined): Engine {
    const key = folder?.toString() ?? '';
    let engine = this.engines.get(key);
    if (!engine) {
      const grammars = vscode.Uri.joinPath(this.extensionUri, 'dist', 'grammars');
      engine = this.load().createEngine({
        files: folder ? workspaceFileProvider(folder) : { readText: async () => undefined, list: async () => undefined, stat: async () => undefined },
        loadWasm: async (name) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(grammars, name)),
        logger: this.logger,
      });
      this.engines.set(key, engine);
    }
    return engine;
  }
}
