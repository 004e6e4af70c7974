import * as vscode from 'vscode';
import type { Settings } from '../core/config/settings';
import type { Engine } from '../core/engine';
import type { EngineBundle } from '../core/engineBundleContract';
import type { TeamConfig } from '../core/estimate/estimator';
import { currencyPlan, policyFactor } from '../core/estimate/currency';
import { decodeFileText, emptyFileProvider, ListingMemo, type FileProvider } from '../core/fileProvider';
import type { Logger } from '../core/logger';
import type { Diagnostic } from '../core/types';
import type { HostPlatform } from './platform';

/**
 * FileProvider over `vscode.workspace.fs`, rooted at a folder of any scheme (virtual and remote file systems, and every
 * folder in the web worker host). Never throws. With `listings`, the folder listings of a scan's walk answer one-hop
 * import resolution's stats of missing paths (one provider per scan).
 */
export function vscodeFileProvider(root: vscode.Uri, listings?: ListingMemo): FileProvider {
  const segments = (p: string) => p.split('/').filter(Boolean);
  const resolve = (p: string) => vscode.Uri.joinPath(root, ...segments(p));
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
 * The engine bundle (parsers, tokenizer tables, price data, the tier model), loaded on first use through the host
 * platform's {@link HostPlatform.engine} loader (a `require` on the desktop, `vscode.workspace.fs` on the web), so
 * activation stays cheap; the engines made from it (one per workspace folder for the open documents, fresh ones for
 * scans) and the team files each folder last loaded.
 */
export class EngineLoader {
  private module: Promise<EngineBundle> | undefined;
  private readonly engines = new Map<string, Engine>();
  private readonly teams = new Map<string, { folder: vscode.Uri; team: TeamConfig }>();

  constructor(
    private readonly platform: HostPlatform,
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
  ) {}

  /** The engine bundle's exports (scanner, report builders, the Tier Advisor's view model), loading it on first use. */
  bundle(): Promise<EngineBundle> {
    if (!this.module) {
      const started = Date.now();
      const loading = this.platform.engine.load();
      this.module = loading;
      loading.then(
        () => this.logger.info(`Engine loaded in ${Date.now() - started} ms from ${this.platform.engine.source}`),
        (e: unknown) => {
          // A failed load (a missing or partial build) is logged, and the next use tries again.
          this.logger.error(`Could not load the engine from ${this.platform.engine.source}: ${e instanceof Error ? e.message : String(e)}`);
          if (this.module === loading) this.module = undefined;
        },
      );
    }
    return this.module;
  }

  /**
   * FileProvider rooted at a workspace folder. Never throws. The platform's direct reader when it has one (the desktop
   * reads a `file:` folder with `node:fs`: a workspace scan makes tens of thousands of calls, and each
   * `vscode.workspace.fs` call is a round trip through the workbench — a 30,000-file scan took 100 s that way), else
   * `vscode.workspace.fs`.
   */
  files(root: vscode.Uri, options: { readonly listings?: ListingMemo } = {}): FileProvider {
    return this.platform.directFiles(root, options.listings) ?? vscodeFileProvider(root, options.listings);
  }

  /**
   * Team files (`.tokentier/*`, the `tokentier.priceBook` setting) for a folder, through the core's
   * `loadTeamConfig` (which reads nothing in Restricted Mode). Never throws: problems become its diagnostics.
   */
  async teamConfigFor(folder: vscode.Uri, settings: Settings): Promise<TeamConfig | undefined> {
    try {
      const loaded = await (await this.bundle()).loadTeamConfig(this.files(folder), settings, { trusted: vscode.workspace.isTrusted });
      const team = withCurrencyProblems(loaded, settings);
      this.teams.set(folder.toString(), { folder, team });
      return team;
    } catch (e) {
      this.logger.error(e instanceof Error ? e : String(e));
      return undefined;
    }
  }

  /** Records team files loaded elsewhere (the workspace scan's child process reads them with the same core function). */
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

  /** Reads a grammar (`dist/grammars/*.wasm`) from the extension's own files, on the desktop and on the web alike. */
  private readonly loadWasm = async (name: string): Promise<Uint8Array> => vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'grammars', name));

  /**
   * A fresh engine over any FileProvider (e.g. files read from a git ref) for one pass over many files: not cached,
   * and it keeps no syntax tree or result after a file (see {@link scanEngineFor}).
   */
  async createEngine(files: FileProvider): Promise<Engine> {
    return (await this.bundle()).createEngine({ files, loadWasm: this.loadWasm, logger: this.logger, retain: false });
  }

  /** The engine for the open documents of a workspace folder (or for loose files when `folder` is undefined). */
  async engineFor(folder: vscode.Uri | undefined): Promise<Engine> {
    const key = folder?.toString() ?? '';
    const bundle = await this.bundle();
    let engine = this.engines.get(key);
    if (!engine) {
      engine = bundle.createEngine({ files: folder ? this.files(folder) : emptyFileProvider, loadWasm: this.loadWasm, logger: this.logger });
      this.engines.set(key, engine);
    }
    return engine;
  }

  /**
   * An engine and file provider for one workspace scan of a folder: the engine keeps no syntax tree or result after a
   * file (a large scan neither grows memory nor pushes the open documents' trees out of the cache), and the provider
   * remembers the walk's folder listings for this scan only.
   */
  async scanEngineFor(folder: vscode.Uri): Promise<{ readonly engine: Engine; readonly files: FileProvider; readonly direct: boolean }> {
    const listings = new ListingMemo();
    const direct = this.platform.directFiles(folder, listings);
    const files = direct ?? vscodeFileProvider(folder, listings);
    return { engine: await this.createEngine(files), files, direct: direct !== undefined };
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
