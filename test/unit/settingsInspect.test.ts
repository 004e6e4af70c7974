/**
 * Which setting values are validated (issue 16): only values someone wrote, as `WorkspaceConfiguration.inspect()`
 * reports them. An unset setting — including one VS Code returns as `null` from `get()` because package.json
 * declares it with `anyOf` and no default (`tokentier.priceBook`) — must never be reported as invalid, while a bad
 * value at user, workspace or folder level still is.
 *
 * The sample table below must name every key of the schema, so a new setting fails this test until it has a valid
 * and an invalid sample. Expected defaults are read from package.json (the contributed schema users see), not from
 * the zod schema under test.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { explicitSettingValue, parseSettings, settingsSchema, type SettingInspection } from '../../src/core/config/settings';

const SAMPLES: Record<string, { valid: unknown; invalid: unknown }> = {
  display: { valid: 'inlay', invalid: 'sideways' },
  currency: { valid: 'EUR', invalid: 'euro' },
  exchangeRate: { valid: 0.92, invalid: 0 },
  exchangeRateSource: { valid: 'ECB 2026-12-01', invalid: 7 },
  profile: { valid: 'high', invalid: '' },
  'usage.callsPerDay': { valid: { chat: 5 }, invalid: { chat: -1 } },
  'usage.outputTokens': { valid: { chat: 40 }, invalid: { chat: 1.5 } },
  'usage.cacheHitRate': { valid: 0.5, invalid: 2 },
  'usage.daysPerMonth': { valid: 22, invalid: 40 },
  'usage.loopFanOut': { valid: 3, invalid: 0 },
  priceBook: { valid: 'prices/team.yml', invalid: 42 },
  'budget.perCall': { valid: 0.01, invalid: -1 },
  'budget.perMonth': { valid: 100, invalid: 'a lot' },
  'diagnostics.enabled': { valid: true, invalid: 'yes' },
  'diagnostics.cheaperModels': { valid: true, invalid: 1 },
  include: { valid: ['src/**'], invalid: 'src/**' },
  exclude: { valid: ['gen/**'], invalid: [1] },
  languages: { valid: ['python'], invalid: ['cobol'] },
  maxFileSize: { valid: 4096, invalid: 10 },
  'tokens.multipliers': { valid: { claude: 1.3 }, invalid: { claude: 0 } },
  'tiers.electricityPricePerKWh': { valid: 0.2, invalid: -0.1 },
  'tiers.gridIntensity': { valid: 0.1, invalid: '0.1' },
  'tiers.users': { valid: 250, invalid: 2.5 },
  debounceMs: { valid: 100, invalid: 99999 },
  includeTests: { valid: true, invalid: 'sometimes' },
};

const KEYS = Object.keys(settingsSchema.shape);
const contributed = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
}).contributes.configuration.properties;

/** What `inspect()` returns for a setting nobody set: only the default (`null` where package.json has none). */
const unset = (key: string): SettingInspection & { defaultValue: unknown } => ({ defaultValue: contributed[`tokentier.${key}`]?.default ?? null });

/** Reads every setting the way ConfigService does: explicit values only, then the per-field parse. */
function read(inspections: Record<string, SettingInspection>, trusted = true) {
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) {
    const v = explicitSettingValue(inspections[key], { trusted, anyScope: key === 'display' || key === 'debounceMs' });
    if (v !== undefined) raw[key] = v;
  }
  return parseSettings(raw);
}

describe('settings: only values someone wrote are validated', () => {
  it('has a valid and an invalid sample for every setting in the schema', () => {
    assert.deepEqual([...KEYS].sort(), Object.keys(SAMPLES).sort());
    for (const key of KEYS) assert.ok(contributed[`tokentier.${key}`], `package.json contributes tokentier.${key}`);
  });

  it('reports nothing when no setting is set, and every default equals the one package.json shows', () => {
    const { settings, issues } = read(Object.fromEntries(KEYS.map((k) => [k, unset(k)])));
    assert.deepEqual(issues, []);
    for (const key of KEYS) {
      const shown = contributed[`tokentier.${key}`]!.default;
      // Object-valued settings show `{}` in package.json; their per-kind defaults are filled in by the schema.
      if (shown !== undefined && !(typeof shown === 'object' && shown !== null && !Array.isArray(shown))) {
        assert.deepEqual((settings as Record<string, unknown>)[key], shown, key);
      }
    }
  });

  it('would have reported the unset anyOf setting if get()\'s null were validated (the bug this guards)', () => {
    assert.equal(unset('priceBook').defaultValue, null);
    assert.ok(parseSettings({ priceBook: null }).issues.some((i) => i.key === 'priceBook'));
  });

  for (const level of ['globalValue', 'workspaceValue', 'workspaceFolderValue'] as const) {
    it(`accepts a valid value and reports an invalid one for every setting at ${level}`, () => {
      for (const key of KEYS) {
        const good = read({ [key]: { [level]: SAMPLES[key]!.valid } });
        assert.deepEqual(good.issues, [], `${key} valid at ${level}`);
        const got = (good.settings as Record<string, unknown>)[key];
        const want = SAMPLES[key]!.valid;
        if (typeof want === 'object' && want !== null && !Array.isArray(want)) {
          for (const [k, v] of Object.entries(want)) assert.equal((got as Record<string, unknown>)[k], v, `${key}.${k}`);
        } else {
          assert.deepEqual(got, want, key);
        }
        const bad = read({ [key]: { [level]: SAMPLES[key]!.invalid } });
        assert.deepEqual(bad.issues.map((i) => i.key), [key], `${key} invalid at ${level}`);
      }
    });
  }

  it('takes the most specific value: folder over workspace over user', () => {
    assert.equal(explicitSettingValue({ globalValue: 'A', workspaceValue: 'B', workspaceFolderValue: 'C' }, { trusted: true }), 'C');
    assert.equal(explicitSettingValue({ globalValue: 'A', workspaceValue: 'B' }, { trusted: true }), 'B');
    assert.equal(explicitSettingValue({ globalValue: 'A' }, { trusted: true }), 'A');
    assert.equal(explicitSettingValue(undefined, { trusted: true }), undefined);
  });

  it('in Restricted Mode reads only user values for settings that change costs, any scope for presentation', () => {
    const { settings, issues } = read(
      { currency: { globalValue: 'EUR', workspaceValue: 'bad' }, 'usage.loopFanOut': { workspaceValue: 50 }, display: { workspaceValue: 'inlay' } },
      false,
    );
    assert.deepEqual(issues, []);
    assert.equal(settings.currency, 'EUR');
    assert.equal(settings['usage.loopFanOut'], 10);
    assert.equal(settings.display, 'inlay');
  });
});
