/**
 * `npm run eval` (eval/run.mjs): extracts the labelled repositories, scans each tree with the project's own CLI,
 * matches the scanner's sites to the labels and prints recall, precision and model accuracy (eval/README.md,
 * "Scores"), frozen repositories apart from the rest, then every miss and false site.
 * A developer command: without labels or mirrors it says what is missing and exits 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatFalseSites, formatMisses, formatModelMisses, formatSummary, TABLE_NOTES } from './format';
import { DEFAULT_LABELS_DIR, ensureBuilt, PROJECT_ROOT, repoKey, scanKey, scanTree, SourceReader, WORK_DIR, type ScanResult } from './io';
import { missingText, prepare, type RepoState } from './prepare';
import { languageOfFile, matchRepo, modelAccuracy, precision, recall, summarise, type RepoMatch, type Summary, type Tally } from './score';

/** The languages of issue 25 (the others belong to the multi-language issue). */
const ISSUE25_LANGUAGES = ['python', 'typescript', 'javascript', 'notebook', 'shell', 'vue', 'svelte'];

/** A repository's labels kept to files of the given languages (undefined: all). */
function onlyLanguages(r: RepoState, languages: ReadonlySet<string> | undefined): RepoState {
  if (!languages) return r;
  return { ...r, labels: { ...r.labels, files: r.labels.files.filter((f) => languages.has(languageOfFile(f.path))) } };
}

const HELP = `Usage: npm run eval -- [options]      (node eval/run.mjs [options])

Scores the scanner against the hand-made labels in eval/labels/ (see eval/README.md).

Options:
  --repo X         Only this repository (owner/name, owner__name, or part of a name)
  --labels DIR     Read label files from DIR instead of eval/labels/
  --json           Machine-readable output (tallies, misses, false sites, problems)
  --markdown       Print the tables as Markdown (the form docs/detection.md uses)
  --misses-only    Print only the misses
  --rescan         Ignore cached scans in eval/.work/
  --languages L    Only labelled files of these languages, comma-separated, by file extension (python, typescript,
                   javascript, notebook, shell, vue, svelte, go, java, csharp, ruby, php, …); repositories left with
                   no file are not scanned. \`--languages issue25\` is python,typescript,javascript,notebook,shell,vue,svelte
  --help

Mirrors: /work/.mirror (the fetch tool's folder), or TOKENTIER_EVAL_MIRRORS. Trees go to eval/.work/ (git-ignored).
`;

/** Scanner diagnostics that can explain a miss (a skipped or unparsed file); cost notes are left out. */
const DETECTION_NOTES: ReadonlySet<string> = new Set(['internal-error', 'unreadable', 'parse-error', 'malformed-notebook', 'file-too-large', 'binary-file', 'minified-file', 'empty-notebook', 'too-deep', 'cancelled']);

