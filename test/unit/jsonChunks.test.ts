/**
 * Issue 23: the CLI writes a JSON report in pieces (peak memory). The oracle is `JSON.stringify(report, null, 2)` (what
 * `formatJson` returns): the pieces joined must be the same text, byte for byte.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildReport } from '../../src/core/report/build';
import { formatJson, formatJsonChunks } from '../../src/core/report/format';
import type { Report } from '../../src/core/types';
import { writeFileAtomic } from '../../src/node/atomicWrite';
import { makeSite } from '../fixtures/cli/sites';

const fixed = new Date('2026-12-01T00:00:00Z');

describe('formatJsonChunks (issue 23)', () => {
  it('joined, the pieces are formatJson: sites, empty arrays, absent keys, escapes', () => {
    const sites = [makeSite({ file: 'a "quoted"\nname.py', line: 3, perMonth: 10 }), makeSite({ file: 'é/ü.ts', line: 1, perMonth: null, model: null })];
    const full = buildReport({ root: '/r', currency: 'USD', profile: 'expected', generatedAt: fixed, estimates: sites, diagnostics: [{ severity: 'info', code: 'x', message: 'line\nbreak\t\u2028' }] });
    const empty = buildReport({ root: '/r', currency: 'USD', profile: 'expected', generatedAt: fixed, estimates: [] });
    const withUndefined = { ...full, repositories: undefined } as unknown as Report;
    // Array elements of every kind JSON.stringify treats apart (undefined and functions become null, toJSON, nesting).
    const odd = { ...full, extra: [undefined, () => 1, 3, 'a\nb', [1, [2, {}]], { toJSON: () => 'x' }, null, { a: [] }, []] } as unknown as Report;
    for (const r of [full, empty, withUndefined, odd]) assert.equal([...formatJsonChunks(r)].join(''), formatJson(r));
    assert.ok([...formatJsonChunks(full)].length > 4, 'more than one piece');
  });

  it('writeFileAtomic writes the pieces as the whole text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-chunks-'));
    try {
      // Over 1 MB of sites, so the writer flushes more than once.
      const estimates = Array.from({ length: 1000 }, (_, i) => makeSite({ file: `f${i}.py`, line: i + 1, perMonth: i }));
      const r = buildReport({ root: '/r', currency: 'USD', profile: 'expected', generatedAt: fixed, estimates });
      const file = path.join(dir, 'r.json');
      writeFileAtomic(file, formatJsonChunks(r));
      assert.equal(fs.readFileSync(file, 'utf8'), formatJson(r));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
