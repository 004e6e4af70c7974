import * as vscode from 'vscode';
import { lifecycleHint } from '../../core/report/adviceText';
import { inlayLabel, plainText } from '../../core/report/present';
import type { AnalysisCache } from '../analysisCache';
import { CommandId } from '../commands/commandIds';
import type { SiteArgs } from './codeLens';

/** An inlay hint after each call (`≈$0.0012/call · $36/mo`); reads the cache, refreshes when it changes. */
export class CostInlayHintsProvider implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly _onDidChangeInlayHints = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this._onDidChangeInlayHints.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly cache: AnalysisCache) {
    this.subscription = cache.onDidChange(() => this._onDidChangeInlayHints.fire());
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
    const entry = await this.cache.get(document, token);
    if (token.isCancellationRequested) return [];
    const hints: vscode.InlayHint[] = [];
    for (const e of this.cache.estimatesFor(document, entry)) {
      const end = new vscode.Position(e.site.range.end.line, e.site.range.end.character);
      if (!range.contains(end)) continue;
      const { text: cost, state } = inlayLabel(e);
      const retiring = lifecycleHint(e);
      const text = retiring ? plainText(`${cost} · ${retiring}`) : cost;
      const args: SiteArgs = { uri: document.uri.toString(), siteId: e.site.id };
      const part = new vscode.InlayHintLabelPart(text);
      part.command =
        state === 'unknown-model' || state === 'unknown-price'
          ? { title: 'Set model…', command: CommandId.setModel, arguments: [args] }
          : { title: 'Show breakdown', command: CommandId.showSiteBreakdown, arguments: [args] };
      part.tooltip = state === 'ok' && e.usage.assumed ? 'Cost depends on usage: calls/day is an assumption.' : undefined;
      const hint = new vscode.InlayHint(end, [part]);
      hint.paddingLeft = true;
      hints.push(hint);
    }
    return hints;
  }

  dispose(): void {
    this.subscription.dispose();
    this._onDidChangeInlayHints.dispose();
  }
}
