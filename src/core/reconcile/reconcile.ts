/**
 * `reconcile`: reads usage exports, compares them with a scan's estimates per model and day, proposes usage-file
 * entries that make the estimate match, and checks the proposal by estimating again with it. The one entry the CLI
 * (`tokentier reconcile`) and the editor (Tokentier: Reconcile with Usage Export…) share. Pure: the caller reads the
 * files and writes the proposed usage file (after the user accepts it).
 */
import { parseExport } from '../bills/detect';
import type { ParsedExport } from '../bills/types';
import type { Settings } from '../config/settings';
import { estimateSitesWithDiagnostics, type TeamConfig } from '../estimate/estimator';
import type { FileProvider } from '../fileProvider';
import { bundledPriceTable, type PriceTable } from '../pricing/priceTable';
import { loadTeamConfig } from '../teamFiles/loadTeamConfig';
import type { Report } from '../types';
import { editUsageFile } from '../teamFiles/usageEdit';
import { compareWithBills } from './compare';
import { unifiedDiff } from './lineDiff';
import { ModelMatcher } from './models';
import { predictSites } from './predict';
import { editsFor, proposeUsage } from './proposals';
import type { ReconcileResult } from './types';
import { currencyPlan } from '../estimate/currency';

/** What {@link reconcile} needs. */
export interface ReconcileRequest {
  /** The scan to compare (its sites are re-estimated to check the proposal). */
  readonly report: Report;
  /** The exports' contents and the names to show. */
  readonly exports: readonly { readonly name: string; readonly text: string }[];
  readonly settings: Settings;
  readonly team: TeamConfig;
  /** The scan root's files (prompt files named in code; the team files when checking the proposal). */
  readonly files?: FileProvider;
  /** The usage file proposals go into: its workspace-relative path and current text (undefined: not there yet). */
  readonly usageFile?: { readonly path: string; readonly text: string | undefined };
  readonly table?: PriceTable;
  readonly now?: Date;
}

/** The comparison and, when there is something to change, the usage file as proposed. */
export interface ReconcileOutcome {
  readonly result: ReconcileResult;
  readonly proposed?: { readonly path: string; readonly before: string | undefined; readonly after: string };
}

/** A provider that answers one path with the given text and everything else from `base`. */
function overlay(base: FileProvider | undefined, path: string, text: string): FileProvider {
  const bytes = new TextEncoder().encode(text).length;
  return {
    readText: async (p) => (p === path ? text : base?.readText(p)),
    list: async (p) => base?.list(p),
    stat: async (p) => (p === path ? { type: 'file', size: bytes, mtime: 0 } : base?.stat(p)),
  };
}

/** Re-estimates the sites with the proposed usage file and compares again: the error per model before and after. */
async function checkProposal(req: ReconcileRequest, exports: readonly ParsedExport[], matcher: ModelMatcher, usdRate: number | undefined, before: ReconcileResult, path: string, text: string): Promise<ReconcileResult['check']> {
  const files = overlay(req.files, path, text);
  const team = await loadTeamConfig(files, req.settings, { trusted: true });
  const { estimates } = await estimateSitesWithDiagnostics(req.report.sites.map((e) => e.site), { settings: req.settings, team, files, ...(req.now ? { now: req.now } : {}), ...(req.table ? { table: req.table } : {}) });
  const after = compareWithBills({ report: { ...req.report, sites: estimates }, exports, matcher, ...(usdRate !== undefined ? { usdRate } : {}) });
  return before.models
    .filter((m) => m.status === 'matched')
    .map((m) => ({ platform: m.platform, model: m.model, before: m.error, after: after.models.find((x) => x.platform === m.platform && x.key === m.key)?.error ?? {} }));
}

/** Runs the whole reconciliation. Never throws: problems are in `result.diagnostics`. */
export async function reconcile(req: ReconcileRequest): Promise<ReconcileOutcome> {
  const table = req.table ?? (await bundledPriceTable());
  const matcher = new ModelMatcher(table);
  const exports = req.exports.map((x) => parseExport(x.text, x.name));
  // Bills are in USD: the rate to the report's currency is the one its figures were converted with (issue #19's plan).
  const plan = currencyPlan(req.settings, req.team.priceBook);
  const usdRate = plan.code === req.report.currency ? plan.factor('USD').factor?.factor : undefined;
  const compared = compareWithBills({ report: req.report, exports, matcher, ...(usdRate !== undefined ? { usdRate } : {}), ...(req.now ? { now: req.now } : {}) });
  const { predictions } = predictSites(req.report.sites, matcher);
  const multiplier = req.team.usage?.profiles[req.settings.profile]?.callsMultiplier;
  const proposals = proposeUsage(compared, predictions, { allSites: req.report.sites.map((e) => e.site), ...(multiplier !== undefined ? { callsMultiplier: multiplier } : {}) });
  const edits = editsFor(compared, proposals, req.report.sites.map((e) => e.site));
  const path = req.usageFile?.path ?? '.tokentier/usage.yml';
  let result: ReconcileResult = { ...compared, proposals };
  if (!edits.length) return { result };
  const before = req.usageFile?.text;
  const edited = editUsageFile(before, path, edits);
  if ('error' in edited) {
    return { result: { ...result, diagnostics: [...result.diagnostics, { severity: 'error', code: 'usage-file', file: path, message: edited.error }] } };
  }
  try {
    const check = await checkProposal(req, exports, matcher, usdRate, compared, path, edited.text);
    result = { ...result, ...(check ? { check } : {}) };
  } catch (e) {
    result = { ...result, diagnostics: [...result.diagnostics, { severity: 'warning', code: 'internal-error', message: `The proposal could not be checked: ${String(e)}` }] };
  }
  const diff = unifiedDiff(before ?? '', edited.text, path);
  return { result: { ...result, usageFile: { path, written: false, ...(diff ? { diff } : {}) } }, proposed: { path, before, after: edited.text } };
}
