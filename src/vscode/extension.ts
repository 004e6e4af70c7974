import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { SiteEstimate } from '../core/types';
import type { AdvisorScope, AdvisorView } from '../core/tiers/advisorView';
import { AnalysisCache } from './analysisCache';
import { registerCompareCommand } from './commands/compareCommand';
import type { CommandDeps } from './commands/deps';
import { registerReconcileCommand } from './commands/reconcileCommand';
import { registerReportCommands } from './commands/reportCommands';
import { findSite, registerSiteCommands } from './commands/siteCommands';
import { registerTeamFileCommands } from './commands/teamFileCommands';
import { registerViewCommands } from './commands/viewCommands';
import { ConfigService } from './config';
import { SELECTOR } from './documents';
import { EngineLoader } from './engineLoader';
import { createLogger } from './log';
import { CostCodeActionProvider } from './providers/codeActions';
import { DiagnosticsController } from './providers/diagnostics';
import { DisplayController } from './providers/displayController';
import { CostHoverProvider } from './providers/hover';
import { StatusBar } from './statusBar';
import { SitesTree } from './tree';
import { VirtualDocuments } from './virtualDocs';
import type { HostPlatform } from './platform';
import { AdvisorPanel, registerTierAdvisor } from './webview/advisorPanel';
import { WorkspaceModel } from './workspaceModel';

// The composition shared by both entries: src/vscode/desktop/extension.ts (`main`, the Node extension host) and
// src/vscode/web/extension.ts (`browser`, the web worker host). What differs between them is a HostPlatform.

/** What `activate` returns: the live parts, for the integration tests and the latency benchmark. */
export interface TokentierApi {
  readonly cache: AnalysisCache;
  readonly model: WorkspaceModel;
  readonly tree: SitesTree;
  readonly statusBar: StatusBar;
  readonly display: DisplayController;
  readonly diagnostics: DiagnosticsController;
  readonly docs: VirtualDocuments;
  /** The view the open Tier Advisor panel last posted to its webview (undefined while none is open). */
  readonly advisorView: () => AdvisorView | undefined;
  /** Which extension host runs Tokentier: `desktop` (Node) or `web` (the web worker of vscode.dev/github.dev). */
  readonly host: HostPlatform['kind'];
}

/**
 * Composes the features; each registers its own disposables. Heavy modules load lazily (EngineLoader). `platform`
 * makes the host's platform (it may log).
 */
export function activateTokentier(context: vscode.ExtensionContext, platform: (logger: Logger) => HostPlatform): TokentierApi | undefined {
  const started = Date.now();
  const { logger, channel } = createLogger(context);
  try {
    const host = platform(logger);
    const push = <T extends vscode.Disposable>(d: T): T => {
      context.subscriptions.push(d);
      return d;
    };
    const config = push(new ConfigService(logger));
    const engines = new EngineLoader(host, context.extensionUri, logger);
    const cache = push(new AnalysisCache(engines, config, logger));
    const docs = push(new VirtualDocuments(context.extensionUri));
    const display = push(new DisplayController(cache, config));
    const diagnostics = push(new DiagnosticsController(cache, config, engines));
    const model = push(new WorkspaceModel(engines, config, cache, logger, host));
    const statusBar = push(new StatusBar(model));
    const tree = push(new SitesTree(model));
    push(vscode.languages.registerHoverProvider(SELECTOR, new CostHoverProvider(cache)));
    push(vscode.languages.registerCodeActionsProvider(SELECTOR, new CostCodeActionProvider(cache), { providedCodeActionKinds: CostCodeActionProvider.kinds }));

    // Team files (.tokentier/*) change prices and usage: reload them and re-analyse when they change.
    const teamWatcher = push(vscode.workspace.createFileSystemWatcher('**/.tokentier/*'));
    const teamChanged = () => {
      engines.clearTeams();
      cache.invalidateAll();
      void model.rescan(false);
    };
    push(teamWatcher.onDidChange(teamChanged));
    push(teamWatcher.onDidCreate(teamChanged));
    push(teamWatcher.onDidDelete(teamChanged));
    push(config.onDidChange(() => void model.rescan(false)));
    push(vscode.workspace.onDidGrantWorkspaceTrust(teamChanged));

    const deps: CommandDeps = { context, logger, channel, config, engines, cache, model, tree, docs, platform: host };
    context.subscriptions.push(
      ...registerSiteCommands(deps),
      ...registerReportCommands(deps),
      ...registerTeamFileCommands(deps),
      ...registerViewCommands(deps),
      ...registerCompareCommand(deps),
      ...registerReconcileCommand(deps),
    );
    registerTierAdvisor(context, {
      logger,
      getWorkload: (scope) => workload(deps, scope),
      onDidChangeWorkload: model.onDidChange,
      computeView: async (input) => (await engines.bundle()).computeAdvisorView(input),
      settings: () => {
        const s = config.settings;
        return { ...(s['tiers.users'] !== undefined ? { users: s['tiers.users'] } : {}), electricityUsdPerKWh: s['tiers.electricityPricePerKWh'], gridKgCo2PerKWh: s['tiers.gridIntensity'] };
      },
    });

    // The first scan runs in the background with a window progress indicator (a notification at start-up would be
    // in the way); "Rescan Workspace" shows the cancellable notification.
    const first = setTimeout(() => void model.rescan(false), 0);
    push({ dispose: () => clearTimeout(first) });

    logger.info(`Tokentier ${String(context.extension.packageJSON.version)} activated in ${Date.now() - started} ms (${host.kind} extension host, trusted: ${vscode.workspace.isTrusted})`);
    logger.debug(`Settings: ${JSON.stringify(config.settings)}`);
    return { cache, model, tree, statusBar, display, diagnostics, docs, advisorView: () => AdvisorPanel.active?.lastView, host: host.kind };
  } catch (e) {
    logger.error(e instanceof Error ? e : String(e));
    void vscode.window.showErrorMessage(`Tokentier failed to start: ${String(e)}`, 'Show Logs').then((c) => c && channel.show());
    return undefined;
  }
}

/** The call sites of an advisor scope: one site, one file (live analysis) or the whole workspace. */
async function workload(deps: CommandDeps, scope: AdvisorScope): Promise<readonly SiteEstimate[]> {
  if (scope.kind === 'site') {
    const found = await findSite(deps, scope);
    return found ? [found.estimate] : [];
  }
  if (scope.kind === 'file') {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(scope.uri));
    return deps.cache.estimatesFor(document, await deps.cache.get(document));
  }
  if (deps.model.states().length === 0) await deps.model.rescan(false);
  await deps.model.idle();
  // The workspace's workload is what its totals count: test code only with tokentier.includeTests.
  const includeTests = deps.model.includeTests();
  return deps.model.estimates().filter((e) => includeTests || e.site.test !== true);
}
