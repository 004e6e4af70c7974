/**
 * The provider-as-oracle fixtures (test/fixtures/oracle, issue #19): each `<case>.py` reproduces, as a user would
 * write it, a request from a public notebook whose saved output prints the API's `usage`; `<case>.expected.json` holds
 * that recorded usage and where it was read. This module runs the real engine on them and judges each figure: a count
 * labelled exact must equal the recorded prompt tokens, a range must contain it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../../../src/core/config/settings';
import { createEngine } from '../../../src/core/engine';
import type { SiteEstimate } from '../../../src/core/types';
import { createMemoryFileProvider } from '../detect/fixtureFormat';
import { loadWasm } from '../detect/loadWasm';

export const ORACLE_DIR = join(__dirname, '..', '..', 'fixtures', 'oracle');

export interface OracleExpected {
  readonly case: string;
  readonly source: { readonly repo: string; readonly commit: string; readonly path: string; readonly url?: string };
  readonly provider: string;
  readonly model: string | null;
  readonly line: number;
  readonly recorded: { readonly inputTokens: number | null; readonly outputTokens: number | null };
  readonly inputSkip?: string;
  readonly expectAccuracy?: string;
  /** Set when the case informed a rule: it is reported but not counted as validation. */
  readonly calibration?: string;
  /** A documented miss (the rule is known not to hold here): reported, never silently passed. */
  readonly knownMiss?: { readonly input?: string; readonly output?: string };
}

export interface OracleResult {
  readonly id: string;
  readonly expected: OracleExpected;
  readonly estimate?: SiteEstimate;
  /** `exact-match` / `exact-miss` / `range-hit` / `range-miss` / `skipped` for the prompt tokens. */
  readonly input: 'exact-match' | 'exact-miss' | 'range-hit' | 'range-miss' | 'skipped';
  readonly output: 'range-hit' | 'range-miss' | 'skipped';
  readonly detail: string;
}

export function listOracleCases(): OracleExpected[] {
  return readdirSync(ORACLE_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(ORACLE_DIR, f), 'utf8')) as OracleExpected);
}

const fmt = (r: { min: number; expected: number; max: number }): string => `${r.min}–${r.max} (expected ${r.expected})`;

/** Runs the engine on one case and judges its input and output figures against the recorded usage. */
export async function runOracleCase(exp: OracleExpected): Promise<OracleResult> {
  const engine = createEngine({ files: createMemoryFileProvider(ORACLE_DIR), loadWasm, retain: false });
  engine.configure({ settings: defaultSettings, trusted: true });
  const path = `${exp.case}.py`;
  const a = await engine.analyzeDocument({ path, text: readFileSync(join(ORACLE_DIR, path), 'utf8') });
  const e = a.estimates.find((x) => x.site.line === exp.line);
  if (!e) return { id: exp.case, expected: exp, input: 'range-miss', output: 'range-miss', detail: `no site on line ${exp.line} (sites on ${a.estimates.map((x) => x.site.line).join(', ') || 'none'})` };
  const t = e.tokens;
  const rec = exp.recorded;
  let input: OracleResult['input'] = 'skipped';
  const parts: string[] = [];
  if (rec.inputTokens !== null) {
    if (t.accuracy === 'exact') input = t.input.expected === rec.inputTokens ? 'exact-match' : 'exact-miss';
    else input = t.input.min <= rec.inputTokens && rec.inputTokens <= t.input.max ? 'range-hit' : 'range-miss';
    parts.push(`input ${t.accuracy} ${t.accuracy === 'exact' ? t.input.expected : fmt(t.input)} vs recorded ${rec.inputTokens}`);
  }
  let output: OracleResult['output'] = 'skipped';
  if (rec.outputTokens !== null) {
    const g = { min: t.output.min + (t.reasoning?.min ?? 0), expected: t.output.expected + (t.reasoning?.expected ?? 0), max: t.output.max + (t.reasoning?.max ?? 0) };
    const cap = e.site.params.maxTokens !== undefined ? e.site.params.maxTokens * (e.site.params.n && e.site.params.n > 1 ? e.site.params.n : 1) : undefined;
    const gc = cap === undefined ? g : { min: Math.min(g.min, cap), expected: Math.min(g.expected, cap), max: Math.min(g.max, cap) };
    output = gc.min <= rec.outputTokens && rec.outputTokens <= gc.max ? 'range-hit' : 'range-miss';
    parts.push(`output ${fmt(gc)} vs recorded ${rec.outputTokens} (${e.tokens.outputSource.rule ?? e.tokens.outputSource.label})`);
  }
  return { id: exp.case, expected: exp, estimate: e, input, output, detail: parts.join('; ') };
}
