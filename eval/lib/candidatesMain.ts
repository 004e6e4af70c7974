/**
 * `node eval/candidates.mjs <dir> [--minus-scan]`: the recall audit's permissive candidate finder (candidates.ts).
 * Plain mode reads text only and never runs the scanner (labellers use it to choose files without leaning on
 * Tokentier). `--minus-scan` scans the same folder with the project's CLI and keeps the candidates no scanner site
 * accounts for: the triage list, grouped by class and pattern.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_EXCLUDED_FOLDERS } from '../../src/core/excludes';
import { buildPatterns, CLASSES, findCandidates, groupByPattern, minusSites, type Candidate } from './candidates';
import { ensureBuilt, scanTree, walkFiles } from './io';
import type { RunOutput } from './runMain';

const HELP = `Usage: node eval/candidates.mjs <dir> [options]

Lists every line under <dir> that names a generation verb of a catalogue SDK, a model endpoint path or a provider
hostname (eval/lib/candidates.ts). Reads text only; does not run the scanner unless --minus-scan.

Options:
  --minus-scan       Scan <dir> with dist/cli.js and keep only candidates no scanner site covers (the triage list)
  --lines            Print every candidate line (default: counts by class and pattern, then files by count)
  --examples N       Example lines per pattern in the summary (default 3; 0 for none)
  --json             Machine-readable output
  --all-languages    Also read Go, Java, C#, Ruby, PHP, Rust, Kotlin and Swift files
  --include-excluded Also walk the folders a scan skips by default (node_modules, venvs, build output)
  --help
`;

const BASE_EXT = ['.py', '.pyi', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte', '.ipynb', '.sh', '.bash'];
const MORE_EXT = ['.go', '.java', '.cs', '.rb', '.php', '.rs', '.kt', '.swift'];
const MAX_BYTES = 8 * 1024 * 1024;
const MINIFIED_LINE = 10_000;

const at = (c: Candidate) => `${c.file}:${c.line}${c.cell !== undefined ? ` (cell ${c.cell})` : ''}`;

export async function main(argv: readonly string[], out: RunOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { 'minus-scan': { type: 'boolean' }, lines: { type: 'boolean' }, examples: { type: 'string' }, json: { type: 'boolean' }, 'all-languages': { type: 'boolean' }, 'include-excluded': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    out.stderr(`candidates: ${e instanceof Error ? e.message : String(e)}\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    out.stderr(`candidates: give one folder.\n${HELP}`);
    return 2;
  }
  const root = path.resolve(positionals[0] as string);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    out.stderr(`candidates: ${root} is not a folder.\n`);
    return 2;
  }
  const examples = values.examples === undefined ? 3 : Number(values.examples);
  if (!Number.isInteger(examples) || examples < 0) {
    out.stderr(`candidates: --examples needs a whole number, got "${values.examples}".\n`);
    return 2;
  }
  const ext = new Set([...BASE_EXT, ...(values['all-languages'] ? MORE_EXT : [])]);
  const skip = new Set(values['include-excluded'] ? ['.git', '.hg', '.svn'] : DEFAULT_EXCLUDED_FOLDERS);
  const files = walkFiles(root, ext, skip);
  const patterns = buildPatterns();
  const skipped: string[] = [];
  let candidates: Candidate[] = [];
  for (const f of files) {
    const abs = path.join(root, f);
    const size = fs.statSync(abs).size;
    const notebook = f.toLowerCase().endsWith('.ipynb');
    if (!notebook && size > MAX_BYTES) {
      skipped.push(`${f} (${(size / 1048576).toFixed(1)} MiB)`);
      continue;
    }
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch {
      skipped.push(`${f} (unreadable)`);
      continue;
    }
    if (!notebook && text.split('\n').some((l) => l.length > MINIFIED_LINE)) {
      skipped.push(`${f} (minified)`);
      continue;
    }
    candidates.push(...findCandidates(f, text, patterns));
  }
  const total = candidates.length;
  const totalFiles = new Set(candidates.map((c) => c.file)).size;
  let scanned: { sites: number; files: number; unnamed: string[] } | undefined;
  if (values['minus-scan']) {
    ensureBuilt((m) => out.stderr(`candidates: ${m}\n`));
    const scan = await scanTree(root, undefined, 'no-cache', (m) => out.stderr(`candidates: ${m}\n`));
    // The finder should name every line the scanner finds; a scanner site no candidate names is a blind spot of the finder.
    const named = new Set(candidates.map((c) => `${c.file}\u0000${c.cell ?? ''}\u0000${c.line}`));
    const unnamed = scan.sites.filter((s) => !named.has(`${s.file}\u0000${s.cell ?? ''}\u0000${s.line}`)).map((s) => `${s.file}:${s.line}${s.cell !== undefined ? ` (cell ${s.cell})` : ''} ${s.method}`);
    candidates = minusSites(candidates, scan.sites);
    scanned = { sites: scan.sites.length, files: scan.filesScanned, unnamed };
  }
  const groups = groupByPattern(candidates);
  if (values.json) {
    out.stdout(`${JSON.stringify({ root, filesRead: files.length - skipped.length, skipped, candidatesFound: total, ...(scanned ? { scanner: scanned, uncovered: candidates.length } : {}), groups: groups.map((g) => ({ cls: g.cls, pattern: g.pattern, count: g.items.length })), candidates }, null, 2)}\n`);
    return 0;
  }
  const w = (s: string) => out.stdout(`${s}\n`);
  w(`${total} candidate line(s) in ${totalFiles} file(s) under ${root} (${files.length - skipped.length} file(s) read${skipped.length ? `, ${skipped.length} skipped` : ''}).`);
  if (scanned) {
    w(`The scanner found ${scanned.sites} site(s) in ${scanned.files} file(s); ${candidates.length} candidate line(s) are covered by none (the triage list below).`);
    if (scanned.unnamed.length) w(`Scanner sites on a line no candidate names (blind spots of this finder): ${scanned.unnamed.length}\n  ${scanned.unnamed.slice(0, 20).join('\n  ')}`);
  }
  w('');
  w('By class:');
  for (const cls of CLASSES) {
    const n = candidates.filter((c) => c.cls === cls).length;
    if (n) w(`  ${cls.padEnd(13)} ${String(n).padStart(6)}`);
  }
  w('');
  w('By pattern:');
  for (const g of groups) {
    w(`  ${`${g.cls}:${g.pattern}`.padEnd(48)} ${String(g.items.length).padStart(6)}`);
    for (const c of g.items.slice(0, examples)) w(`      ${at(c)}  ${c.text.slice(0, 120)}`);
  }
  if (values.lines) {
    w('');
    w('Every candidate:');
    for (const c of candidates) w(`  ${at(c)}  ${c.cls}:${c.pattern}${c.also.length ? ` (+${c.also.join(', ')})` : ''}  ${c.text}`);
  } else {
    const byFile = new Map<string, Candidate[]>();
    for (const c of candidates) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
    w('');
    w('Files by candidate count:');
    for (const [f, list] of [...byFile].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
      w(`  ${String(list.length).padStart(5)}  ${f}  [${[...new Set(list.map((c) => c.cls))].join(', ')}]`);
    }
  }
  if (skipped.length) {
    w('');
    w(`Skipped: ${skipped.join(', ')}`);
  }
  return 0;
}
