import * as vscode from 'vscode';
import { ConfigService } from './config';
import { EngineLoader } from './engineLoader';
import { createLogger } from './log';
import { CostCodeLensProvider, SELECTOR } from './providers/codeLens';
import { ADVISOR_VIEW_TYPE, AdvisorPanel } from './webview/advisorPanel';

/** Composes the features; each registers its own disposables. Heavy modules load lazily (EngineLoader). */
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const { logger, channel } = createLogger(context);
  try {
    const config = new ConfigService(logger);
    context.subscriptions.push(config);
    const engines = new EngineLoader(context.extensionUri, logger);
    context.subscriptions.push(
      vscode.languages.registerCodeLensProvider(SELECTOR, new CostCodeLensProvider(engines, config)),
      vscode.commands.registerCommand('tokentier.showLogs', () => channel.show()),
      vscode.commands.registerCommand('tokentier.openTierAdvisor', () =>
        AdvisorPanel.show(context.extensionUri, logger, () => ({ view: 'advisor', title: 'Tier Advisor', rows: [] })),
      ),
      vscode.window.registerWebviewPanelSerializer(ADVISOR_VIEW_TYPE, {
        async deserializeWebviewPanel(panel) {
          AdvisorPanel.revive(panel, context.extensionUri, logger, () => ({ view: 'advisor', title: 'Tier Advisor', rows: [] }));
        },
      }),
    );
    logger.info(`Tokentier ${String(context.extension.packageJSON.version)} activated in ${Date.now() - started} ms`);
  } catch (e) {
    logger.error(e instanceof Error ? e : String(e));
    void vscode.window.showErrorMessage(`Tokentier failed to start: ${String(e)}`, 'Show Logs').then((c) => c && channel.show());
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
