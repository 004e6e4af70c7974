/** Runs the CLI in-process, capturing stdout and stderr (not a terminal), for tests. */
import * as path from 'node:path';
import { run } from '../../../src/cli/run';

/** A captured output stream that is not a terminal. */
export class Buf {
  text = '';
  readonly isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

export async function runCli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Buf();
  const stderr = new Buf();
  const code = await run(args, { stdout, stderr, cwd, assetDir: path.join(__dirname, '../../../src/cli') });
  return { code, out: stdout.text, err: stderr.text };
}
