// docs/reconcile.md describes the export formats from the same data the parsers check headers against
// (src/core/bills/formats.ts); regenerate with `npx tsx scripts/genReconcileDocs.ts`.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { formatTables } from '../../scripts/genReconcileDocs';

describe('docs/reconcile.md', () => {
  it('lists every known column with its confidence, as src/core/bills/formats.ts has them', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../docs/reconcile.md'), 'utf8');
    const block = text.slice(text.indexOf('<!-- formats:start -->') + '<!-- formats:start -->\n'.length, text.indexOf('<!-- formats:end -->'));
    assert.equal(block, `${formatTables()}\n`);
  });
  it('docs/cli.md documents the reconcile command and the html format', () => {
    const cli = fs.readFileSync(path.join(__dirname, '../../docs/cli.md'), 'utf8');
    assert.ok(cli.includes('tokentier reconcile --usage FILE'));
    assert.ok(cli.includes('--format table\\|json\\|jsonl\\|markdown\\|csv\\|sarif\\|html'));
  });
});
