// The test entry the workbench loads into the WEB WORKER extension host (`extensionTestsPath` beside
// `extensionDevelopmentKind: web`; test/harness/README.md "Tests in the web host"). The same `run()` contract as
// ../index.ts, with what a browser worker has: mocha's browser build, and no `process` or file system of its own.
// The suites are the shared test/integration files marked `// @host node web`, bundled in (esbuild.mjs makes the
// `tokentier:web-test-files` module); the runner names the group's files in out/test/integration-web/group.json,
// read through vscode.workspace.fs as the extension reads its own files.
import * as vscode from 'vscode';
// @ts-expect-error -- a module esbuild.mjs generates: { 'providers.test.js': () => void, … } (each loads one suite).
import suites from 'tokentier:web-test-files';
import { EXTENSION_ID } from '../helpers';

interface BrowserMocha {
  setup(options: { ui: string; reporter: string; timeout: number; color: boolean; grep?: string }): void;
  run(done: (failures: number) => void): { stats?: { passes: number } };
}

interface Group {
  files?: string[];
  grep?: string;
  /** What the Node host's suites read from process.env (TOKENTIER_INTEGRATION_SOURCE_WORKSPACE, …). */
  env?: Record<string, string>;
}

async function group(): Promise<Group> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) return {};
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'out', 'test', 'integration-web', 'group.json'));
    return JSON.parse(new TextDecoder().decode(bytes)) as Group;
  } catch {
    return {};
  }
}

export async function run(): Promise<void> {
  // Mocha's browser build, loaded here (not by a top-level import, which esbuild inlines unwrapped so that its UMD header
  // replaced this module's exports): it sets globalThis.mocha.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('mocha/mocha.js');
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  const g = await group();
  // The shared suites read a few variables from process.env (undefined ones skip benchmarks); a worker has no process.
  const scope = globalThis as { process?: { env: Record<string, string> } };
  if (!scope.process) scope.process = { env: g.env ?? {} };
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false, ...(g.grep ? { grep: g.grep } : {}) });
  const all = suites as Record<string, () => void>;
  const names = Object.keys(all).filter((f) => !g.files || g.files.includes(f)).sort();
  const missing = (g.files ?? []).filter((f) => !all[f]);
  if (missing.length) {
    console.log(`the web test bundle lacks ${missing.join(', ')} (is it marked // @host node web?)`);
    console.log('0 passed, 1 failed');
    throw new Error(`missing suites: ${missing.join(', ')}`);
  }
  // Loaded after setup: the suites call the describe/it globals that setup defines.
  for (const f of names) all[f]!();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
