/**
 * Adding an SDK is data only (issue 25): a made-up SDK (`acmellm`, `@acmellm/sdk`), pushed into the catalogue's arrays
 * as one module per language and one client type, is found through every way the engine has — an import in the file
 * (Python, and a JS CDN specifier), a client imported from a neighbour file, a compound method name, an everyday method
 * name (`embed`, gated by the module's import), an optional segment — with no code change: the pre-filter, the gates of
 * everyday names, the evidence test and the indexes are all derived from the catalogue. Without the data, nothing is
 * found. The catalogue is extended in a child process (test/unit/detect/dataOnlySdk.child.ts) so this process's engine
 * keeps the real one.
 *
 * Oracle: the fixture files' own text (test/fixtures/dataOnlySdk), lines counted by hand.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(ROOT, 'test', 'fixtures', 'dataOnlySdk');
const FILES = ['acme_app.py', 'acme_neighbour.py', 'lookalike.py', 'acme_app.ts'];

type Found = Record<string, { prefilter: boolean; parsed: boolean; sites: { line: number; api: string; method: string; model: string | null }[] }>;
function run(add: boolean): Found {
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'detect', 'dataOnlySdk.child.ts'), ...(add ? ['--add'] : []), DIR, ...FILES], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out) as Found;
}

describe('adding an SDK to the catalogue is data only', function () {
  this.timeout(180_000);

  it('without the data, the made-up SDK\'s files are not even read past the pre-filter, and never parsed', () => {
    const r = run(false);
    for (const f of FILES) {
      assert.equal(r[f]?.prefilter, false, f);
      assert.equal(r[f]?.parsed, false, f);
      assert.deepEqual(r[f]?.sites, [], f);
    }
  });

  it('with the data alone, every site is found, and the look-alike stays a look-alike', () => {
    const r = run(true);
    assert.deepEqual(r['acme_app.py']?.sites, [
      { line: 9, api: 'chat', method: 'replies.create', model: 'acme-large-2' },
      { line: 13, api: 'embeddings', method: 'embed', model: 'acme-embed-1' },
      // `draftReply` in the data; Python's spelling is derived, and `with_raw_response` is an optional segment.
      { line: 16, api: 'completion', method: 'draft_reply', model: 'acme-large-2' },
    ]);
    // The client comes from a neighbour file: the file itself names no SDK.
    assert.deepEqual(r['acme_neighbour.py']?.sites, [{ line: 5, api: 'chat', method: 'replies.create', model: 'acme-small-1' }]);
    assert.deepEqual(r['acme_app.ts']?.sites, [
      { line: 6, api: 'chat', method: 'replies.create', model: 'acme-large-2' },
      { line: 7, api: 'completion', method: 'draftReply', model: 'acme-small-1' },
    ]);
    assert.deepEqual(r['lookalike.py']?.sites, []);
  });
});
