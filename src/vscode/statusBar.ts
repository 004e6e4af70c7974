import * as vscode from 'vscode';
import { commonCurrency, compactMoney, statusText } from '../core/report/present';
import { CommandId } from './commands/commandIds';
import { Disposable } from './disposable';
import { RESTRICTED_NOTE } from './providers/hover';
import type { WorkspaceModel } from './workspaceModel';

/** The workspace's monthly total (or "scanning…"); a click opens the cost report. */
export class StatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('tokentier.total', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly model: WorkspaceModel) {
    super();
    this.item.name = 'Tokentier';
    // The status bar total is the workspace's, so its report is too (no scope picker).
    this.item.command = { title: 'Show Cost Report', command: CommandId.showCostReport, arguments: [{ scope: 'workspace' }] };
    this._register(model.onDidChange(() => this.update()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()));
    this.update();
    this.item.show();
  }

  /** The text shown now (for tests). */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? '';
  }

  private update(): void {
    const estimates = this.model.estimates();
    // Figures are shown in the currency they were priced in, never relabelled: a workspace whose folders are priced in
    // different currencies has no single total.
    const currency = commonCurrency(estimates);
    const mixed = currency === undefined && estimates.length > 0;
    const hasData = this.model.states().length > 0 && !mixed;
    const total = hasData ? this.model.engineTotal(estimates) : undefined;
    this.item.text = mixed ? '$(pulse) Tokentier: mixed currencies' : statusText({ total, currency: currency ?? 'USD', scanning: this.model.scanning });
    const lines = ['Tokentier: estimated monthly LLM cost of the workspace (expected usage). Click for the report.'];
    if (mixed) lines.push(`The folders are priced in ${[...new Set(estimates.map((e) => e.cost.currency))].join(' and ')}: no single total. Set tokentier.currency (with its rate) in every folder, or open the report of one folder.`);
    if (total && currency) {
      lines.push(`${total.sites} call sites, ${total.unpriced} without a price; range ${compactMoney(total.perMonth.min, currency)} – ${compactMoney(total.perMonth.max, currency)}/mo.`);
      const tests = estimates.filter((e) => e.site.test && !e.site.ignored);
      if (tests.length) {
        const t = this.model.engineTotal(tests, { includeTests: true });
        const amount = `${compactMoney(t.perMonth.expected, currency)}/mo`;
        lines.push(this.model.includeTests() ? `Includes ${t.sites} call sites in test code (${amount}).` : `${t.sites} call sites in test code (${amount}) are not counted (setting tokentier.includeTests).`);
      }
    }
    if (!vscode.workspace.isTrusted) lines.push(RESTRICTED_NOTE);
    this.item.tooltip = lines.join('\n');
  }
}
