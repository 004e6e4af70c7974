/**
 * Helpers shared by the export parsers: numbers and days read strictly (a bad value is a per-row problem, never a
 * guess), the CSV table with its header checked against the known columns, and the diagnostics they produce.
 */
import { parseCsv } from '../tiers/csv';
import type { Diagnostic } from '../types';
import type { ExportFormat } from './formats';
import { EXPORT_DIAGNOSTIC, type BilledMeasures, type BilledModel, type ParsedExport, type UsageRecord } from './types';

/** Collects an export's diagnostics, capping repeats of the same kind so a 100,000-row file stays readable. */
export class ExportProblems {
  readonly list: Diagnostic[] = [];
  private readonly counts = new Map<string, { n: number; severity: Diagnostic['severity'] }>();

  constructor(readonly file: string) {}

  /**
   * Adds a problem at `where` (`row 7`, `data[2].results[0]`); `kind` groups repeats: at most 5 are shown, then a
   * count. A note about the whole file (no `where`) is said once.
   */
  add(severity: Diagnostic['severity'], where: string | undefined, message: string, kind = message): void {
    const seen = this.counts.get(kind);
    if (seen && where === undefined) return;
    const n = (seen?.n ?? 0) + 1;
    this.counts.set(kind, { n, severity });
    if (n <= 5) this.list.push({ severity, code: EXPORT_DIAGNOSTIC, file: this.file, message: `${this.file}${where ? `: ${where}` : ''}: ${message}` });
  }

  /** The problems, plus one line per kind that was capped. */
  done(): Diagnostic[] {
    const extra: Diagnostic[] = [];
    for (const [kind, { n, severity }] of this.counts) {
      if (n > 5) extra.push({ severity, code: EXPORT_DIAGNOSTIC, file: this.file, message: `${this.file}: ${n - 5} more row(s) with the same problem (${kind.slice(0, 80)})` });
    }
    return [...this.list, ...extra];
  }
}

/** The outcome of reading one number: a value, nothing (empty cell / null), or a problem to report. */
export type NumberRead = { readonly value: number } | { readonly empty: true } | { readonly problem: string };

/**
 * Reads a non-negative count or amount. Accepts JSON numbers and decimal text as exports print them (`59200.0`,
 * `0.8958740000000000`, `1e6`); empty cells, `null` and the `--` "not applicable" marker are empty. Anything else —
 * thousands separators, currency signs, negatives, NaN — is a problem, not a guess.
 */
export function readNumber(raw: unknown, field: string, allowNegative = false): NumberRead {
  if (raw === undefined || raw === null) return { empty: true };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { problem: `${field} is not a finite number` };
    if (raw < 0 && !allowNegative) return { problem: `${field} is negative (${raw})` };
    return { value: raw };
  }
  if (typeof raw !== 'string') return { problem: `${field} is ${Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}, not a number` };
  const t = raw.trim();
  if (t === '' || t === '--') return { empty: true };
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return { problem: `${field} "${t.slice(0, 40)}" is not a number` };
  const v = Number(t);
  if (!Number.isFinite(v)) return { problem: `${field} "${t.slice(0, 40)}" is out of range` };
  if (v < 0 && !allowNegative) return { problem: `${field} is negative (${t})` };
  return { value: v };
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day of Unix seconds (`1788220800` → `2026-09-01`), or undefined when out of range. */
export function dayOfUnix(seconds: number): string | undefined {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 32503680000) return undefined;
  return new Date(Math.floor(seconds) * 1000).toISOString().slice(0, 10);
}

/** The UTC day of an ISO date or date-time (`2026-09-01`, `2026-09-01T00:00:00Z`, `…+02:00`), or undefined. */
export function dayOfIso(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  const d = ISO_DAY.exec(t);
  if (d) {
    const date = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
    return date.toISOString().slice(0, 10) === t ? t : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(t)) return undefined;
  // A time without an offset is UTC in these exports (AWS and OpenAI write UTC); say so by appending Z.
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(t) ? t.replace(' ', 'T') : `${t.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : undefined;
}

/** Every UTC day from `from` to `to` inclusive (ISO days). At most 3,660 days, so a typo cannot hang. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let t = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  while (Number.isFinite(t) && t <= end && out.length < 3660) {
    out.push(new Date(t).toISOString().slice(0, 10));
    t += 86_400_000;
  }
  return out;
}

/** A CSV file as a header and rows of cells by column name. */
export interface CsvTable {
  readonly header: readonly string[];
  /** Data rows with their 1-based row number in the file (the header is row 1). */
  readonly rows: readonly { readonly row: number; readonly cells: ReadonlyMap<string, string> }[];
}

/** Splits CSV text (BOM and blank lines tolerated) into a header and rows keyed by column name. */
export function readCsvTable(text: string): CsvTable {
  const all = parseCsv(text.replace(/^\ufeff/, ''));
  const header = (all[0] ?? []).map((h) => h.trim());
  const rows: { row: number; cells: Map<string, string> }[] = [];
  for (let i = 1; i < all.length; i++) {
    const r = all[i]!;
    if (r.every((cell) => cell.trim() === '')) continue;
    const cells = new Map<string, string>();
    header.forEach((h, j) => cells.set(h, r[j] ?? ''));
    rows.push({ row: i + 1, cells });
  }
  return { header, rows };
}

/**
 * Checks a CSV header against the format: a missing required column is an error (returned, the file is not read);
 * every column the format does not know is reported once, as not read.
 */
export function checkHeader(header: readonly string[], format: ExportFormat, problems: ExportProblems): boolean {
  const missing = format.required.filter((r) => !header.includes(r));
  if (missing.length) {
    problems.add('error', undefined, `not read as ${format.label}: the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
    return false;
  }
  reportUnknown(header, format, problems, 'column');
  return true;
}

