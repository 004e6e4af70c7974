/**
 * Provider as oracle (issue #19 items 3, 4, 11): the real engine on the fixtures of test/fixtures/oracle, each a request
 * from a public notebook whose saved output prints the API's `usage`, rewritten as a user would write it. A prompt-token
 * count labelled `exact` must equal the recorded prompt tokens; a range must contain them; the output range (output +
 * reasoning, capped by max_tokens × n) must contain the recorded completion tokens. Cases that informed a rule carry
 * `calibration` in their expected.json and are not counted as validation.
 */
import { strict as assert } from 'node:assert';
import { listOracleCases, runOracleCase, type OracleResult } from './oracle/oracleCases';

const cases = listOracleCases();

describe('oracle: provider-reported usage from public notebooks (test/fixtures/oracle)', function () {
  this.timeout(60_000);
  const results: OracleResult[] = [];

  for (const c of cases) {
    it(`${c.case}${c.calibration ? ' (calibration)' : ''}`, async () => {
      const r = await runOracleCase(c);
      results.push(r);
      assert.ok(!r.input.endsWith('miss'), `${c.case}: ${r.detail}`);
      assert.ok(r.output !== 'range-miss', `${c.case}: ${r.detail}`);
      if (c.expectAccuracy) assert.equal(r.estimate?.tokens.accuracy, c.expectAccuracy, r.detail);
      // A count the engine calls exact must be the provider's own: never a multiplier estimate.
      if (r.estimate?.tokens.accuracy === 'exact') assert.ok(c.provider === 'openai' || c.provider === 'azure-openai', `${c.case} is labelled exact for ${c.provider}`);
    });
  }

  it('validates on at least 20 cases, with the tally by kind (the issue\'s done-condition)', () => {
    assert.equal(results.length, cases.length, 'every case ran');
    const validation = results.filter((r) => !r.expected.calibration);
    const exact = validation.filter((r) => r.input === 'exact-match').length;
    const ranges = validation.filter((r) => r.input === 'range-hit').length;
    const outputs = validation.filter((r) => r.output === 'range-hit').length;
    const misses = validation.filter((r) => r.input.endsWith('miss') || r.output === 'range-miss').map((r) => r.id);
    assert.deepEqual(misses, []);
    assert.ok(exact + ranges >= 20, `${exact} exact + ${ranges} ranges`);
    // Every provider class of the corpus is represented in the validation set.
    for (const p of ['openai', 'azure-openai', 'anthropic', 'google', 'mistral', 'groq']) assert.ok(validation.some((r) => r.expected.provider === p && r.input !== 'skipped'), p);
    assert.ok(exact >= 25, `only ${exact} exact prompt counts`);
    assert.ok(outputs >= 30, `only ${outputs} output ranges checked`);
  });
});
