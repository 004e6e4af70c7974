import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Settings } from '../core/config/settings';
import type { Engine } from '../core/engine';
import type { TeamConfig } from '../core/estimate/estimator';
import { currencyPlan, policyFactor } from '../core/estimate/currency';
import { decodeFileText, ListingMemo, type FileProvider } from '../core/fileProvider';
import type { Logger } from '../core/logger';
import type { Diagnostic } from '../core/types';
import { loadEngineBundle, type EngineBundle } from '../node/engineBundle';
import { localFileProvider } from '../node/localFiles';

/**
 * FileProvider rooted at a workspace folder. Never throws. A folder on the local disk (`file:`) is read with `node:fs`
 * (src/node/localFiles.ts): a workspace scan makes tens of thousands of calls, and each `vscode.workspace.fs` call is
 * a round trip through the workbench (a 30,000-file scan took 100 s that way). Other schemes (virtual and remote file systems) go through
 * `vscode.workspace.fs`. With `listings`, the folder listings of a scan's walk answer one-hop import resolution's
 * stats of missing paths (one provider per scan).
 */
export function workspaceFileProvider(root: vscode.Uri, options: { readonly listings?: ListingMemo } = {}): FileProvider {
  const segments = (p: string) => p.split('/').filter(Boolean);
  const resolve = (p: string) => vscode.Uri.joinPath(root, ...segments(p));
  const listings = options.listings;
  if (root.scheme === 'file') return localFileProvider(root.fsPath, listings);
  return {
    async readText(p) {
      try {
        return decodeFileText(await vscode.workspace.fs.readFile(resolve(p)));
      } catch {
        return undefined;
      }
    },
    async list(p) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(resolve(p));
        listings?.record(p, entries.map(([name]) => name));
        return entries
          .filter(([, t]) => t === vscode.FileType.File || t === vscode.FileType.Directory)
          .map(([name, t]) => ({ name, type: t === vscode.FileType.Directory ? ('directory' as const) : ('file' as const) }));
      } catch {
        return undefined;
      }
    },
    async stat(p) {
      if (listings?.knownMissing(p)) return undefined;
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
  private module: EngineBundle | undefined;
  private readonly engines = new Map<string, Engine>();
  private readonly teams = new Map<string, { folder: vscode.Uri; team: TeamConfig }>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly logger: Logger) {}

  /** A file of the extension's `dist` folder (the folder itself without `file`). */
  distPath(file?: string): string {
    return file ? path.join(this.extensionUri.fsPath, 'dist', file) : path.join(this.extensionUri.fsPath, 'dist');
  }

  /** The engine bundle's exports (scanner, report builders, the Tier Advisor's view model), loading it on first use. */
  get bundle(): EngineBundle {
    return this.load();
  }

  /**
   * Team files (`.tokentier/*`, the `tokentier.priceBook` setting) for a folder, through the core's
   * `loadTeamConfig` (which reads nothing in Restricted Mode). Never throws: problems become its diagnostics.
   */
  async teamConfigFor(folder: vscode.Uri, settings: Settings): Promise<TeamConfig | undefined> {
    try {
      const loaded = await this.load().loadTeamConfig(workspaceFileProvider(folder), settings, { trusted: vscode.workspace.isTrusted });
      const team = withCurrencyProblems(loaded, settings);
      this.teams.set(folder.toString(), { folder, team });
      return team;
    } catch (e) {
      this.logger.error(e instanceof Error ? e : String(e));
      return undefined;
    }
  }

  /** Records team files loaded elsewhere (the workspace scan's thread reads them with the same core function). */
  rememberTeam(folder: vscode.Uri, team: TeamConfig, settings: Settings): void {
    this.teams.set(folder.toString(), { folder, team: withCurrencyProblems(team, settings) });
  }

  /** Problems found in the team files last loaded, per folder (price book/usage/policy errors with file and line). */
  teamDiagnostics(): { folder: vscode.Uri; diagnostic: Diagnostic }[] {
    return [...this.teams.values()].flatMap(({ folder, team }) => team.diagnostics.map((diagnostic) => ({ folder, diagnostic })));
  }

  /** The team files last loaded for a folder (undefined before the first analysis or in Restricted Mode). */
  teamFor(folder: vscode.Uri | undefined): TeamConfig | undefined {
    return folder && vscode.workspace.isTrusted ? this.teams.get(folder.toString())?.team : undefined;
  }

  /** Forgets loaded team files (trust revoked, team files changed). */
  clearTeams(): void {
    this.teams.clear();
  }

  private load(): EngineBundle {
    if (!this.module) {
      const started = Date.now();
      this.module = loadEngineBundle(this.distPath());
      this.logger.info(`Engine loaded in ${Date.now() - started} ms`);
    }
    return this.module;
  }

  /**
   * A fresh engine over any FileProvider (e.g. files read from a git ref) for one pass over many files: not cached,
   * and it keeps no syntax tree or result after a file (see {@link scanEngineFor}).
   */
  createEngine(files: FileProvider): Engine {
    const grammars = vscode.Uri.joinPath(this.extensionUri, 'dist', 'grammars');
    return this.load().createEngine({ files, loadWasm: async (name) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(grammars, name)), logger: this.logger, retain: false });
  }

  /** The engine for the open documents of a workspace folder (or for loose files when `folder` is undefined). */
  engineFor(folder: vscode.Uri | undefined): Engine {
    return this.cached(folder);
  }

  /**
   * An engine and file provider for one workspace scan of a folder: the engine keeps no syntax tree or result after a
   * file (a large scan neither grows memory nor pushes the open documents' trees out of the cache), and the provider
   * remembers the walk's folder listings for this scan only.
   */
  scanEngineFor(folder: vscode.Uri): { readonly engine: Engine; readonly files: FileProvider } {
    const files = workspaceFileProvider(folder, { listings: new ListingMemo() });
    return { engine: this.createEngine(files), files };
  }

  private cached(folder: vscode.Uri | undefined): Engine {
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

/**
 * A currency that cannot be reached (no rate) and a policy whose amounts cannot be converted are configuration errors
 * the editor shows, as the CLI does (exit 2). The currency plan is small pure code (src/core/estimate/currency.ts): it
 * runs in the extension bundle, without loading the engine.
 */
function withCurrencyProblems(team: TeamConfig, settings: Settings): TeamConfig {
  const plan = currencyPlan(settings, team.priceBook);
  const pf = team.policy ? policyFactor(plan, team.policy.currency, team.priceBook) : undefined;
  const policyProblem: Diagnostic[] = pf?.error ? [{ severity: 'error', code: 'currency', message: `${team.policy?.source.file ?? '.tokentier/policy'}: ${pf.error}`, ...(team.policy?.source.file ? { file: team.policy.source.file } : {}) }] : [];
  return plan.problems.length || policyProblem.length ? { ...team, diagnostics: [...team.diagnostics, ...plan.problems, ...policyProblem] } : team;
}
