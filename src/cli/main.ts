/**
 * The `tokentier` command-line tool's entry (bundled to dist/cli.js). All logic is in `run.ts`.
 */
import { run } from './run';

// A reader that stops early (`tokentier scan --format json | head`) closes the pipe: the rest of the output has nowhere
// to go, which is no error of the scan (Node would otherwise die on the unhandled 'error' event with a stack trace).
// The run finishes and exits with its own code (a budget gate's failure still shows under `set -o pipefail`). Any other
// failure to write the output (a full disk) loses it: said in one line, exit 2. stderr's own failures cannot be told.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
  process.stderr.write(`tokentier: could not write the output: ${e.message}\n`);
  process.exit(2);
});
process.stderr.on('error', () => undefined);

void run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), assetDir: __dirname }).then((code) => {
  process.exitCode = code;
});
