import * as vscode from 'vscode';
import type { AnalysisCache } from '../analysisCache';
import { CommandId } from '../commands/commandIds';
import { toVsRange } from '../documents';
import type { SiteArgs } from './codeLens';
import { DiagnosticCode } from './diagnostics';
import { modelActions } from './modelActions';

/**
 * Quick fixes: "Set model for this call…" where the model (or its price) is unknown; "Migrate to …" for a deprecated
 * model and "Switch to …" for a cheaper one, which change the model string where it is written (modelActions.ts).
 */
export class CostCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cache: AnalysisCache) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const entry = this.cache.peek(document) ?? (await this.cache.get(document, token));
    const actions: vscode.CodeAction[] = [];
    const all = this.cache.estimatesFor(document, entry);
    for (const e of all) {
      const siteRange = toVsRange(e.site.range);
      if (!siteRange.intersection(range) || e.site.ignored) continue;
      actions.push(...(await modelActions(document, e, all, context.diagnostics)));
      const unknownModel = !e.site.model.id && !e.usage.model;
      if (!unknownModel && e.cost.perCall) continue;
      const action = new vscode.CodeAction(unknownModel ? 'Set model for this call…' : 'Set the model id priced for this call…', vscode.CodeActionKind.QuickFix);
      const args: SiteArgs = { uri: document.uri.toString(), siteId: e.site.id };
      action.command = { title: action.title, command: CommandId.setModel, arguments: [args] };
      action.diagnostics = context.diagnostics.filter((d) => d.code === DiagnosticCode.unknownModel && d.range.intersection(siteRange));
      action.isPreferred = unknownModel;
      actions.push(action);
    }
    return actions;
  }
}
