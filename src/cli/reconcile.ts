/**
 * `tokentier reconcile --usage FILE [--usage FILE…] [paths]`: scans like `scan`, reads the usage exports (plain or
 * gzip-compressed), compares per model and day (src/core/reconcile), prints the result, and with `--write` updates
 * `.tokentier/usage.*` with the proposed entries (atomically; comments kept). Exit codes: 0 compared, 1 an error above
 * `--fail-on-error-above`, 2 a usage or input error (no export given, a file unreadable or not a known export, a usage
 * file that does not parse).
 */
import path from 'node:path';
import type { Settings } from '../core/config/settings';
import type { TeamConfig } from '../core/estimate/estimator';
import type { FileProvider } from '../core/fileProvider';
import { formatReconcileHtml, formatReconcileJson, formatReconcileMarkdown, formatReconcileTable, headlineError, percent } from '../core/reconcile/format';
import type { reconcile } from '../core/reconcile/reconcile';
import type { ReconcileResult } from '../core/reconcile/types';
import { escapeTerminal } from '../core/report/text';
import type { Report } from '../core/types';
import { currentText, localUsageFile, readExportFile } from '../node/usageExports';
import { writeFileOrFail, type Out } from './output';
import { UsageError } from './usageError';

/** What the command needs from the rest of the CLI (run.ts): the scan, and where output goes. */
export interface ReconcileDeps {
  /** The comparison (src/core/reconcile), from the engine bundle: it prices with the engine's tables. */
  readonly reconcile: typeof reconcile;
  readonly scan: () => Promise<{ report: Report; root: string; settings: Settings; team: TeamConfig; files: FileProvider }>;
  readonly emit: (text: string) => void;
  readonly stderr: Out;
  readonly cwd: string;
}

/** The flags the command reads. */
export interface ReconcileFlags {
  readonly usage?: readonly string[];
  readonly format?: string;
  readonly write?: boolean;
  readonly quiet?: boolean;
  readonly 'fail-on-error-above'?: string;
}

export const RECONCILE_FORMATS = ['table', 'json', 'markdown', 'html'] as const;

function gateOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--fail-on-error-above needs a non-negative percentage, got "${raw}".`);
  return n;
}

/** Models whose headline error is above the gate (percent). */
function overGate(result: ReconcileResult, gate: number): string[] {
  return result.models.flatMap((m) => {
    const h = m.status === 'matched' ? headlineError(m.error) : undefined;
    return h && Math.abs(h.value) * 100 > gate ? [`${m.model}: estimate off by ${percent(h.value)} (${h.measure}), above ${gate} %`] : [];
  });
}

function format(result: ReconcileResult, f: string): string {
  return f === 'json' ? formatReconcileJson(result) : f === 'markdown' ? formatReconcileMarkdown(result) : f === 'html' ? formatReconcileHtml(result) : formatReconcileTable(result);
}

/** Runs `tokentier reconcile`. Throws UsageError for exit code 2. */
export async function cmdReconcile(flags: ReconcileFlags, deps: ReconcileDeps): Promise<number> {
  const f = flags.format ?? 'table';
  if (!(RECONCILE_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${RECONCILE_FORMATS.join(', ')}, got "${f}".`);
  if (!flags.usage?.length) throw new UsageError('reconcile needs at least one --usage FILE (an OpenAI, Anthropic or AWS usage/cost export; see docs/reconcile.md).');
  const gate = gateOf(flags['fail-on-error-above']);
  const exports = flags.usage.map((u) => {
    const r = readExportFile(path.resolve(deps.cwd, u));
    if ('error' in r) throw new UsageError(`--usage: ${r.error}.`);
    return { name: u, text: r.text };
  });
  const { report, root, settings, team, files } = await deps.scan();
  const usageFile = localUsageFile(root);
  const { result, proposed } = await deps.reconcile({ report, exports, settings, team, files, usageFile: { path: usageFile.path, text: usageFile.text } });
  let final = result;
  if (flags.write && proposed) {
    if (currentText(usageFile.abs) !== usageFile.text) throw new UsageError(`${usageFile.path} changed while reconciling; nothing was written. Run again.`);
    writeFileOrFail(usageFile.abs, usageFile.path, proposed.after);
    final = { ...result, usageFile: { ...result.usageFile!, written: true } };
  }
  deps.emit(format(final, f));
  // The usage file's own error ends the run below, with its message once.
  for (const d of final.diagnostics) if (d.severity !== 'info' && d.code !== 'usage-file' && !flags.quiet) deps.stderr.write(`${d.severity === 'error' ? 'error' : 'warn'}: ${escapeTerminal(d.message)}\n`);
  const unread = final.exports.filter((x) => !x.format);
  if (final.diagnostics.some((d) => d.code === 'usage-file' && d.severity === 'error')) throw new UsageError(final.diagnostics.find((d) => d.code === 'usage-file')!.message);
  if (unread.length) throw new UsageError(`${unread.map((x) => x.file).join(', ')}: not a usage export Tokentier reads (see the messages above and docs/reconcile.md).`);
  if (!flags.quiet) {
    const compared = final.models.filter((m) => m.status === 'matched').length;
    const wrote = flags.write ? (proposed ? `; wrote ${usageFile.path}` : '; nothing to write') : final.proposals.length ? `; ${final.proposals.length} usage-file proposal(s), apply with --write` : '';
    deps.stderr.write(`tokentier: ${compared} model(s) compared over ${[...new Set(final.periods.map((p) => `${p.from} – ${p.to}`))].join(', ') || 'no billed days'}${wrote}.\n`);
  }
  if (gate === undefined) return 0;
  const over = overGate(final, gate);
  for (const o of over) deps.stderr.write(`FAIL: ${escapeTerminal(o)}\n`);
  return over.length ? 1 : 0;
}
