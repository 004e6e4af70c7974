import * as vscode from 'vscode';
import type { Settings } from '../../core/config/settings';
import { alternativeMessage, lifecycleMessage } from '../../core/report/adviceText';
import { writtenModel } from '../../core/report/present';
import type { SiteEstimate } from '../../core/types';
import { toVsRange } from '../documents';

/** Codes of the advice diagnostics (the quick fixes key on them). */
export const AdviceCode = {
  deprecatedModel: 'deprecated-model',
  cheaperModel: 'cheaper-model',
} as const;

/** Days before a shutdown from which a deprecation is a warning rather than a note. */
const WARN_DAYS = 90;

function deprecationSeverity(e: SiteEstimate): vscode.DiagnosticSeverity | undefined {
  const l = e.advice?.lifecycle;
  if (!l) return undefined;
  const soon = l.daysLeft !== undefined && l.daysLeft <= WARN_DAYS;
  if (l.status === 'retired' || (l.status === 'deprecated' && (soon || l.daysLeft === undefined))) return vscode.DiagnosticSeverity.Warning;
  if (l.status === 'deprecated' || soon) return vscode.DiagnosticSeverity.Information;
  return undefined;
}

/**
 * The advice diagnostics of one site: a deprecated or retired model (with `tokentier.diagnostics.enabled`; a warning
 * when retired or within 90 days of its shutdown) and a cheaper model of the same provider that fits every feature the
 * call uses (with `tokentier.diagnostics.cheaperModels`).
 */
export function adviceDiagnostics(e: SiteEstimate, settings: Settings): vscode.Diagnostic[] {
  if (e.site.ignored || !e.advice) return [];
  const out: vscode.Diagnostic[] = [];
  const range = toVsRange(e.site.range);
  const severity = settings['diagnostics.enabled'] ? deprecationSeverity(e) : undefined;
  const message = lifecycleMessage(e);
  if (severity !== undefined && message) {
    const d = new vscode.Diagnostic(range, message, severity);
    d.source = 'Tokentier';
    d.code = AdviceCode.deprecatedModel;
    out.push(d);
  }
  const best = e.advice.alternatives[0];
  if (settings['diagnostics.cheaperModels'] && best?.samePlatform && best.fit.every((f) => f.fits === true)) {
    const d = new vscode.Diagnostic(range, `Cheaper model: ${alternativeMessage(e, best, writtenModel(e) ?? 'the current model')}`, vscode.DiagnosticSeverity.Information);
    d.source = 'Tokentier';
    d.code = AdviceCode.cheaperModel;
    out.push(d);
  }
  return out;
}
