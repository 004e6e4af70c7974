/**
 * No network, and a pinned supply chain (issue 10).
 *
 * - scripts/noNetworkCheck.sh runs the built CLI on examples/demo inside `unshare -n` under strace and counts
 *   connect() calls to non-loopback addresses (zero expected); its `--self-test` proves the count catches a real
 *   connect(). Skipped (visibly) when the script says SKIP: not Linux, no unshare/strace, no permission.
 * - The bundles never load Node's network modules (net, http, https, http2, tls, dgram, dns). The `fetch(` and
 *   `XMLHttpRequest` strings in dist/engine.js and dist/cli.js belong to web-tree-sitter's browser wasm loader, which is
 *   never used on Node because the host passes the wasm bytes (LoadWasm); the runtime strace check covers that.
 * - package.json pins every dependency to an exact version and package-lock.json is present.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'noNetworkCheck.sh');

function runScript(args: string[]): { code: number | null; out: string } {
  const r = spawnSync('bash', [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('no network', function () {
  this.timeout(180_000);

  describe('CLI scan in a network namespace under strace (scripts/noNetworkCheck.sh)', () => {
    before(function () {
      if (process.platform !== 'linux') this.skip();
      if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) this.skip();
    });

    it('self-test: a deliberate connect() to 203.0.113.1 is caught (the counter can fail)', function () {
      const r = runScript(['--self-test']);
      if (r.out.startsWith('SKIP:')) {
        console.log(`      ${r.out.trim()}`);
        this.skip();
      }
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /1 to non-loopback/);
    });

    it('a full scan of examples/demo makes zero non-loopback connect() calls and still reports its sites', function () {
      const r = runScript([]);
      if (r.out.startsWith('SKIP:')) {
        console.log(`      ${r.out.trim()}`);
        this.skip();
      }
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /0 to non-loopback addresses/);
      assert.match(r.out, /sites in the JSON report: [1-9]/);
      assert.match(r.out, /interfaces inside the namespace: lo\s*$/m);
    });
  });

  describe('bundles', () => {
    const NETWORK_MODULES = /require\(["'](node:)?(net|http|https|http2|tls|dgram|dns|inspector)["']\)|from ["'](node:)?(net|http|https|http2|tls|dgram|dns)["']/;
    for (const bundle of ['dist/extension.js', 'dist/engine.js', 'dist/scanChild.js', 'dist/cli.js']) {
      it(`${bundle} loads none of Node's network modules`, function () {
        const file = path.join(ROOT, bundle);
        if (!fs.existsSync(file)) this.skip();
        const text = fs.readFileSync(file, 'utf8');
        const m = text.match(NETWORK_MODULES);
        assert.equal(m, null, `${bundle} loads ${m?.[0] ?? ''}`);
      });
    }

    it('src/core and src/protocol import no node: network or fs module (the architecture rule behind it)', () => {
      const offenders: string[] = [];
      const walk = (dir: string): void => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else if (p.endsWith('.ts') && /from ['"](node:)?(net|http|https|http2|tls|dgram|dns|child_process|fs|fs\/promises)['"]/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(ROOT, p));
        }
      };
      walk(path.join(ROOT, 'src', 'core'));
      walk(path.join(ROOT, 'src', 'protocol'));
      assert.deepEqual(offenders, []);
    });
  });
});

describe('supply chain', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  // An exact version: x.y.z with an optional pre-release/build tag, nothing else (no ^, ~, ranges, tags, URLs).
  const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    it(`package.json ${field}: every version is exact (no ^, ~, ranges, tags or URLs)`, () => {
      const deps = pkg[field] ?? {};
      const loose = Object.entries(deps).filter(([, v]) => !EXACT.test(v));
      assert.deepEqual(loose, []);
    });
  }

  it('package-lock.json exists, is lockfile v2+/v3, and locks every direct dependency at the pinned version', () => {
    const file = path.join(ROOT, 'package-lock.json');
    assert.ok(fs.existsSync(file), 'package-lock.json is missing');
    const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as { lockfileVersion: number; packages: Record<string, { version?: string }> };
    assert.ok(lock.lockfileVersion >= 2);
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, version] of Object.entries(pkg[field] ?? {})) {
        assert.equal(lock.packages[`node_modules/${name}`]?.version, version, `${name} is locked at a different version than package.json pins`);
      }
    }
  });
});
