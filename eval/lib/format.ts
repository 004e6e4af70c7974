/**
 * The text and Markdown tables `npm run eval` prints (docs/detection.md, "Measured on real code", uses the Markdown
 * form), and the lists of misses and false sites. Pure.
 */
import { DIMENSIONS, modelAccuracy, precision, recall, type FalseSite, type Miss, type Summary, type Tally } from './score';

export const pct = (x: number | null): string => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)} %`);

const HEAD = ['', 'Sites', 'Found', 'Recall', 'Scanner', 'False', 'Precision', 'Models', 'Right', 'Model acc.'];

function cells(t: Tally): string[] {
  return [
    String(t.sites), String(t.found), pct(recall(t)),
    String(t.scanner), t.trapHits ? `${t.falseSites} (${t.trapHits} trap)` : String(t.falseSites), pct(precision(t)),
    String(t.modelLabelled), String(t.modelRight), pct(modelAccuracy(t)),
  ];
}

function rows(s: Summary): { group: string; name: string; tally: Tally }[] {
  const out = [
    { group: '', name: 'ALL', tally: s.all },
    { group: '', name: 'not test code', tally: s.nonTest },
    { group: '', name: 'test code', tally: s.test },
  ];
  for (const d of DIMENSIONS) for (const r of s.by[d]) out.push({ group: d, name: r.name, tally: r.tally });
  return out;
}

/** One partition's table: a title line, then rows ALL / not test / test / by language, provider, via, api, repository. */
export function formatSummary(title: string, s: Summary, markdown = false): string {
  const head = `${title}: ${s.repos} repositor${s.repos === 1 ? 'y' : 'ies'}, ${s.files} labelled file(s), ${s.all.sites} site(s), ${s.traps} trap(s)`;
  const body = rows(s);
  if (markdown) {
    const lines = [`**${head}**`, '', `| ${['Group', ...HEAD.slice(1)].join(' | ')} |`, `|${HEAD.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
    for (const r of body) lines.push(`| ${[r.group ? `${r.group}: ${r.name}` : `**${r.name}**`, ...cells(r.tally)].join(' | ')} |`);
    return `${lines.join('\n')}\n`;
  }
  const table = body.map((r) => [r.group ? `  ${r.name}` : r.name, ...cells(r.tally)]);
  const withGroups: (string[] | string)[] = [];
  let group = '';
  for (const [i, r] of body.entries()) {
    if (r.group && r.group !== group) withGroups.push(`by ${r.group}`);
    group = r.group;
    withGroups.push(table[i] as string[]);
  }
  const all = [HEAD, ...table];
  const width = HEAD.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const fmt = (r: string[]) => r.map((x, c) => (c === 0 ? x.padEnd(width[c] ?? 0) : x.padStart(width[c] ?? 0))).join('  ').trimEnd();
  return `${head}\n\n${[fmt(HEAD), ...withGroups.map((r) => (typeof r === 'string' ? r : fmt(r)))].join('\n')}\n`;
}

export const TABLE_NOTES = [
  'Recall = found ÷ sites (labelled sites the scanner reports on the same file, line and cell).',
  'Precision = scanner sites matching a label ÷ scanner sites in labelled files; "False" counts the rest ("trap": on a labelled trap\'s line).',
  'Model acc. = matched sites whose label names a model ("Models") where the scanner\'s model id agrees ("Right").',
  'Rows by language, provider, via and api group the recall and model columns by what the label says and the precision',
  'columns by what the scanner says (a site the scanner calls "other" counts under "other").',
];

export type SourceLine = (repo: string, file: string, cell: number | undefined, line: number) => string | undefined;

const at = (file: string, line: number, cell: number | undefined) => `${file}:${line}${cell !== undefined ? ` (cell ${cell})` : ''}`;
const quote = (text: string | undefined) => (text === undefined ? '      (line not found in the extracted tree)' : `      > ${text.trim().slice(0, 200)}`);

export function formatMisses(misses: readonly Miss[], source: SourceLine): string {
  if (!misses.length) return 'Misses: none.\n';
  const out = [`Misses (${misses.length}):`];
  for (const m of misses) {
    const l = m.label;
    out.push(`  ${m.repo} ${at(m.file, l.line, l.cell)} — ${l.provider}/${l.via}/${l.api}${l.model ? ` ${l.model}` : ''}${l.test ? ' [test]' : ''}${l.inCatalogue === false ? ' [not in catalogue]' : ''}${l.note ? ` — ${l.note}` : ''}`);
    out.push(quote(source(m.repo, m.file, l.cell, l.line)));
  }
  return `${out.join('\n')}\n`;
}

export function formatFalseSites(sites: readonly FalseSite[], source: SourceLine): string {
  if (!sites.length) return 'False sites: none.\n';
  const out = [`False sites (${sites.length}):`];
  for (const f of sites) {
    const s = f.site;
    out.push(`  ${f.repo} ${at(f.file, s.line, s.cell)} — scanner: ${s.provider}/${s.via}/${s.api} ${s.method}${s.model ? ` ${s.model}` : ''}${f.trap ? ` — TRAP: ${f.trap.what}` : ''}`);
    out.push(quote(source(f.repo, f.file, s.cell, s.line)));
  }
  return `${out.join('\n')}\n`;
}

/** Model disagreements on matched sites (label vs scanner), for the model-accuracy triage. */
export function formatModelMisses(items: readonly { repo: string; file: string; line: number; cell?: number; label: string; scanner: string | null }[]): string {
  if (!items.length) return 'Wrong models: none.\n';
  return `${[`Wrong models (${items.length}):`, ...items.map((i) => `  ${i.repo} ${at(i.file, i.line, i.cell)} — label ${i.label}, scanner ${i.scanner ?? '(unresolved)'}`)].join('\n')}\n`;
}
