/**
 * Every layer rule of ARCHITECTURE.md ("Layers", "Inside the core") holds in ESLint: a synthetic file in the layer
 * that makes a forbidden import fails lint with the restricted-imports rule, and the same file making an allowed import
 * (the control) passes, so a rule that forbade everything would fail here too. The cases are written from
 * ARCHITECTURE.md, not from eslint.config.mjs. Also counts the size exceptions (`max-lines*` disables) in src/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.join(__dirname, '..', '..');

/** `file` (a path under src/ that need not exist) imports `from`; `type`: an `import type`. */
interface Case {
  readonly rule: string;
  readonly file: string;
  readonly from: string;
  readonly type?: boolean;
}

/** Imports each layer must refuse. */
const FORBIDDEN: readonly Case[] = [
  { rule: 'only src/vscode imports vscode (core)', file: 'src/core/engine2.ts', from: 'vscode' },
  { rule: 'only src/vscode imports vscode (node)', file: 'src/node/x.ts', from: 'vscode' },
  { rule: 'only src/vscode imports vscode (cli)', file: 'src/cli/x.ts', from: 'vscode' },
  { rule: 'only src/vscode imports vscode (protocol)', file: 'src/protocol/x.ts', from: 'vscode' },
  { rule: 'only src/vscode imports vscode (webview)', file: 'src/webview/x.ts', from: 'vscode' },
  { rule: 'core imports no other src/ folder: vscode', file: 'src/core/detect/x.ts', from: '../../vscode/config' },
  { rule: 'core imports no other src/ folder: node', file: 'src/core/x.ts', from: '../node/nodeFiles' },
  { rule: 'core imports no other src/ folder: cli', file: 'src/core/report/x.ts', from: '../../cli/run' },
  { rule: 'core imports no other src/ folder: protocol', file: 'src/core/tiers/x.ts', from: '../../protocol/messages' },
  { rule: 'core imports no other src/ folder: webview', file: 'src/core/x.ts', from: '../webview/dom' },
  { rule: 'core does no I/O: fs', file: 'src/core/scan/x.ts', from: 'node:fs' },
  { rule: 'core does no I/O: child_process', file: 'src/core/x.ts', from: 'child_process' },
  { rule: 'core does no I/O: https', file: 'src/core/pricing/x.ts', from: 'https' },
  { rule: 'protocol imports core types only', file: 'src/protocol/x.ts', from: '../core/tiers/workload' },
  { rule: 'protocol imports no node', file: 'src/protocol/x.ts', from: '../node/gitFiles' },
  { rule: 'webview imports core types only', file: 'src/webview/x.ts', from: '../core/tiers/compare' },
  { rule: 'webview imports core types only (report formatters)', file: 'src/webview/x.ts', from: '../core/report/present' },
  { rule: 'webview imports no src/node', file: 'src/webview/x.ts', from: '../node/gitFiles' },
  { rule: 'webview imports no src/vscode', file: 'src/webview/x.ts', from: '../vscode/config' },
  { rule: 'webview imports no Node built-ins', file: 'src/webview/x.ts', from: 'node:path' },
  { rule: 'node imports no src/vscode', file: 'src/node/x.ts', from: '../vscode/engineLoader' },
  { rule: 'node imports no src/cli', file: 'src/node/x.ts', from: '../cli/workspaceConfig' },
  { rule: 'cli imports no src/vscode', file: 'src/cli/x.ts', from: '../vscode/config' },
  { rule: 'shared extension code imports no src/node at run time (web host)', file: 'src/vscode/x.ts', from: '../node/gitFiles' },
  { rule: 'shared extension code (commands) imports no src/node at run time', file: 'src/vscode/commands/x.ts', from: '../../node/usageExports' },
  { rule: 'the web entry imports no src/node', file: 'src/vscode/web/x.ts', from: '../../node/engineBundle' },
  { rule: 'shared extension code imports no Node built-ins', file: 'src/vscode/workspaceModel2.ts', from: 'node:path' },
  { rule: 'shared extension code (providers) imports no Node built-ins', file: 'src/vscode/providers/x.ts', from: 'child_process' },
  { rule: 'vscode imports no src/cli', file: 'src/vscode/x.ts', from: '../cli/run' },
  { rule: 'vscode imports no src/webview (top folder)', file: 'src/vscode/x.ts', from: '../webview/main' },
  { rule: 'vscode imports no src/webview (subfolder)', file: 'src/vscode/commands/x.ts', from: '../../webview/main' },
  { rule: 'detection imports no pricing', file: 'src/core/detect/x.ts', from: '../pricing/calc' },
  { rule: 'detection imports no pricing (analyzer section)', file: 'src/core/detect/analyzer/x.ts', from: '../../pricing/resolvePrice' },
  { rule: 'detection imports no tokens', file: 'src/core/detect/x.ts', from: '../tokens/tokenizer' },
  { rule: 'detection imports no estimation', file: 'src/core/detect/x.ts', from: '../estimate/estimator' },
  { rule: 'detection imports no reports', file: 'src/core/detect/x.ts', from: '../report/present' },
  { rule: 'detection imports no tiers', file: 'src/core/detect/x.ts', from: '../tiers/compare' },
  { rule: 'tokens import no pricing', file: 'src/core/tokens/x.ts', from: '../pricing/priceTable' },
  { rule: 'tokens import no detection', file: 'src/core/tokens/x.ts', from: '../detect/detector' },
  { rule: 'pricing imports no tokens', file: 'src/core/pricing/x.ts', from: '../tokens/tokenizer' },
  { rule: 'pricing reads the price book through types only', file: 'src/core/pricing/x.ts', from: '../teamFiles/loadTeamConfig' },
  { rule: 'usage imports no pricing', file: 'src/core/usage/x.ts', from: '../pricing/calc' },
  { rule: 'team files import no detection', file: 'src/core/teamFiles/x.ts', from: '../detect/detector' },
  { rule: 'team files use price types only', file: 'src/core/teamFiles/x.ts', from: '../pricing/priceTable' },
  { rule: 'estimation imports no reports', file: 'src/core/estimate/x.ts', from: '../report/build' },
  { rule: 'reports import no scanning', file: 'src/core/report/x.ts', from: '../scan/scanner' },
  { rule: 'reports import no tiers', file: 'src/core/report/x.ts', from: '../tiers/compare' },
  { rule: 'tiers import no detection', file: 'src/core/tiers/x.ts', from: '../detect/detector' },
  { rule: 'tiers import no pricing', file: 'src/core/tiers/x.ts', from: '../pricing/calc' },
  { rule: 'tiers import no reports', file: 'src/core/tiers/x.ts', from: '../report/format' },
  { rule: 'tiers/present.ts imports types only', file: 'src/core/tiers/present.ts', from: './types' },
  { rule: 'scanning imports no tiers', file: 'src/core/scan/x.ts', from: '../tiers/compare' },
  { rule: 'model ids import no other core folder', file: 'src/core/models/x.ts', from: '../pricing/priceTable' },
  { rule: 'model facts import no advice', file: 'src/core/models/x.ts', from: '../advice/advise' },
  { rule: 'advice imports no estimation code', file: 'src/core/advice/x.ts', from: '../estimate/estimator' },
  { rule: 'advice imports no reports', file: 'src/core/advice/x.ts', from: '../report/present' },
  { rule: 'pricing imports no advice', file: 'src/core/pricing/x.ts', from: '../advice/suggest' },
  { rule: 'settings import no other core folder', file: 'src/core/config/x.ts', from: '../tokens/tokenizer' },
  { rule: 'unit tests import no src/vscode', file: 'test/unit/x.test.ts', from: '../../src/vscode/config' },
];

