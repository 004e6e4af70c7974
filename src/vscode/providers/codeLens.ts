import * as vscode from 'vscode';
import { lifecycleHint } from '../../core/report/adviceText';
import { lensTitle, plainText } from '../../core/report/present';
import type { SiteEstimate } from '../../core/types';
import type { AnalysisCache } from '../analysisCache';
import { CommandId } from '../commands/commandIds';
import { toVsRange } from '../documents';

/** Arguments of the commands a hint runs: a site, located by document URI and site id (never by data). */
export interface SiteArgs {
  readonly uri: string;
  readonly siteId: string;
}

/** One CodeLens above each call site; reads the cache, refreshes when it changes. */
export class CostCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly _onDidChangeCodeLenses = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this._onDidChangeCodeLenses.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly cache: AnalysisCache) {
    this.subscription = cache.onDidChange(() => this._onDidChangeCodeLenses.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const entry = await this.cache.get(document, token);
    if (token.isCancellationRequested) return [];
    return this.cache.estimatesFor(document, entry).map((e) => lensFor(document, e));
  }

  dispose(): void {
    this.subscription.dispose();
    this._onDidChangeCodeLenses.dispose();
  }
}

function lensFor(document: vscode.TextDocument, e: SiteEstimate): vscode.CodeLens {
  const { text: cost, state } = lensTitle(e);
  // A deprecated or retired model says so in the lens itself: the diagnostic is off by default.
  const hint = lifecycleHint(e);
  const text = hint ? plainText(`${cost} · ${hint}`) : cost;
  const args: SiteArgs = { uri: document.uri.toString(), siteId: e.site.id };
  const range = toVsRange(e.site.range);
  if (state === 'unknown-model' || state === 'unknown-price') {
    return new vscode.CodeLens(range, { title: `$(warning) ${text}`, command: CommandId.setModel, arguments: [args], tooltip: 'Set the model (or price) for this call' });
  }
  return new vscode.CodeLens(range, { title: text, command: CommandId.showSiteBreakdown, arguments: [args], tooltip: 'Show the cost breakdown' });
}
