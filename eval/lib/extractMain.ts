/**
 * `node eval/extract.mjs [--repo X] [--labels DIR]`: writes the tree of every labelled repository at its pinned commit
 * from the local mirrors into eval/.work/<owner>__<name>/. Idempotent (a tree already there at that commit is kept).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LABELS_DIR, PROJECT_ROOT } from './io';
import { missingText, prepare } from './prepare';
import type { RunOutput } from './runMain';

export async function main(argv: readonly string[], out: RunOutput): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { repo: { type: 'string' }, labels: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (e) {
    out.stderr(`extract: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (values.help) {
    out.stdout('Usage: node eval/extract.mjs [--repo X] [--labels DIR]\nWrites each labelled repository\'s pinned tree into eval/.work/ from the mirrors (/work/.mirror or TOKENTIER_EVAL_MIRRORS).\n');
    return 0;
  }
  const p = await prepare(values.labels ? path.resolve(values.labels) : DEFAULT_LABELS_DIR, values.repo, (m) => out.stderr(`extract: ${m}\n`));
  for (const r of p.repos.filter((x) => x.status === 'ready')) {
    const e = r.extract;
    out.stdout(`${r.repo} @ ${r.labels.commit.slice(0, 12)} → ${path.relative(PROJECT_ROOT, r.tree)} (${e?.reused ? 'already there' : `${e?.files} files`})${e?.missing.length ? `; ${e.missing.length} blob(s) absent from the mirror` : ''}${e?.skipped.length ? `; ${e.skipped.length} entr${e.skipped.length === 1 ? 'y' : 'ies'} skipped (submodules, links out of the tree)` : ''}\n`);
  }
  for (const i of p.invalid) out.stderr(`extract: unusable label file ${i.file}:\n  ${i.errors.join('\n  ')}\n`);
  const missing = missingText(p);
  if (missing) out.stdout(missing);
  return 0;
}
