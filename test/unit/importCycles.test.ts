/**
 * No run-time import cycle in src/ (ARCHITECTURE.md "Invariants"; type-only imports do not count), checked with
 * dependency-cruiser (.dependency-cruiser.cjs, also run by `npm run lint`). The same check is run on two small
 * projects written here, so it is shown to fail on a run-time cycle and to let a type-only one pass.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
  readonly cycle?: readonly { readonly name: string }[];
}

/** Runs the check on `src` of `cwd`; returns its violations. */
function cruise(cwd: string): Violation[] {
  const r = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.stdout, `depcruise printed nothing: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { summary: { violations: Violation[] } };
  return out.summary.violations;
}

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-cycles-'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'es2022' }, include: ['src'] }));
  fs.mkdirSync(path.join(dir, 'src'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'src', name), text);
  return dir;
}

describe('import cycles (dependency-cruiser)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('src/ has no run-time import cycle', () => {
    const v = cruise(ROOT);
    assert.deepEqual(v.map((x) => `${x.from} → ${x.to}`), []);
  });

  it('reports a run-time cycle, and not one made of type-only imports', () => {
    const dir = project({
      // a ⇄ b load each other: a cycle.
      'a.ts': "import { b } from './b';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "import { a } from './a';\nimport { type C } from './c';\nexport const b = (): number => 2;\nexport const useA = a;\nexport type B = C;\n",
      // b ⇄ c only through types (`import type`, inline `type`): erased at compile time, no cycle.
      'c.ts': "import type { B } from './b';\nexport type C = B | number;\n",
    });
    dirs.push(dir);
    const v = cruise(dir);
    assert.equal(v.length, 1, JSON.stringify(v));
    assert.equal(v[0]!.rule.name, 'no-runtime-cycle');
    assert.deepEqual(new Set([v[0]!.from, v[0]!.to]), new Set(['src/a.ts', 'src/b.ts']));
  });
});
