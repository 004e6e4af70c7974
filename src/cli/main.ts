/**
 * The `tokentier` command-line tool's entry (bundled to dist/cli.js). All logic is in `run.ts`.
 */
import { run } from './run';

void run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), assetDir: __dirname }).then((code) => {
  process.exitCode = code;
});
