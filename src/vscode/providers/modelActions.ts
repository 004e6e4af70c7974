import * as vscode from 'vscode';
import { modelInDocument, modelInUsageFile, replacementText, type ModelLocation } from '../../core/advice/modelLiteral';
import { monthlyDelta } from '../../core/report/adviceText';
import { compactMoney } from '../../core/report/present';
import type { SiteEstimate } from '../../core/types';
import { relativePathOfDocument, toVsRange } from '../documents';
import { AdviceCode } from './adviceDiagnostics';

/** A model the site could switch to, with the action's title. */
interface Target {
  readonly model: string;
  readonly title: string;
  readonly code: string;
  readonly preferred: boolean;
}

/** Where the model string is, in which document, or why it cannot be changed in place. */
type Found = { readonly uri: vscode.Uri; readonly loc: ModelLocation } | { readonly reason: string };

const API_ID = /^[\w.:/@-]+$/;

function targets(e: SiteEstimate): Target[] {
  const out: Target[] = [];
  const cur = e.cost.currency;
  const l = e.advice?.lifecycle;
  const m = l?.migration;
  if (l && m && API_ID.test(m.model)) {
    const delta = m.deltaPerMonth === null ? 'cost change unknown' : monthlyDelta(m.deltaPerMonth, cur);
    const title = `Migrate to ${m.model} (${l.platformName}'s replacement, ${delta})`;
    // A replacement reached through retired ones is not the provider's word for this call (text-davinci-003's
    // gpt-3.5-turbo-instruct is retired; its own replacement takes the chat API): the user migrates by hand, as the
    // hover says.
    if (!m.via?.length) out.push({ model: m.model, title, code: AdviceCode.deprecatedModel, preferred: l.status === 'retired' });
  }
  for (const a of e.advice?.alternatives ?? []) {
    if (!a.samePlatform || out.length >= 3) continue;
    const unknown = a.fit.some((f) => f.fits === null) ? ', some features unverified' : '';
    out.push({ model: a.model, title: `Switch to ${a.model}: saves ${compactMoney(a.savingPerMonth, cur)}/mo (${Math.round(a.savingShare * 100)} %)${unknown}`, code: AdviceCode.cheaperModel, preferred: false });
  }
  return out;
}

async function find(document: vscode.TextDocument, e: SiteEstimate): Promise<Found> {
  const source = e.usage.model?.source;
  if (e.usage.model && source?.source === 'team-file' && source.file && source.line) {
    const { folder } = relativePathOfDocument(document);
    if (!folder) return { reason: 'the usage file is outside a workspace folder' };
    const uri = vscode.Uri.joinPath(folder.uri, ...source.file.split('/'));
    try {
      const usage = await vscode.workspace.openTextDocument(uri);
      const loc = modelInUsageFile(usage.getText(), source.line, e.usage.model.value);
      return 'reason' in loc ? loc : { uri, loc };
    } catch {
      return { reason: `${source.file} could not be read` };
    }
  }
  const loc = modelInDocument(document.getText(), e);
  return 'reason' in loc ? loc : { uri: document.uri, loc };
}

/** How many sites of the document take their model from the same constant (a rewrite changes them all). */
function sharedBy(e: SiteEstimate, all: readonly SiteEstimate[]): number {
  const r = e.site.model.resolution;
  if (r.kind !== 'constant') return 1;
  return all.filter((x) => x.site.model.resolution.kind === 'constant' && (x.site.model.resolution as { name: string }).name === r.name).length;
}

/**
 * Quick fixes that change a site's model string: to the provider's replacement of a deprecated model, or to a cheaper
 * model of the same provider. Only where the string is a literal this document (or the usage-file entry) holds, found
 * exactly once; otherwise there is no action (VS Code does not show disabled quick fixes) and the hover says where the
 * model is set.
 */
export async function modelActions(document: vscode.TextDocument, e: SiteEstimate, all: readonly SiteEstimate[], diagnostics: readonly vscode.Diagnostic[]): Promise<vscode.CodeAction[]> {
  const list = targets(e);
  if (!list.length) return [];
  const found = await find(document, e);
  if ('reason' in found) return [];
  const siteRange = toVsRange(e.site.range);
  const shared = sharedBy(e, all);
  return list.map((t) => {
    const action = new vscode.CodeAction(`${t.title} — in ${found.loc.where}${shared > 1 ? `, used by ${shared} calls` : ''}`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = diagnostics.filter((d) => d.code === t.code && d.range.intersection(siteRange));
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(found.uri, toVsRange(found.loc.range), replacementText(found.loc.text, t.model));
    action.isPreferred = t.preferred;
    return action;
  });
}