export interface RunOutput {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

function checkLabelsAgainstTree(r: RepoState, src: SourceReader): string[] {
  const problems: string[] = [];
  for (const f of r.labels.files) {
    if (!src.exists(r.repo, f.path)) {
      problems.push(`${r.repo}: ${f.path} is not in the tree at ${r.labels.commit.slice(0, 12)}${r.extract?.missing.includes(f.path) ? ' (the mirror lacks the blob: files of 4 MiB and more are not in snapshots)' : ''}`);
      continue;
    }
    for (const [kind, list] of [['site', f.sites], ['trap', f.traps]] as const) {
      for (const l of list) {
        if (l.cell !== undefined) {
          const type = src.cellType(r.repo, f.path, l.cell);
          if (type === undefined) {
            problems.push(`${r.repo}: ${f.path}: ${kind} at cell ${l.cell} line ${l.line}: the notebook has no cell ${l.cell}`);
            continue;
          }
          if (type !== 'code') problems.push(`${r.repo}: ${f.path}: ${kind} at cell ${l.cell} line ${l.line}: cell ${l.cell} is a ${type} cell`);
        }
        const n = src.lineCount(r.repo, f.path, l.cell);
        if (n !== undefined && l.line > n) problems.push(`${r.repo}: ${f.path}: ${kind} at line ${l.line}${l.cell !== undefined ? ` (cell ${l.cell})` : ''} is past the end (${n} lines)`);
      }
    }
  }
  return problems;
}

const withRates = (t: Tally) => ({ ...t, recall: recall(t), precision: precision(t), modelAccuracy: modelAccuracy(t) });
function summaryJson(s: Summary) {
  return {
    repos: s.repos, files: s.files, traps: s.traps,
    all: withRates(s.all), nonTest: withRates(s.nonTest), test: withRates(s.test),
    by: Object.fromEntries(Object.entries(s.by).map(([d, rows]) => [d, rows.map((r) => ({ name: r.name, ...withRates(r.tally) }))])),
  };
}

export async function main(argv: readonly string[], out: RunOutput): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { repo: { type: 'string' }, labels: { type: 'string' }, languages: { type: 'string' }, json: { type: 'boolean' }, markdown: { type: 'boolean' }, 'misses-only': { type: 'boolean' }, rescan: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    out.stderr(`eval: ${e instanceof Error ? e.message : String(e)}\n${HELP}`);
    return 2;
  }
  if (values.help) {
    out.stdout(HELP);
    return 0;
  }
  const log = (m: string) => out.stderr(`eval: ${m}\n`);
  const labelsDir = values.labels ? path.resolve(values.labels) : DEFAULT_LABELS_DIR;
  out.stderr('eval: a developer command (not part of npm test); it reads local mirrors and never touches the network.\n');
  const p = await prepare(labelsDir, values.repo, log);
  const missing = missingText(p);
  const langList = values.languages?.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean).flatMap((x) => (x === 'issue25' ? ISSUE25_LANGUAGES : [x]));
  const languages = langList?.length ? new Set(langList) : undefined;
  if (languages) out.stderr(`eval: only labelled files in ${[...languages].join(', ')}.\n`);
  const ready = p.repos.filter((r) => r.status === 'ready').map((r) => onlyLanguages(r, languages)).filter((r) => r.labels.files.length > 0);
  if (values.repo && !p.repos.length && p.labelFiles) out.stderr(`eval: no label file names a repository matching "${values.repo}".\n`);
  if (!ready.length) {
    if (values.json) out.stdout(`${JSON.stringify({ evaluated: 0, missing: p.repos.map((r) => ({ repo: r.repo, commit: r.labels.commit, status: r.status, detail: r.detail })), invalid: p.invalid, note: missing.trim() }, null, 2)}\n`);
    else out.stdout(missing || 'Nothing to evaluate.\n');
    for (const i of p.invalid) out.stderr(`eval: unusable label file ${i.file}:\n  ${i.errors.join('\n  ')}\n`);
    return 0;
  }

  ensureBuilt(log);
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const src = new SourceReader((repo) => path.join(WORK_DIR, repoKey(repo)));
  const problems: string[] = [];
  const matches: RepoMatch[] = [];
  const scans = new Map<string, ScanResult>();
  for (const r of ready) {
    problems.push(...checkLabelsAgainstTree(r, src));
    const key = scanKey(`${r.repo}@${r.labels.commit}`);
    let scan: ScanResult;
    try {
      scan = await scanTree(r.tree, values.rescan ? undefined : path.join(WORK_DIR, `${repoKey(r.repo)}.scan.json`), key, log);
    } catch (e) {
      problems.push(`${r.repo}: the scan failed: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    scans.set(r.repo, scan);
    matches.push(matchRepo(r.labels, scan.sites));
  }
  const scored = ready.filter((r) => scans.has(r.repo));
  const counts = (rs: readonly RepoState[]) => ({ files: rs.reduce((a, r) => a + r.labels.files.length, 0), traps: rs.reduce((a, r) => a + r.labels.files.reduce((b, f) => b + f.traps.length, 0), 0) });
  const frozen = scored.filter((r) => r.labels.frozen);
  const rest = scored.filter((r) => !r.labels.frozen);
  const parts: { name: string; title: string; summary: Summary }[] = [];
  if (frozen.length) parts.push({ name: 'frozen', title: 'Frozen (labels committed before any detection fix)', summary: summarise(matches.filter((m) => m.frozen), counts(frozen)) });
  if (rest.length) parts.push({ name: 'rest', title: 'The rest', summary: summarise(matches.filter((m) => !m.frozen), counts(rest)) });
  if (frozen.length && rest.length) parts.push({ name: 'all', title: 'All', summary: summarise(matches, counts(scored)) });

  const misses = matches.flatMap((m) => m.misses);
  const falseSites = matches.flatMap((m) => m.falseSites);
  const wrongModels = matches.flatMap((m) => m.matched.filter((x) => x.model === 'wrong').map((x) => ({ repo: x.repo, file: x.file, line: x.label.line, ...(x.label.cell !== undefined ? { cell: x.label.cell } : {}), label: x.label.model as string, scanner: x.site.model })));
  const labelledFiles = new Map(scored.map((r) => [r.repo, new Set(r.labels.files.map((f) => f.path))]));
  const notes = [...scans].flatMap(([repo, s]) => s.diagnostics.filter((d) => DETECTION_NOTES.has(d.code) && labelledFiles.get(repo)?.has(d.file)).map((d) => `${repo}: ${d.file}${d.cell !== undefined ? ` (cell ${d.cell})` : ''}: ${d.code}: ${d.message}`));
  const source = (repo: string, file: string, cell: number | undefined, line: number) => src.line(repo, file, cell, line);

  if (values.json) {
    out.stdout(`${JSON.stringify({
      schema: 1,
      labelsDir: path.relative(PROJECT_ROOT, labelsDir) || labelsDir,
      repos: p.repos.map((r) => {
        const m = matches.find((x) => x.repo === r.repo);
        return { repo: r.repo, commit: r.labels.commit, frozen: r.labels.frozen, status: scans.has(r.repo) ? 'scored' : r.status === 'ready' ? 'scan-failed' : r.status, ...(r.detail ? { detail: r.detail } : {}), labelledFiles: r.labels.files.length, unscoredSites: m?.unscored ?? null, missingBlobs: r.extract?.missing.length ?? 0 };
      }),
      summaries: Object.fromEntries(parts.map((x) => [x.name, summaryJson(x.summary)])),
      misses: misses.map((m) => ({ ...m, source: source(m.repo, m.file, m.label.cell, m.label.line) ?? null })),
      falseSites: falseSites.map((f) => ({ ...f, source: source(f.repo, f.file, f.site.cell, f.site.line) ?? null })),
      wrongModels,
      problems, invalid: p.invalid, warnings: p.warnings, scannerNotes: notes,
    }, null, 2)}\n`);
    return 0;
  }

  const w = (s: string) => out.stdout(s);
  if (p.invalid.length) w(`Unusable label files (left out):\n${p.invalid.map((i) => `  ${i.file}:\n    ${i.errors.join('\n    ')}`).join('\n')}\n\n`);
  if (problems.length) w(`Label problems (the labels are still scored as written):\n${problems.map((x) => `  ${x}`).join('\n')}\n\n`);
  if (missing) w(`${missing}\n`);
  if (values['misses-only']) {
    w(formatMisses(misses, source));
    return 0;
  }
  for (const part of parts) w(`${formatSummary(part.title, part.summary, values.markdown === true)}\n`);
  w(`${TABLE_NOTES.join('\n')}\n\n`);
  w(formatMisses(misses, source));
  w('\n');
  w(formatFalseSites(falseSites, source));
  w('\n');
  w(formatModelMisses(wrongModels));
  const unscored = matches.filter((m) => m.unscored).map((m) => `${m.repo} ${m.unscored}`);
  if (unscored.length) w(`\nScanner sites in files nobody labelled (not scored): ${unscored.join(', ')}\n`);
  if (notes.length) w(`\nScanner notes on labelled files:\n${notes.map((n) => `  ${n}`).join('\n')}\n`);
  if (p.warnings.length) w(`\nLabel warnings:\n${p.warnings.map((x) => `  ${x}`).join('\n')}\n`);
  return 0;
}
