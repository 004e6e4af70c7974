/**
 * Shared by `extract` and `run`: read the label files, find each repository's mirror and pinned commit, write the
 * tree into eval/.work/, and say plainly what is missing and how to get it.
 */
import path from 'node:path';
import type { LabelFile } from './labels';
import { extractTree, findGitDir, hasCommit, headCommit, loadLabelDir, mirrorsRoot, repoKey, WORK_DIR, type ExtractResult } from './io';

export interface RepoState {
  readonly repo: string;
  readonly labels: LabelFile;
  readonly labelFile: string;
  /** `ready`: extracted at the pinned commit; otherwise why not. */
  readonly status: 'ready' | 'no-mirror' | 'no-commit' | 'extract-failed';
  readonly detail?: string;
  readonly tree: string;
  readonly extract?: ExtractResult;
}

export interface Prepared {
  readonly labelsDir: string;
  readonly repos: RepoState[];
  /** Label files that could not be used, with why. */
  readonly invalid: { readonly file: string; readonly errors: readonly string[] }[];
  readonly warnings: string[];
  /** Label files found at all (before `--repo`). */
  readonly labelFiles: number;
}

/** `owner/name`, `owner__name` or `owner+name` all name the same repository; anything else is a substring match. */
export function repoFilter(want: string | undefined): (repo: string) => boolean {
  if (!want) return () => true;
  const w = want.toLowerCase().replace(/__|\+/, '/').replace(/\.json$/, '');
  return (repo) => (w.includes('/') ? repo.toLowerCase() === w : repo.toLowerCase().includes(w));
}

export async function prepare(labelsDir: string, want: string | undefined, log: (m: string) => void): Promise<Prepared> {
  const loaded = loadLabelDir(labelsDir);
  const invalid = loaded.filter((l) => !l.labels).map((l) => ({ file: path.basename(l.file), errors: l.errors }));
  const warnings = loaded.flatMap((l) => l.warnings);
  const keep = repoFilter(want);
  const repos: RepoState[] = [];
  for (const l of loaded) {
    if (!l.labels || !keep(l.labels.repo)) continue;
    const { repo, commit } = l.labels;
    const tree = path.join(WORK_DIR, repoKey(repo));
    const base = { repo, labels: l.labels, labelFile: path.basename(l.file), tree };
    const gitDir = findGitDir(repo);
    if (!gitDir) {
      repos.push({ ...base, status: 'no-mirror', detail: `no mirror under ${mirrorsRoot()}` });
      continue;
    }
    if (!hasCommit(gitDir, commit)) {
      const head = headCommit(gitDir);
      repos.push({ ...base, status: 'no-commit', detail: `the mirror ${gitDir} lacks commit ${commit.slice(0, 12)} (its HEAD is ${head?.slice(0, 12) ?? 'unreadable'})` });
      continue;
    }
    try {
      const started = Date.now();
      const extract = await extractTree(gitDir, commit, tree);
      if (!extract.reused) log(`extracted ${repo} @ ${commit.slice(0, 12)}: ${extract.files} files, ${(extract.bytes / 1048576).toFixed(1)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s${extract.missing.length ? `; ${extract.missing.length} blob(s) absent from the mirror` : ''}`);
      repos.push({ ...base, status: 'ready', extract });
    } catch (e) {
      repos.push({ ...base, status: 'extract-failed', detail: e instanceof Error ? e.message : String(e) });
    }
  }
  return { labelsDir, repos, invalid, warnings, labelFiles: loaded.length };
}

/** The text that explains missing labels or mirrors and how to get them. Empty when nothing is missing. */
export function missingText(p: Prepared): string {
  const out: string[] = [];
  if (p.labelFiles === 0) {
    out.push(`No label files in ${p.labelsDir}.`);
    out.push('Labels are written by hand, by reading code, following eval/README.md ("Label file format"); one file per');
    out.push('repository, named <owner>__<name>.json. `node eval/candidates.mjs <tree>` lists the files worth labelling.');
    return `${out.join('\n')}\n`;
  }
  const absent = p.repos.filter((r) => r.status !== 'ready');
  if (!absent.length) return '';
  out.push(`Not evaluated (${absent.length} of ${p.repos.length} repositor${p.repos.length === 1 ? 'y' : 'ies'}): the pinned commit is needed in a local mirror.`);
  for (const r of absent) out.push(`  ${r.repo} @ ${r.labels.commit} — ${r.detail ?? r.status}`);
  out.push('');
  out.push(`How to get them (mirrors root: ${mirrorsRoot()}; set TOKENTIER_EVAL_MIRRORS to use another):`);
  out.push('  - in an agent session, call the `fetch` tool once per repository: ' + absent.map((r) => `github:${r.repo}`).join(', '));
  out.push('    (it writes <root>/<owner>+<name>/repo; a snapshot is the newest commit, so a label pinned to an older one');
  out.push('    needs a mirror with history);');
  out.push('  - elsewhere: git clone --bare https://github.com/<owner>/<name> "$TOKENTIER_EVAL_MIRRORS/<owner>+<name>/repo"');
  out.push('Then run `node eval/extract.mjs` (or just `npm run eval` again).');
  return `${out.join('\n')}\n`;
}