/** Imports the same layers may make (controls: each would fail if its layer forbade everything). */
const ALLOWED: readonly Case[] = [
  { rule: 'vscode imports vscode', file: 'src/vscode/x.ts', from: 'vscode' },
  { rule: 'vscode imports its own webview folder from a subfolder', file: 'src/vscode/commands/x.ts', from: '../webview/advisorPanel' },
  { rule: 'the desktop platform imports node', file: 'src/vscode/desktop/x.ts', from: '../../node/gitFiles' },
  { rule: 'the desktop platform imports Node built-ins', file: 'src/vscode/desktop/x.ts', from: 'node:path' },
  { rule: 'shared extension code imports node types', file: 'src/vscode/x.ts', from: '../node/scanProcess', type: true },
  { rule: 'shared extension code (subfolder) imports core', file: 'src/vscode/commands/x.ts', from: '../../core/fileProvider' },
  { rule: 'core imports core', file: 'src/core/x.ts', from: './types' },
  { rule: 'protocol imports core types', file: 'src/protocol/x.ts', from: '../core/tiers/advisorView', type: true },
  { rule: 'protocol imports the zod jitless switch before its schemas', file: 'src/protocol/x.ts', from: '../core/zodJitless' },
  { rule: 'webview imports core types', file: 'src/webview/x.ts', from: '../core/tiers/types', type: true },
  { rule: 'webview imports the advisor formatters', file: 'src/webview/x.ts', from: '../core/tiers/present' },
  { rule: 'webview imports protocol', file: 'src/webview/x.ts', from: '../protocol/messages', type: true },
  { rule: 'node imports core', file: 'src/node/x.ts', from: '../core/fileProvider' },
  { rule: 'node does I/O', file: 'src/node/x.ts', from: 'node:fs' },
  { rule: 'cli imports node', file: 'src/cli/x.ts', from: '../node/gitFiles' },
  { rule: 'cli imports core', file: 'src/cli/x.ts', from: '../core/report/format' },
  { rule: 'detection imports model ids', file: 'src/core/detect/x.ts', from: '../models/modelIds' },
  { rule: 'detection imports its catalogue', file: 'src/core/detect/analyzer/x.ts', from: '../catalog/sdks' },
  { rule: 'tokens import model ids', file: 'src/core/tokens/x.ts', from: '../models/modelIds' },
  { rule: 'pricing uses price-book types', file: 'src/core/pricing/x.ts', from: '../teamFiles/teamTypes', type: true },
  { rule: 'team files use price types', file: 'src/core/teamFiles/x.ts', from: '../pricing/priceTypes', type: true },
  { rule: 'estimation imports tokens and pricing', file: 'src/core/estimate/x.ts', from: '../pricing/calc' },
  { rule: 'estimation imports advice', file: 'src/core/estimate/x.ts', from: '../advice/advise' },
  { rule: 'advice imports model facts and prices', file: 'src/core/advice/x.ts', from: '../models/lifecycle' },
  { rule: 'reports import advice texts', file: 'src/core/report/x.ts', from: '../advice/modelLiteral' },
  { rule: 'reports import estimation totals', file: 'src/core/report/x.ts', from: '../estimate/totals' },
  { rule: 'tiers import output tokens', file: 'src/core/tiers/x.ts', from: '../tokens/outputTokens' },
  { rule: 'tiers/present.ts imports types', file: 'src/core/tiers/present.ts', from: './types', type: true },
  { rule: 'scanning imports detection and reports', file: 'src/core/scan/x.ts', from: '../report/build' },
  { rule: 'unit tests import core', file: 'test/unit/x.test.ts', from: '../../src/core/engine' },
];

