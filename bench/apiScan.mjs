// The full scan through the core API, without the CLI: `scanWorkspace` from the production engine bundle over a plain
// synchronous `node:fs` FileProvider, default settings, one thread, no ripgrep (bench/run.mjs times it as a process,
// like the CLI rows).
//
//   node bench/apiScan.mjs <tree>
//
// Prints one JSON line: sites, files scanned, and the sha-256 of the report's sites (compared with the CLI's).
import crypto from 'node:crypto';
import path from 'node:path';
import { engineFor } from './engineHost.mjs';

const tree = path.resolve(process.argv[2] ?? '.');
const { engine, engineModule, files } = engineFor(tree);
const report = await engineModule.scanWorkspace(engine, files, { rootLabel: '.' });
const digest = crypto.createHash('sha256').update(JSON.stringify(report.sites)).digest('hex');
console.log(JSON.stringify({ sites: report.sites.length, filesScanned: report.stats.filesScanned, digest }));