/** Reports the names the format does not know (columns or JSON fields), once per file. */
export function reportUnknown(names: Iterable<string>, format: ExportFormat, problems: ExportProblems, what: 'column' | 'field'): void {
  const known = new Set(format.columns.map((c) => c.name));
  const unknown = [...new Set(names)].filter((n) => n !== '' && !known.has(n));
  if (unknown.length) {
    const shown = unknown.slice(0, 12).map((u) => `"${u.slice(0, 60)}"`).join(', ');
    problems.add('info', undefined, `unknown ${what}${unknown.length > 1 ? 's' : ''} ${shown}${unknown.length > 12 ? ` and ${unknown.length - 12} more` : ''}: not read (see docs/reconcile.md for the ${what}s Tokentier reads)`);
  }
}

/** Reads several numeric cells of a row; returns undefined (after reporting) when one is bad. */
export function readCells<K extends string>(cells: ReadonlyMap<string, string> | Readonly<Record<string, unknown>>, fields: Readonly<Record<K, string>>, where: string, problems: ExportProblems): Partial<Record<K, number>> | undefined {
  const out: Partial<Record<K, number>> = {};
  for (const [key, field] of Object.entries(fields) as [K, string][]) {
    const raw = cells instanceof Map ? cells.get(field) : (cells as Readonly<Record<string, unknown>>)[field];
    const r = readNumber(raw, field);
    if ('problem' in r) {
      problems.add('error', where, `${r.problem}; ${where.startsWith('row') ? 'row ' : ''}skipped`, `${field}: not a number`);
      return undefined;
    }
    if ('value' in r) out[key] = r.value;
  }
  return out;
}

/** Sums optional numbers; undefined when none is given. */
export function sumDefined(...values: (number | undefined)[]): number | undefined {
  const given = values.filter((v): v is number => v !== undefined);
  return given.length ? given.reduce((a, b) => a + b, 0) : undefined;
}

/** Drops undefined fields, so records carry exactly the measures their row states. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Accumulates one export's records, days and row counts, and makes the {@link ParsedExport}. */
export class ExportBuilder {
  readonly records: UsageRecord[] = [];
  readonly days = new Set<string>();
  readonly problems: ExportProblems;
  read = 0;
  used = 0;

  constructor(
    readonly file: string,
    readonly format: ExportFormat,
  ) {
    this.problems = new ExportProblems(file);
  }

  /** Adds a record (its day counts as covered). Records with no measure are dropped. */
  add(day: string, model: BilledModel | undefined, measures: BilledMeasures, where: string): void {
    this.days.add(day);
    const m = defined(measures);
    if (Object.keys(m).length === 0) return;
    this.records.push({ platform: this.format.platform, day, ...(model ? { model } : {}), measures: m, where: `${this.file}: ${where}` });
  }

  /** The parsed export. */
  result(): ParsedExport {
    return {
      file: this.file,
      format: this.format.id,
      platform: this.format.platform,
      records: this.records,
      days: [...this.days].sort(),
      diagnostics: this.problems.done(),
      rows: { read: this.read, used: this.used },
    };
  }
}

/** A JSON object (not an array, not null), as the API reports nest them. */
export type Obj = Readonly<Record<string, unknown>>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A model id as an export writes it, trimmed; none for an empty or non-string value. */
export function modelOf(raw: unknown): BilledModel | undefined {
  return typeof raw === 'string' && raw.trim() !== '' ? { id: raw.trim() } : undefined;
}

/** How one vendor's usage or cost API report dates its buckets, and what its problems say. */
export interface ApiReport {
  /** The day a bucket covers; undefined when its start is missing or unreadable. */
  day(bucket: Obj): string | undefined;
  /** The error for a bucket with no day or no results (it is skipped). */
  readonly badBucket: string;
  /** The warning when a page says `has_more`. */
  readonly hasMore: string;
}

/**
 * Walks the results of an API report page (`{ data: [{ <start>, results: […] }], has_more }`) or of an array of
 * pages: each bucket's day counts as covered, each result as read, and goes to `each` with where it stands
 * (`data[i].results[j]`). `each` adds the field names it meets to `seen`; those the format does not know are
 * reported after the walk, and so is `has_more`.
 */
export function eachReportResult(b: ExportBuilder, json: unknown, report: ApiReport, each: (day: string, r: unknown, where: string, seen: Set<string>) => void): void {
  const pages = Array.isArray(json) ? json : [json];
  const buckets: unknown[] = [];
  let hasMore = false;
  for (const p of pages) {
    if (isObj(p) && Array.isArray(p['data'])) buckets.push(...p['data']);
    if (isObj(p) && p['has_more'] === true) hasMore = true;
  }
  const seen = new Set<string>();
  buckets.forEach((bucket, i) => {
    const day = isObj(bucket) ? report.day(bucket) : undefined;
    if (!isObj(bucket) || !day || !Array.isArray(bucket['results'])) {
      b.problems.add('error', `data[${i}]`, report.badBucket);
      return;
    }
    b.days.add(day);
    (bucket['results'] as unknown[]).forEach((r, j) => {
      const where = `data[${i}].results[${j}]`;
      b.read++;
      each(day, r, where, seen);
    });
  });
  reportUnknown(seen, b.format, b.problems, 'field');
  if (hasMore) b.problems.add('warning', undefined, report.hasMore);
}
