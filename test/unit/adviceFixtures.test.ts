/**
 * Runs the real detector and estimator over test/fixtures/advice (README there) on each run's day and compares the
 * advice with the hand-written `.expected.json`: deprecation status, dates and replacement from the providers' pages,
 * migration and saving figures from hand arithmetic (gpt-tokenizer counts × genai-prices rates), the order of the
 * cheaper models, and where the quick fix edits the model string.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelInDocument } from '../../src/core/advice/modelLiteral';
import { defaultSettings } from '../../src/core/config/settings';
import { detect } from '../../src/core/detect/detector';
import { emptyTeamConfig, estimateSites } from '../../src/core/estimate/estimator';
import type { SiteEstimate } from '../../src/core/types';
import { createMemoryFileProvider, createNodeLoadWasm } from './detect/fixtureFormat';

const DIR = join(__dirname, '..', 'fixtures', 'advice');

interface ExpectedMigration {
  model?: string;
  via?: string[];
  priceId?: string;
  perMonth?: number | null;
  deltaPerMonth?: number | null;
  deltaIsReplacementMinusCurrent?: boolean;
  unknownReasonIncludes?: string;
  rates?: { current: [number, number]; replacement: [number, number] };
}
interface ExpectedSite {
  line: number;
  model: string;
  perMonth?: number;
  lifecycle?: null | { status: string; platform: string; announced?: string; shutdown?: string; daysLeft?: number; replacement?: string | null; otherPlatforms?: string[]; migration?: ExpectedMigration | null };
  alternatives?: { model: string; kind?: string; samePlatform?: boolean; perMonth?: number; savingPerMonth?: number; fit?: Record<string, boolean | null>; quality?: { current?: number; alternative?: number } }[];
  notAlternatives?: string[];
  noAlternativesIncludes?: string;
  location?: { where: string; line: number; text: string };
}
interface Expected {
  runs: { now: string; sites: ExpectedSite[] }[];
}

const close = (a: number | undefined, b: number, what: string): void => assert.ok(a !== undefined && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

function checkMigration(e: SiteEstimate, want: ExpectedMigration, repl: SiteEstimate | undefined): void {
  const m = e.advice?.lifecycle?.migration;
  assert.ok(m, 'a migration estimate');
  if (want.model) assert.equal(m.model, want.model);
  if (want.via) assert.deepEqual(m.via, want.via);
  if (want.priceId) assert.equal(m.priceId, want.priceId);
  if (want.perMonth === null) assert.equal(m.perMonth, null);
  else if (want.perMonth !== undefined) close(m.perMonth?.expected, want.perMonth, 'migration perMonth');
  if (want.deltaPerMonth === null) assert.equal(m.deltaPerMonth, null);
  else if (want.deltaPerMonth !== undefined) close(m.deltaPerMonth ?? undefined, want.deltaPerMonth, 'migration delta');
  if (want.deltaIsReplacementMinusCurrent) close(m.deltaPerMonth ?? undefined, m.perMonth!.expected - e.cost.perMonth!.expected, 'delta = replacement − current');
  if (want.unknownReasonIncludes) assert.match(m.unknownReason ?? '', new RegExp(want.unknownReasonIncludes));
  if (want.rates) {
    // Both sides recomputed from the estimates' token counts and genai-prices' list rates (output 200 per call).
    assert.ok(repl, 'the replacement estimate');
    const monthly = (x: SiteEstimate, [i, o]: [number, number]) => (30_000 * (x.tokens.input.expected * i + 200 * o)) / 1e6;
    close(m.deltaPerMonth ?? undefined, monthly(repl, want.rates.replacement) - monthly(e, want.rates.current), 'migration delta from rates');
  }
}

function checkLifecycle(e: SiteEstimate, want: NonNullable<ExpectedSite['lifecycle']>, repl: SiteEstimate | undefined): void {
  const l = e.advice?.lifecycle;
  assert.ok(l, `${e.site.model.id}: expected a lifecycle alert`);
  assert.equal(l.status, want.status);
  assert.equal(l.platform, want.platform);
  if (want.announced !== undefined) assert.equal(l.announced, want.announced);
  if (want.shutdown !== undefined) assert.equal(l.shutdown, want.shutdown);
  if (want.daysLeft !== undefined) assert.equal(l.daysLeft, want.daysLeft);
  if (want.replacement !== undefined) assert.equal(l.replacement ?? null, want.replacement);
  if (want.otherPlatforms) assert.deepEqual(l.otherPlatforms, want.otherPlatforms);
  if (want.migration === null) assert.equal(l.migration, undefined);
  else if (want.migration) checkMigration(e, want.migration, repl);
  assert.ok(l.source.label && l.source.file === 'src/core/models/data/lifecycle.json', 'the alert names its source');
}

function checkAlternatives(e: SiteEstimate, want: ExpectedSite): void {
  const alts = e.advice?.alternatives ?? [];
  if (want.alternatives) {
    if (want.alternatives.length === 0) assert.deepEqual(alts.map((a) => a.model), []);
    want.alternatives.forEach((w, i) => {
      const a = alts[i];
      assert.ok(a, `alternative ${i + 1} (${w.model}) missing; got ${alts.map((x) => x.model).join(', ')}`);
      assert.equal(a.model, w.model, `alternative ${i + 1}`);
      if (w.kind) assert.equal(a.kind, w.kind);
      if (w.samePlatform !== undefined) assert.equal(a.samePlatform, w.samePlatform);
      if (w.perMonth !== undefined) close(a.perMonth.expected, w.perMonth, `${w.model} perMonth`);
      if (w.savingPerMonth !== undefined) close(a.savingPerMonth, w.savingPerMonth, `${w.model} saving`);
      for (const [f, fits] of Object.entries(w.fit ?? {})) assert.equal(a.fit.find((x) => x.feature === f)?.fits, fits, `${w.model} fit ${f}`);
      if (w.quality?.current !== undefined) assert.equal(a.quality.current?.score, w.quality.current);
      if (w.quality?.alternative !== undefined) assert.equal(a.quality.alternative?.score, w.quality.alternative);
      assert.ok(a.quality.asOf && a.quality.source.date, 'the quality caveat is dated');
    });
  }
  for (const m of want.notAlternatives ?? []) assert.ok(!alts.some((a) => a.model === m), `${m} must not be offered`);
  if (want.noAlternativesIncludes) assert.match(e.advice?.noAlternatives ?? '', new RegExp(want.noAlternativesIncludes));
}

function checkLocation(text: string, e: SiteEstimate, want: NonNullable<ExpectedSite['location']>): void {
  const loc = modelInDocument(text, e);
  assert.ok(!('reason' in loc), `no location: ${'reason' in loc ? loc.reason : ''}`);
  assert.equal(loc.where, want.where);
  assert.equal(loc.range.start.line + 1, want.line);
  const line = text.split('\n')[loc.range.start.line]!;
  assert.equal(line.slice(loc.range.start.character, loc.range.end.character), want.text);
}

describe('advice fixtures (test/fixtures/advice)', () => {
  const loadWasm = createNodeLoadWasm();
  const files = createMemoryFileProvider(DIR);
  const cases = readdirSync(DIR).filter((f) => /\.(py|ts)$/.test(f));
  it('has the cases the issue names (deprecated OpenAI/Anthropic/Bedrock/Gemini/Mistral models, cheaper-model fits)', () => {
    assert.ok(cases.length >= 9, `${cases.length} cases`);
  });
  for (const file of cases) {
    const expected = JSON.parse(readFileSync(join(DIR, file.replace(/\.\w+$/, '.expected.json')), 'utf8')) as Expected;
    for (const run of expected.runs) {
      it(`${file} on ${run.now}`, async () => {
        const text = readFileSync(join(DIR, file), 'utf8');
        const found = await detect({ path: file, text }, { files, loadWasm });
        const now = new Date(`${run.now}T00:00:00Z`);
        const estimates = await estimateSites(found.sites, { settings: defaultSettings, team: emptyTeamConfig, now });
        assert.deepEqual(estimates.map((e) => e.site.line).sort(), run.sites.map((s) => s.line).sort(), 'sites');
        for (const want of run.sites) {
          const e = estimates.find((x) => x.site.line === want.line)!;
          assert.equal(e.site.model.id, want.model);
          if (want.perMonth !== undefined) close(e.cost.perMonth?.expected, want.perMonth, 'current perMonth');
          const replacement = want.lifecycle?.migration?.rates ? (await estimateSites([{ ...e.site, model: { id: want.lifecycle.migration.model!, canonical: want.lifecycle.migration.model!, resolution: { kind: 'literal' } } }], { settings: defaultSettings, team: emptyTeamConfig, now }))[0] : undefined;
          if (want.lifecycle === null) assert.equal(e.advice?.lifecycle, undefined, `unexpected alert: ${JSON.stringify(e.advice?.lifecycle)}`);
          else if (want.lifecycle) checkLifecycle(e, want.lifecycle, replacement);
          checkAlternatives(e, want);
          if (want.location) checkLocation(text, e, want.location);
        }
      });
    }
  }
});
