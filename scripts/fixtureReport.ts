/**
 * Prints the detection fixture report: site-level recall and precision per provider and per language over every
 * fixture in test/fixtures/detect, model-attribution accuracy on matched sites, and the failing fixtures with their
 * first difference; a third table breaks the same counts down by fixture folder (topic). Run with `npx tsx scripts/fixtureReport.ts` (`--all-diffs` lists every difference).
 *
 * Counting: a true positive is an expected site the detector reports at the same (line, cell); a false negative an
 * expected site it misses; a false positive a reported site no fixture expects. Provider of a TP/FN is the expected
 * one, of an FP the reported one. Known gaps (known-gaps.json) are counted like any other fixture.
 */
import { compareSites, createNodeLoadWasm, describeComparison, listFixtures, loadKnownGaps, runFixture } from '../test/unit/detect/fixtureFormat';

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  modelOk: number;
  fieldsOk: number;
}

const newTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, modelOk: 0, fieldsOk: 0 });

function add(map: Map<string, Tally>, key: string, f: (t: Tally) => void): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = newTally()));
  f(t);
}

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`;
}

function table(title: string, map: Map<string, Tally>): string {
  const rows = [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((acc, [, t]) => ({ tp: acc.tp + t.tp, fp: acc.fp + t.fp, fn: acc.fn + t.fn, modelOk: acc.modelOk + t.modelOk, fieldsOk: acc.fieldsOk + t.fieldsOk }), newTally());
  const line = (name: string, t: Tally): string =>
    `| ${name} | ${t.tp} | ${t.fp} | ${t.fn} | ${pct(t.tp, t.tp + t.fn)} | ${pct(t.tp, t.tp + t.fp)} | ${pct(t.modelOk, t.tp)} | ${pct(t.fieldsOk, t.tp)} |`;
  return [
    `### ${title}`,
    '',
    `| ${title.toLowerCase()} | TP | FP | FN | recall | precision | model right (of TP) | all fields right (of TP) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(([k, t]) => line(k, t)),
    line('**all**', total),
    '',
  ].join('\n');
}

/** The fixture's top folder (`openai`, `negative`, `wild`, …). */
function topicOf(id: string): string {
  return id.split('/')[0] ?? id;
}

async function main(): Promise<void> {
  const allDiffs = process.argv.includes('--all-diffs');
  const fixtures = listFixtures();
  const gaps = loadKnownGaps();
  const loadWasm = createNodeLoadWasm();
  const byProvider = new Map<string, Tally>();
  const byLanguage = new Map<string, Tally>();
  const byTopic = new Map<string, Tally>();
  const failing: string[] = [];
  let passed = 0;
  const started = Date.now();
  for (const fx of fixtures) {
    const run = await runFixture(fx, loadWasm);
    const cmp = compareSites(fx.expected.sites, run.sites);
    for (const m of cmp.matched) {
      const hit = (t: Tally): void => {
        t.tp++;
        if (m.modelCorrect) t.modelOk++;
        if (m.diffs.length === 0) t.fieldsOk++;
      };
      add(byProvider, m.expected.provider, hit);
      add(byLanguage, fx.language, hit);
      add(byTopic, topicOf(fx.id), hit);
    }
    for (const e of cmp.missing) {
      add(byProvider, e.provider, (t) => t.fn++);
      add(byLanguage, fx.language, (t) => t.fn++);
      add(byTopic, topicOf(fx.id), (t) => t.fn++);
    }
    for (const a of cmp.extra) {
      add(byProvider, a.provider, (t) => t.fp++);
      add(byLanguage, fx.language, (t) => t.fp++);
      add(byTopic, topicOf(fx.id), (t) => t.fp++);
    }
    const diffs = run.error !== undefined ? [`detector threw: ${run.error.split('\n')[0] ?? ''}`] : describeComparison(cmp);
    if (diffs.length === 0) passed++;
    else {
      const gap = gaps.has(fx.id) ? ' (known gap)' : '';
      failing.push(`- \`${fx.id}\`${gap}: ${allDiffs ? diffs.join('; ') : diffs[0] ?? ''}${!allDiffs && diffs.length > 1 ? ` (+${diffs.length - 1} more)` : ''}`);
    }
  }
  const positives = fixtures.reduce((n, f) => n + f.expected.sites.length, 0);
  const negatives = fixtures.filter((f) => f.expected.sites.length === 0).length;
  const out = [
    '## Detection fixture report',
    '',
    `${fixtures.length} fixture files (${positives} expected sites; ${negatives} files that expect no site), ${passed} pass, ${fixtures.length - passed} fail; ${Date.now() - started} ms.`,
    '',
    table('Provider', byProvider),
    table('Language', byLanguage),
    table('Topic', byTopic),
    `### Failing fixtures (${failing.length})`,
    '',
    ...failing,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

void main();
