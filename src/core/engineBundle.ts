/**
 * The entry of the engine bundle (`dist/engine.js`): everything the extension host and the workspace scan's child
 * process and the CLI use from the core, loaded on first use by src/node/engineBundle.ts (the one loader), so the
 * parsers, tokenizer tables, price data and the tier model's tables never load at activation, nor in a CLI run that
 * analyses nothing (a cached re-scan, `merge`).
 */
export { createEngine, Engine, type EngineConfig, type EngineHost, type DocumentAnalysis } from './engine';
export { scanWorkspace, type ScanOptions } from './scan/scanner';
export { PREFILTER_PATTERN } from './scan/prefilter';
// Token counts kept across CLI runs by the --cache index (src/node/scanCache.ts, issue 23).
export { seedTokenCounts, takeTokenCounts } from './tokens/tokenizer';
export { buildReport, type ReportInput } from './report/build';
export { formatCsv, formatJson, formatMarkdown } from './report/format';
export { formatHtml } from './report/html';
// Reconcile with the bill (src/vscode/commands/reconcileCommand.ts).
export { reconcile, type ReconcileOutcome, type ReconcileRequest } from './reconcile/reconcile';
export { formatReconcileHtml, formatReconcileMarkdown } from './reconcile/format';
export { diffReports, formatDiffMarkdown, type ReportDiff } from './report/diff';
export { totalOf, totalsBy } from './report/totals';
export { loadTeamConfig } from './teamFiles/loadTeamConfig';
// The Tier Advisor's view model (src/vscode/webview/advisorPanel.ts): the tier model's tables load with this bundle.
export { computeAdvisorView } from './tiers/advisorView';
// The CLI's `tiers` command (src/cli/run.ts), which loads this bundle rather than containing the core (issue 23).
export { compareTiers } from './tiers/compare';
export { buildWorkload } from './tiers/workload';
export { getSelfHostModel, listSelfHostModels } from './tiers/catalogue';
