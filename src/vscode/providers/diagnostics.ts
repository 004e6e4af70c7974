import * as vscode from 'vscode';
import type { Settings } from '../../core/config/settings';
import { currencyPlan, policyFactor } from '../../core/estimate/currency';
import { compactMoney } from '../../core/report/present';
import type { Diagnostic as CoreDiagnostic, SiteEstimate } from '../../core/types';
import type { AnalysisCache, AnalysisEntry } from '../analysisCache';
import type { ConfigService } from '../config';
import { Disposable } from '../disposable';
import { adviceDiagnostics } from './adviceDiagnostics';
import { toVsRange } from '../documents';
import type { EngineLoader } from '../engineLoader';

/** Codes of the cost diagnostics (the quick fixes key on them). */
export const DiagnosticCode = {
  budgetPerCall: 'budget-per-call',
  budgetPerMonth: 'budget-per-month',
  unknownModel: 'unknown-model',
  unboundedLoop: 'unbounded-loop',
} as const;

const SOURCE = 'Tokentier';

/**
 * Problems-panel diagnostics. Cost diagnostics (budgets, unknown/deprecated models, unbounded loops) only when
 * `tokentier.diagnostics.enabled`; errors in price books, usage files and policies always, at their file and line.
 */
export class DiagnosticsController extends Disposable {
  private readonly costs = this._register(vscode.languages.createDiagnosticCollection('tokentier'));
  private readonly teamFiles = this._register(vscode.languages.createDiagnosticCollection('tokentier-team'));

