#!/usr/bin/env node
// Thin entry: the code is TypeScript in eval/lib/ (type-checked, linted and unit-tested with the project), loaded
// through tsx (a dev dependency). See eval/README.md.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const { main } = createRequire(import.meta.url)('./lib/runMain.ts');
const code = await main(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
process.exitCode = code;
