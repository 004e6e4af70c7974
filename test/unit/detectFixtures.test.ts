/**
 * Runs the real detector over every fixture in test/fixtures/detect (one `it` per fixture file) and compares its
 * sites with the hand-written `.expected.json` beside it: a missing or extra site fails, and matched sites must
 * agree on provider, via, api, model and its resolution (plus stream/maxTokens/ignored when the fixture says).
 * Fixtures listed in known-gaps.json run as visible skips with the reason in the title.
 */
import * as assert from 'node:assert/strict';
import { compareSites, createNodeLoadWasm, describeComparison, listFixtures, loadKnownGaps, runFixture } from './detect/fixtureFormat';

const fixtures = listFixtures();
const gaps = loadKnownGaps();
const loadWasm = createNodeLoadWasm();

describe('detection fixtures (test/fixtures/detect)', () => {
  it('has the corpus the issue asks for (>= 200 positive sites, >= 100 negative look-alike files)', () => {
    const positives = fixtures.reduce((n, f) => n + f.expected.sites.length, 0);
    const negatives = fixtures.filter((f) => f.id.startsWith('negative/') || f.expected.sites.length === 0).length;
    assert.ok(positives >= 200, `only ${positives} positive sites`);
    assert.ok(negatives >= 100, `only ${negatives} negative fixtures`);
  });

  it('lists only existing fixtures in known-gaps.json', () => {
    const ids = new Set(fixtures.map((f) => f.id));
    assert.deepEqual([...gaps.keys()].filter((k) => !ids.has(k)), []);
  });

  for (const fixture of fixtures) {
    const gap = gaps.get(fixture.id);
    if (gap !== undefined) {
      it.skip(`${fixture.id} — KNOWN GAP: ${gap}`, () => undefined);
      continue;
    }
    it(fixture.id, async () => {
      const run = await runFixture(fixture, loadWasm);
      assert.equal(run.error, undefined, `the detector threw: ${run.error ?? ''}`);
      const diffs = describeComparison(compareSites(fixture.expected.sites, run.sites));
      if (diffs.length > 0) assert.fail(`${fixture.id}:\n  ${diffs.join('\n  ')}`);
    });
  }
});