function source(c: Case): string {
  if (c.from === 'vscode' || c.from.startsWith('node:') || !c.from.startsWith('.')) return `import * as probe from '${c.from}';\nexport const used = probe;\n`;
  return c.type ? `import type { Probe } from '${c.from}';\nexport type Used = Probe;\n` : `import { probe } from '${c.from}';\nexport const used = probe;\n`;
}

const RESTRICTED = new Set(['no-restricted-imports', '@typescript-eslint/no-restricted-imports']);

describe('layers: ESLint holds every layer rule of ARCHITECTURE.md', function () {
  this.timeout(120_000);
  const eslint = new ESLint({ cwd: ROOT });

  async function restricted(c: Case): Promise<string[]> {
    const [r] = await eslint.lintText(source(c), { filePath: path.join(ROOT, c.file) });
    return (r?.messages ?? []).filter((m) => m.ruleId !== null && RESTRICTED.has(m.ruleId)).map((m) => m.message);
  }

  for (const c of FORBIDDEN) {
    it(`refuses: ${c.rule} (${c.file} ← ${c.from})`, async () => {
      const errors = await restricted(c);
      assert.ok(errors.length > 0, `${c.file} importing ${c.from} passed lint`);
    });
  }
  for (const c of ALLOWED) {
    it(`allows: ${c.rule} (${c.file} ← ${c.from}${c.type ? ', type' : ''})`, async () => {
      assert.deepEqual(await restricted(c), []);
    });
  }
});

describe('layers: size limits', () => {
  it('has at most 10 max-lines exceptions in src/, each with its reason', () => {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          fs.readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/eslint-disable.*max-lines/.test(line)) found.push(`${path.relative(ROOT, p)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    assert.ok(found.length <= 10, `${found.length} exceptions:\n${found.join('\n')}`);
    for (const f of found) assert.match(f, /max-lines(-per-function)? -- \S.{10,}/, `an exception without a reason: ${f}`);
  });
});
