/**
 * `tokentier merge report1.json report2.json …` (issue 23): an organisation's reports, one per repository (each made by
 * `tokentier scan --format json` in its own CI job), as one report: totals over every repository, one row per
 * repository, and every site under `<repository>/<path>`. `NAME=FILE` names a repository (default: its report's root
 * folder name). Every input is checked before anything is merged (readable, JSON, a Tokentier report of a schema this
 * version reads, sites and diagnostics valid against the report schema; the same schema version, currency and
 * profile across reports); all problems are printed, then exit 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatCsv, formatJson, formatJsonl, formatMarkdown, formatTable } from '../core/report/format';
import { formatHtml } from '../core/report/html';
import { formatRepositoriesMarkdown, formatRepositoriesTable, mergeReports, type MergeInput } from '../core/report/merge';
import { analysisProblem } from '../core/report/validate';
import { REPORT_SCHEMA_VERSION, type Report } from '../core/types';
import { UsageError } from './usageError';

/** Formats of `merge`: the scan's, less SARIF (code scanning takes one repository's results). */
export const MERGE_FORMATS = ['table', 'json', 'jsonl', 'markdown', 'csv', 'html'] as const;
export type MergeFormat = (typeof MERGE_FORMATS)[number];

/** At most this many problems are listed (a thousand broken reports make one readable message). */
const MAX_PROBLEMS = 20;

/** `NAME=FILE` when the argument is not itself a file and its name part is a plain name; else the file alone. */
function parseArg(arg: string, cwd: string): { name?: string; file: string } {
  const m = /^([^=/\\]+)=(.+)$/.exec(arg);
  if (m && !fs.existsSync(path.resolve(cwd, arg))) return { name: m[1] as string, file: m[2] as string };
  return { file: arg };
}

/** One report read and checked: the report, or why it cannot be merged. */
function readOne(file: string, cwd: string): Report | string {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `${file}: cannot be read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : code ?? String(e)}).`;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return `${file}: not JSON (${e instanceof Error ? e.message : String(e)}).`;
  }
  const r = raw as Partial<Report> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r) || typeof r.schemaVersion !== 'string' || !Array.isArray(r.sites) || !Array.isArray(r.diagnostics) || typeof r.root !== 'string' || typeof r.currency !== 'string' || typeof r.profile !== 'string' || !r.stats || !r.tool || !Array.isArray(r.priceTables)) {
    return `${file}: not a Tokentier report (make one with \`tokentier scan --format json --output FILE\`).`;
  }
  if (r.schemaVersion.split('.')[0] !== REPORT_SCHEMA_VERSION.split('.')[0]) return `${file}: report schema ${r.schemaVersion}; this Tokentier reads ${REPORT_SCHEMA_VERSION.split('.')[0]}.x.`;
  if (r.repositories !== undefined) return `${file}: already a merged report; merge the repositories' own reports.`;
  const problem = analysisProblem({ estimates: r.sites, diagnostics: r.diagnostics });
  if (problem) return `${file}: not a valid report (${problem}).`;
  return r as Report;
}

export interface MergeFlags {
  readonly format?: string;
  readonly 'include-tests'?: boolean;
}

/** Reads, checks and merges the reports; returns the output text. Throws UsageError with every problem found. */
export function mergeCommand(args: readonly string[], flags: MergeFlags, cwd: string, toolVersion: string): { text: string; report: Report } {
  const format = (flags.format ?? 'table') as MergeFormat;
  if (!MERGE_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${MERGE_FORMATS.join(', ')} for merge, got "${flags.format ?? ''}".`);
  if (!args.length) throw new UsageError('merge needs report files: tokentier merge report1.json report2.json … (each made by `tokentier scan --format json`).');
  const inputs: MergeInput[] = [];
  const problems: string[] = [];
  for (const arg of args) {
    const { name, file } = parseArg(arg, cwd);
    const r = readOne(file, cwd);
    if (typeof r === 'string') problems.push(r);
    else inputs.push({ file, report: r, ...(name !== undefined ? { name } : {}) });
  }
  if (!problems.length) {
    const merged = mergeReports(inputs, { includeTests: flags['include-tests'] === true, toolVersion });
    if (merged.ok) return { text: render(merged.report, format), report: merged.report };
    problems.push(...merged.problems);
  }
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => `  ${p}`);
  if (problems.length > MAX_PROBLEMS) shown.push(`  … and ${problems.length - MAX_PROBLEMS} more.`);
  throw new UsageError(`cannot merge: ${problems.length} problem(s); nothing was written.\n${shown.join('\n')}`);
}

function render(report: Report, format: MergeFormat): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'jsonl':
      return formatJsonl(report);
    case 'csv':
      return formatCsv(report);
    case 'html':
      return formatHtml(report);
    case 'markdown': {
      const md = formatMarkdown(report);
      // The repositories go after the report's heading and summary line, before the site tables.
      const cut = md.indexOf('\n\n', md.indexOf('\n\n') + 2);
      return cut > 0 ? `${md.slice(0, cut + 2)}${formatRepositoriesMarkdown(report)}${md.slice(cut + 2)}` : `${formatRepositoriesMarkdown(report)}${md}`;
    }
    default:
      return `${formatRepositoriesTable(report)}\n${formatTable(report)}`;
  }
}