  constructor(private readonly cache: AnalysisCache, private readonly config: ConfigService, private readonly engines: EngineLoader) {
    super();
    this._register(cache.onDidChange(() => this.update()));
    this._register(config.onDidChange(() => this.update()));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.costs.delete(d.uri)));
  }

  /** Recomputes every collection from the cache and the team-file diagnostics. */
  update(): void {
    this.costs.clear();
    for (const entry of this.cache.all()) {
      const settings = this.config.read(entry.folder);
      if (!settings['diagnostics.enabled'] && !settings['diagnostics.cheaperModels']) continue;
      for (const [uri, list] of this.forEntry(entry, settings)) this.costs.set(vscode.Uri.parse(uri), list);
    }
    this.teamFiles.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const { folder, diagnostic } of this.engines.teamDiagnostics()) {
      if (diagnostic.severity !== 'error') continue;
      if (!diagnostic.file) {
        // A settings problem with no file to point at (a currency with no rate set in user settings): say it once.
        this.notifyOnce(diagnostic.message);
        continue;
      }
      const uri = vscode.Uri.joinPath(folder, ...diagnostic.file.split('/'));
      const d = new vscode.Diagnostic(diagnostic.range ? toVsRange(diagnostic.range) : new vscode.Range(0, 0, 0, 0), diagnostic.message, vscode.DiagnosticSeverity.Error);
      d.source = SOURCE;
      d.code = diagnostic.code;
      const list = byFile.get(uri.toString()) ?? [];
      list.push(d);
      byFile.set(uri.toString(), list);
    }
    for (const [uri, list] of byFile) this.teamFiles.set(vscode.Uri.parse(uri), list);
  }

  private readonly notified = new Set<string>();

  private notifyOnce(message: string): void {
    if (this.notified.has(message)) return;
    this.notified.add(message);
    void vscode.window.showErrorMessage(`Tokentier: ${message}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'tokentier.currency');
    });
  }

  private forEntry(entry: AnalysisEntry, settings: Settings): Map<string, vscode.Diagnostic[]> {
    const out = new Map<string, vscode.Diagnostic[]>();
    const cellUris = entry.notebook ? this.cellUris(entry) : undefined;
    const uriFor = (cell: number | undefined) => (entry.notebook ? cellUris?.get(cell ?? -1) : vscode.Uri.parse(entry.key));
    const push = (cell: number | undefined, d: vscode.Diagnostic) => {
      const uri = uriFor(cell);
      if (!uri) return;
      const list = out.get(uri.toString()) ?? [];
      list.push(d);
      out.set(uri.toString(), list);
    };
    const team = this.engines.teamFor(entry.folder);
    const policy = team?.policy;
    // The policy's amounts are in its own currency: converted to the figures' currency, or left out when they cannot be.
    const pf = policy ? policyFactor(currencyPlan(settings, team?.priceBook), policy.currency, team?.priceBook) : undefined;
    const k = pf?.error ? undefined : pf?.factor?.factor ?? 1;
    const scaled = (x: number | undefined): number | undefined => (x === undefined || k === undefined ? undefined : x * k);
    const budgets = { perCall: scaled(policy?.budgets.perCall), perMonth: scaled(policy?.budgets.perSitePerMonth), file: policy?.source.file };
    for (const e of entry.estimates) for (const d of adviceDiagnostics(e, settings)) push(e.site.cell, d);
    if (!settings['diagnostics.enabled']) return out;
    for (const e of entry.estimates) for (const d of siteDiagnostics(e, settings, budgets)) push(e.site.cell, d);
    for (const d of entry.diagnostics) {
      // Parse problems and the like are reported by the core; show warnings and errors, not notes.
      if (d.severity === 'info' || !d.range) continue;
      push(d.cell, fromCore(d));
    }
    return out;
  }

  private cellUris(entry: AnalysisEntry): Map<number, vscode.Uri> {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === entry.key);
    return new Map(nb?.getCells().map((c) => [c.index, c.document.uri]) ?? []);
  }

  /** For tests: the diagnostics shown for a document. */
  get(doc: vscode.TextDocument): readonly vscode.Diagnostic[] {
    return this.costs.get(doc.uri) ?? [];
  }
}

function fromCore(d: CoreDiagnostic): vscode.Diagnostic {
  const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const out = new vscode.Diagnostic(toVsRange(d.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), d.message, severity);
  out.source = SOURCE;
  out.code = d.code;
  return out;
}

/** Budgets from `.tokentier/policy.*` (per call, per site and month) and the file they came from. */
export interface PolicyBudgets {
  readonly perCall?: number;
  readonly perMonth?: number;
  readonly file?: string;
}

/** The tighter of a setting's budget and the policy file's, with where it came from. */
function budget(setting: number | undefined, settingName: string, policy: number | undefined, policyFile: string | undefined): { value: number; from: string } | undefined {
  if (setting === undefined && policy === undefined) return undefined;
  if (policy !== undefined && (setting === undefined || policy < setting)) return { value: policy, from: policyFile ?? '.tokentier/policy' };
  return { value: setting!, from: settingName };
}

/** The cost diagnostics of one site under the given settings and policy budgets. */
export function siteDiagnostics(e: SiteEstimate, settings: Settings, policy: PolicyBudgets = {}): vscode.Diagnostic[] {
  if (e.site.ignored) return [];
  const out: vscode.Diagnostic[] = [];
  const range = toVsRange(e.site.range);
  const cur = e.cost.currency;
  const make = (message: string, code: string, severity = vscode.DiagnosticSeverity.Warning) => {
    const d = new vscode.Diagnostic(range, message, severity);
    d.source = SOURCE;
    d.code = code;
    out.push(d);
  };
  // Test code is kept out of budgets unless tokentier.includeTests counts it.
  const budgeted = settings.includeTests || e.site.test !== true;
  const perCall = budgeted ? budget(settings['budget.perCall'], 'tokentier.budget.perCall', policy.perCall, policy.file) : undefined;
  if (perCall && e.cost.perCall && e.cost.perCall.expected > perCall.value) {
    make(`Expected cost per call ${compactMoney(e.cost.perCall.expected, cur)} exceeds the budget of ${compactMoney(perCall.value, cur)} (${perCall.from}).`, DiagnosticCode.budgetPerCall);
  }
  const perMonth = budgeted ? budget(settings['budget.perMonth'], 'tokentier.budget.perMonth', policy.perMonth, policy.file) : undefined;
  if (perMonth && e.cost.perMonth && e.cost.perMonth.expected > perMonth.value) {
    make(`Expected monthly cost ${compactMoney(e.cost.perMonth.expected, cur)} exceeds the budget of ${compactMoney(perMonth.value, cur)} (${perMonth.from}).`, DiagnosticCode.budgetPerMonth);
  }
  if (!e.site.model.id && !e.usage.model) {
    make('The model of this LLM call is unknown, so its cost is unknown. Set the model with the quick fix.', DiagnosticCode.unknownModel, vscode.DiagnosticSeverity.Information);
  }
  if (e.site.loops.some((l) => l.unbounded)) {
    make('This LLM call is inside a loop with no visible bound: its cost scales with the iterations.', DiagnosticCode.unboundedLoop);
  }
  return out;
}
