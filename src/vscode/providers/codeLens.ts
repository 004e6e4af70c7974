import * as vscode from 'vscode';
import type { SiteEstimate } from '../../core/types';
import type { EngineLoader } from '../engineLoader';
import type { ConfigService } from '../config';

export const SELECTOR: vscode.DocumentSelector = [
  { language: 'python' },
  { language: 'typescript' },
  { language: 'javascript' },
  { language: 'typescriptreact' },
  { language: 'javascriptreact' },
];

/** Foundation slice: one lens per site with its model; issue 6 replaces it with the cached, costed version. */
export class CostCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly engines: EngineLoader, private readonly config: ConfigService) {}

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const engine = this.engines.engineFor(folder?.uri);
    engine.configure({ settings: this.config.settings, trusted: vscode.workspace.isTrusted });
    const path = folder ? vscode.workspace.asRelativePath(document.uri, false) : document.uri.path;
    const analysis = await engine.analyzeDocument({ path, text: document.getText(), version: document.version }, token);
    return analysis.estimates.map((e) => new vscode.CodeLens(toRange(e), { title: lensTitle(e), command: 'tokentier.showLogs' }));
  }
}

function toRange(e: SiteEstimate): vscode.Range {
  const r = e.site.range;
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function lensTitle(e: SiteEstimate): string {
  return `Tokentier: ${e.site.model.id ?? 'unknown model'} · ${e.cost.perCall ? e.cost.perCall.expected.toFixed(4) : 'price unknown'}`;
}
