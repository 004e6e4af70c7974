// The test entry the workbench loads into the real extension host (`extensionTestsPath`; the same `run()` contract
// as @vscode/test-electron). test/harness/runIntegration.mjs starts it and reads the closing counts line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Runs every `*.test.js` next to this file (or those listed in TOKENTIER_INTEGRATION_FILES) with mocha BDD. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.TOKENTIER_INTEGRATION_GREP;
  if (grep) mocha.grep(grep);
  // The runner groups files by workspace/trust and names the group's files; without it, run them all.
  const wanted = process.env.TOKENTIER_INTEGRATION_FILES?.split(',').filter(Boolean);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (!wanted || wanted.includes(f)));
  for (const f of files.sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        // The runner parses this exact line; mocha's "N passing" comes before it.
        console.log(`${passed} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (e) {
      console.error(e);
      console.log('0 passed, 1 failed');
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
