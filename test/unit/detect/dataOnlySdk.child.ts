/**
 * Child process of test/unit/dataOnlySdk.test.ts: adds a made-up SDK to the catalogue as data alone (a module and a
 * client type pushed into sdks.ts's arrays before anything derived from them is loaded), then runs the detector on
 * source files that use it and prints what it found as JSON. Nothing else changes: no engine code knows the SDK.
 */
import { readFileSync } from 'node:fs';
import * as sdks from '../../../src/core/detect/catalog/sdks';
import type { ModuleSpec, TypeSpec } from '../../../src/core/detect/catalog/types';
// Types only (erased): the modules themselves are required below, after the catalogue is extended.
import type * as DetectorModule from '../../../src/core/detect/detector';
import type * as FixtureFormatModule from './fixtureFormat';
import type * as VocabularyModule from '../../../src/core/detect/vocabulary';

const TYPE: TypeSpec = {
  id: 'acme',
  provider: 'other',
  via: 'sdk',
  optionalSegments: ['with_raw_response'],
  members: {
    'replies.create': { kind: 'site', site: { api: 'chat', model: { kw: ['model'] }, prompt: { messages: { kw: ['messages'] } } } },
    embed: { kind: 'site', site: { api: 'embeddings', model: { kw: ['model'] }, prompt: { input: { kw: ['texts'] } } } },
    draftReply: { kind: 'site', site: { api: 'completion', model: { kw: ['model'] }, prompt: { prompt: { kw: ['prompt'] } } } },
  },
};
const MODULES: ModuleSpec[] = [
  { lang: 'python', name: 'acmellm', members: { AcmeClient: { kind: 'new', spec: { type: 'acme' } } } },
  { lang: 'js', name: '@acmellm/sdk', members: { AcmeClient: { kind: 'new', spec: { type: 'acme' } } } },
];
if (process.argv.includes('--add')) {
  (sdks.TYPES as TypeSpec[]).push(TYPE);
  (sdks.MODULES as ModuleSpec[]).push(...MODULES);
}

void (async () => {
  // Loaded only now, so every index, the prefilter and the gates are derived from the catalogue as extended.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { detect, evidenceStats } = require('../../../src/core/detect/detector') as typeof DetectorModule;
  // The vocabulary derived from the catalogue (the scanner's pre-filter adds other languages' names and the
  // catalogue-free model-shaped bodies of raw HTTP, `model=` / `"inputs":`, which these files also write).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PREFILTER } = require('../../../src/core/detect/vocabulary') as typeof VocabularyModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createMemoryFileProvider, createNodeLoadWasm } = require('./fixtureFormat') as typeof FixtureFormatModule;
  const [dir, ...names] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const files = createMemoryFileProvider(dir ?? '.');
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const text = readFileSync(`${dir}/${name}`, 'utf8');
    const before = evidenceStats().parsed;
    const r = await detect({ path: name, text }, { files, loadWasm: createNodeLoadWasm() });
    out[name] = { prefilter: PREFILTER.test(text), parsed: evidenceStats().parsed > before, sites: r.sites.map((s) => ({ line: s.line, api: s.api, method: s.method, model: s.model.id })) };
  }
  process.stdout.write(JSON.stringify(out));
})();
