import * as assert from 'node:assert/strict';
import { parseAdvisorScope, parseAdvisorUiState, parseFromWebview } from '../../src/protocol/schemas';

const HOSTILE = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>javascript:alert(3)\u001b[31m';

describe('protocol: inbound webview messages', () => {
  describe('valid messages parse', () => {
    const valid: unknown[] = [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'log', level: 'warn', message: 'hello' },
      { type: 'edit', edits: {} },
      {
        type: 'edit',
        edits: { requestsPerDay: 20000, inputTokens: 1200, outputTokens: 300, ttftTargetMs: 500, e2eTargetMs: null, selfHostModelId: 'llama-3.1-8b', precision: 'fp8', electricityUsdPerKWh: 0.12, utilisation: 0.6 },
      },
      { type: 'setScope', scope: { kind: 'workspace' } },
      { type: 'setScope', scope: { kind: 'file', uri: 'file:///w/app.py' } },
      { type: 'setScope', scope: { kind: 'site', uri: 'file:///w/app.py', siteId: 'app.py#27:chat.completions.create' } },
      { type: 'export', format: 'markdown' },
      { type: 'export', format: 'csv' },
      { type: 'export', format: 'json' },
    ];
    for (const m of valid) {
      it(JSON.stringify(m).slice(0, 90), () => {
        assert.deepEqual(parseFromWebview(m), m);
      });
    }
  });

  describe('unknown and malformed messages parse to undefined', () => {
    const invalid: [string, unknown][] = [
      ['null', null],
      ['a string', 'ready'],
      ['an array', [{ type: 'ready' }]],
      ['no type', { level: 'info', message: 'x' }],
      ['unknown type', { type: 'eval', code: 'alert(1)' }],
      ['type with different case', { type: 'READY' }],
      ['log with unknown level', { type: 'log', level: 'fatal', message: 'x' }],
      ['log message over 10,000 characters', { type: 'log', level: 'info', message: 'x'.repeat(10_001) }],
      ['edit without edits', { type: 'edit' }],
      ['negative volume', { type: 'edit', edits: { requestsPerDay: -1 } }],
      ['NaN volume (structured clone can carry it)', { type: 'edit', edits: { requestsPerDay: Number.NaN } }],
      ['infinite tokens', { type: 'edit', edits: { inputTokens: Number.POSITIVE_INFINITY } }],
      ['volume as a string', { type: 'edit', edits: { requestsPerDay: '1000' } }],
      ['volume above 1e10', { type: 'edit', edits: { requestsPerDay: 1e11 } }],
      ['utilisation above 1', { type: 'edit', edits: { utilisation: 1.5 } }],
      ['utilisation 0 (would divide by zero)', { type: 'edit', edits: { utilisation: 0 } }],
      ['unknown precision', { type: 'edit', edits: { precision: 'fp4' } }],
      ['empty model id', { type: 'edit', edits: { selfHostModelId: '' } }],
      ['model id over 200 characters', { type: 'edit', edits: { selfHostModelId: 'm'.repeat(201) } }],
      ['latency target 0', { type: 'edit', edits: { e2eTargetMs: 0 } }],
      ['scope of unknown kind', { type: 'setScope', scope: { kind: 'folder', uri: 'file:///w' } }],
      ['file scope without uri', { type: 'setScope', scope: { kind: 'file' } }],
      ['site scope without site id', { type: 'setScope', scope: { kind: 'site', uri: 'file:///w/a.py' } }],
      ['uri over 4,096 characters', { type: 'setScope', scope: { kind: 'file', uri: `file:///${'a'.repeat(4096)}` } }],
      ['unknown export format', { type: 'export', format: 'html' }],
    ];
    for (const [name, m] of invalid) {
      it(name, () => {
        assert.equal(parseFromWebview(m), undefined);
      });
    }
  });

  it('drops unknown extra keys instead of passing them on', () => {
    const parsed = parseFromWebview({ type: 'edit', edits: { requestsPerDay: 5, script: 'alert(1)' }, html: '<b>x</b>' });
    assert.deepEqual(parsed, { type: 'edit', edits: { requestsPerDay: 5 } });
  });

  it('does not let a __proto__ key pollute the parsed object', () => {
    const raw = JSON.parse('{"type":"edit","edits":{"__proto__":{"polluted":true},"inputTokens":10}}') as unknown;
    const parsed = parseFromWebview(raw);
    assert.deepEqual(parsed, { type: 'edit', edits: { inputTokens: 10 } });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('keeps hostile strings as opaque text, unchanged (escaping is the renderer’s job)', () => {
    const m = { type: 'setScope', scope: { kind: 'site', uri: `file:///w/${HOSTILE}.py`, siteId: HOSTILE } };
    assert.deepEqual(parseFromWebview(m), m);
    assert.deepEqual(parseFromWebview({ type: 'log', level: 'error', message: HOSTILE }), { type: 'log', level: 'error', message: HOSTILE });
  });
});

describe('protocol: command arguments and serializer state', () => {
  it('parses a scope and rejects a malformed one', () => {
    assert.deepEqual(parseAdvisorScope({ kind: 'site', uri: 'file:///a.py', siteId: 's1' }), { kind: 'site', uri: 'file:///a.py', siteId: 's1' });
    assert.equal(parseAdvisorScope({ kind: 'site', uri: 'file:///a.py' }), undefined);
    assert.equal(parseAdvisorScope(undefined), undefined);
  });

  it('restores every valid field of the state and drops each invalid one separately', () => {
    const state = { tab: 2, scope: { kind: 'file', uri: 'file:///a.py' }, edits: { requestsPerDay: 100, precision: 'int4' } };
    assert.deepEqual(parseAdvisorUiState(state), state);
    assert.deepEqual(parseAdvisorUiState({ tab: 99, scope: { kind: 'file', uri: 'file:///a.py' }, edits: { requestsPerDay: -5 } }), { scope: { kind: 'file', uri: 'file:///a.py' } });
    assert.deepEqual(parseAdvisorUiState({ tab: 1.5, scope: 'workspace', edits: null }), {});
  });

  it('returns an empty state for garbage', () => {
    for (const raw of [undefined, null, 42, 'x', [1, 2]]) assert.deepEqual(parseAdvisorUiState(raw), {});
  });
});
