import * as vscode from 'vscode';
import { adviceHoverLines } from '../../core/report/adviceText';
import { HOVER_COMMANDS, hoverMarkdown, writtenModel } from '../../core/report/present';
import type { SiteEstimate } from '../../core/types';
import type { AnalysisCache } from '../analysisCache';
import { toVsRange } from '../documents';

/** Why built-in defaults are in force in Restricted Mode; shown in hovers and the status bar tooltip. */
export const RESTRICTED_NOTE = 'Restricted Mode: using built-in prices and usage defaults; .tokentier/ files and workspace settings that change costs are not read.';

/**
 * Builds a hover MarkdownString whose command links are limited to {@link HOVER_COMMANDS} (the text itself is
 * escaped by the formatter, so data can never add a link).
 */
export function trustedMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  return md;
}

/** The cost hover over a call expression. */
export class CostHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: AnalysisCache) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const entry = await this.cache.get(document, token);
    if (token.isCancellationRequested) return undefined;
    // The innermost site wins when calls nest (a call inside another call's arguments).
    const hits = this.cache
      .estimatesFor(document, entry)
      .map((e) => ({ e, range: toVsRange(e.site.range) }))
      .filter((h) => h.range.contains(position))
      .sort((a, b) => (a.range.contains(b.range) ? 1 : b.range.contains(a.range) ? -1 : 0));
    const hit = hits[0];
    if (!hit) return undefined;
    const note = vscode.workspace.isTrusted ? undefined : RESTRICTED_NOTE;
    return new vscode.Hover(trustedMarkdown(hoverMarkdown({ estimate: hit.e, note, linkArgs: { uri: document.uri.toString(), siteId: hit.e.site.id }, advice: siteAdvice(hit.e) })), hit.range);
  }
}

/** The hover's advice section of a site: deprecation with the migration's cost, the best cheaper model. */
export function siteAdvice(e: SiteEstimate): string[] {
  return adviceHoverLines(e, writtenModel(e) ?? 'the current model');
}
