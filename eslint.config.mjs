// @ts-check
import js from '@eslint/js';
import picomatch from 'picomatch';
import tseslint from 'typescript-eslint';

// ── Layers (ARCHITECTURE.md "Layers"; every rule is proven by test/unit/layers.test.ts) ──────────────────────────
// Each layer lists what its files must not import. Patterns are gitignore-style paths matched against the import
// specifier (relative imports included); `typesOnly` forbids run-time imports but allows `import type`. A file gets
// the rules of every layer whose `files` match it (the outer layer's and its core folder's), merged into one
// `@typescript-eslint/no-restricted-imports` entry, because a later flat-config entry replaces a rule's options.

const NODE_IO = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'http2', 'node:http2', 'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads'];
/** Core folders, bottom to top; a folder may import the ones it does not forbid. */
const CORE = (...folders) => folders.map((f) => `**/core/${f}/**`).concat(folders.map((f) => `../${f}/**`), folders.map((f) => `../../${f}/**`));

/** @type {{ name: string, files: string[], forbid: { group?: string[], regex?: string, message: string, typesOnly?: boolean }[], noVscode?: boolean }[]} */
export const LAYERS = [
  {
    name: 'core',
    files: ['src/core/**'],
    noVscode: true,
    forbid: [
      { group: ['**/vscode/**', '**/webview/**', '**/cli/**', '**/node/**', '**/protocol/**'], message: 'src/core is the bottom layer: it imports no other src/ folder.' },
      { group: NODE_IO, message: 'The core does no I/O: read files through FileProvider.' },
    ],
  },
  {
    name: 'protocol',
    files: ['src/protocol/**'],
    noVscode: true,
    forbid: [
      { group: ['**/vscode/**', '**/webview/**', '**/cli/**', '**/node/**'], message: 'src/protocol holds messages only: it imports core types and zod.' },
      { regex: '(^|/)core/(?!zodJitless$)', typesOnly: true, message: 'src/protocol imports core types only (import type), and src/core/zodJitless.ts (zod without generated code) before its schemas.' },
    ],
  },
  {
    name: 'webview',
    files: ['src/webview/**'],
    noVscode: true,
    forbid: [
      { group: ['**/vscode/**', '**/cli/**', '**/node/**'], message: 'The webview is a browser bundle: protocol and core types only.' },
      { group: ['node:*', ...NODE_IO], message: 'The webview is a browser bundle: no Node built-ins.' },
      { regex: '(^|/)core/(?!tiers/present$)', typesOnly: true, message: 'The webview imports core types only, and the pure formatters of src/core/tiers/present.ts.' },
    ],
  },
  {
    name: 'node',
    files: ['src/node/**'],
    noVscode: true,
    forbid: [{ group: ['**/vscode/**', '**/webview/**', '**/cli/**', '**/protocol/**'], message: 'src/node is the shared Node layer under the CLI and the extension: it imports core only.' }],
  },
  {
    name: 'cli',
    files: ['src/cli/**'],
    noVscode: true,
    forbid: [{ group: ['**/vscode/**', '**/webview/**', '**/protocol/**'], message: 'src/cli is the command line: it imports core and node.' }],
  },
  {
    name: 'vscode',
    files: ['src/vscode/**'],
    forbid: [{ group: ['**/cli/**', '**/src/webview/**'], message: 'src/vscode imports core, protocol and node (src/webview is another bundle; src/cli the command line).' }],
  },
  // `../webview/…` is src/webview (the browser bundle) from src/vscode/*.ts but src/vscode/webview from a subfolder.
  { name: 'vscode (top)', files: ['src/vscode/*.ts'], forbid: [{ group: ['../webview/**'], message: 'src/webview is the browser bundle: the host talks to it by messages (src/protocol).' }] },
  { name: 'vscode (subfolders)', files: ['src/vscode/*/**'], forbid: [{ group: ['../../webview/**'], message: 'src/webview is the browser bundle: the host talks to it by messages (src/protocol).' }] },
  // The extension code both hosts run (the Node host's `main` and the web worker's `browser` entry, issue 24): Node
  // reaches it only through HostPlatform (src/vscode/platform.ts), implemented in src/vscode/desktop. A subfolder
  // added to src/vscode belongs in this list unless it is desktop-only.
  {
    name: 'vscode (shared by the Node and web hosts)',
    files: ['src/vscode/*.ts', 'src/vscode/commands/**', 'src/vscode/providers/**', 'src/vscode/webview/**', 'src/vscode/web/**'],
    forbid: [
      { group: ['**/node/**'], typesOnly: true, message: 'This code also runs in the web worker extension host: reach src/node through HostPlatform (src/vscode/desktop/platform.ts); types are fine.' },
      { group: ['node:*', ...NODE_IO, 'path', 'os', 'zlib', 'crypto', 'util', 'module', 'url', 'stream', 'events', 'buffer'], message: 'This code also runs in the web worker extension host, which has no Node built-ins: use the vscode API or HostPlatform.' },
    ],
  },
  // Inside the core: detection knows nothing of cost, tokens nothing of prices, the data layers nothing of reports.
  {
    name: 'core/detect',
    files: ['src/core/detect/**'],
    forbid: [{ group: [...CORE('pricing', 'tokens', 'usage', 'advice', 'estimate', 'teamFiles', 'report', 'scan', 'tiers'), '**/engine', '**/engineBundle'], message: 'Detection finds call sites only: it imports no pricing, tokens, usage, advice, estimation, reports, scanning or tiers.' }],
  },
  {
    name: 'core/tokens',
    files: ['src/core/tokens/**'],
    forbid: [{ group: [...CORE('detect', 'pricing', 'usage', 'advice', 'estimate', 'teamFiles', 'report', 'scan', 'tiers')], message: 'Tokens count tokens: no prices (model ids come from src/core/models), no detection, no estimation.' }],
  },
  {
    name: 'core/pricing',
    files: ['src/core/pricing/**'],
    forbid: [
      { group: [...CORE('detect', 'tokens', 'usage', 'advice', 'estimate', 'report', 'scan', 'tiers')], message: 'Pricing is price tables and arithmetic: no detection, tokens, usage, advice, estimation, reports or tiers.' },
      { group: [...CORE('teamFiles')], typesOnly: true, message: 'Pricing reads the price book through its types only.' },
    ],
  },
  {
    name: 'core/usage',
    files: ['src/core/usage/**'],
    forbid: [
      { group: [...CORE('detect', 'tokens', 'pricing', 'advice', 'estimate', 'report', 'scan', 'tiers')], message: 'Usage assumptions: no detection, tokens, prices, advice, estimation, reports or tiers.' },
      { group: [...CORE('teamFiles')], typesOnly: true, message: 'Usage reads the usage file through its types only.' },
    ],
  },
  {
    name: 'core/teamFiles',
    files: ['src/core/teamFiles/**'],
    forbid: [
      { group: [...CORE('detect', 'tokens', 'usage', 'advice', 'report', 'scan', 'tiers')], message: 'Team files are parsed into data: no detection, tokens, usage rules, advice, reports or tiers.' },
      { group: [...CORE('pricing', 'estimate')], typesOnly: true, message: 'Team files use the price and estimate types only.' },
    ],
  },
  {
    name: 'core/advice',
    files: ['src/core/advice/**'],
    forbid: [{ group: [...CORE('detect', 'usage', 'estimate', 'teamFiles', 'report', 'scan', 'tiers'), '**/engine', '**/engineBundle'], message: 'Advice reads model facts and prices other models through the estimator it is handed: no detection, usage rules, estimation code, team files, reports, scanning or tiers.' }],
  },
  {
    name: 'core/estimate',
    files: ['src/core/estimate/**'],
    forbid: [{ group: [...CORE('detect', 'report', 'scan', 'tiers')], message: 'Estimation prices call sites: no detection code, reports, scanning or tiers.' }],
  },
  {
    name: 'core/report',
    files: ['src/core/report/**'],
    forbid: [{ group: [...CORE('detect', 'scan', 'tiers'), '**/engine', '**/engineBundle'], message: 'Reports format estimates: no detection, scanning or tiers.' }],
  },
  {
    name: 'core/tiers',
    files: ['src/core/tiers/**'],
    forbid: [{ group: [...CORE('detect', 'pricing', 'usage', 'advice', 'estimate', 'teamFiles', 'report', 'scan'), '**/engine', '**/engineBundle'], message: 'The tier model takes a workload built from estimates: no detection, pricing, reports or scanning.' }],
  },
  {
    name: 'core/tiers/present',
    files: ['src/core/tiers/present.ts'],
    forbid: [{ regex: '.*', typesOnly: true, message: 'present.ts is bundled into the webview: it imports types only.' }],
  },
  {
    name: 'core/scan',
    files: ['src/core/scan/**'],
    forbid: [{ group: [...CORE('tiers')], message: 'Scanning builds reports: no tiers.' }],
  },
  {
    name: 'core/models+config',
    files: ['src/core/models/**', 'src/core/config/**'],
    forbid: [{ group: [...CORE('detect', 'tokens', 'pricing', 'usage', 'advice', 'estimate', 'teamFiles', 'report', 'scan', 'tiers')], message: 'Model ids, model facts and settings are the bottom of the core: they import no other core folder.' }],
  },
];

const noVscodePath = { name: 'vscode', message: 'Only src/vscode/** may import vscode (ARCHITECTURE.md: the dependency rule).' };

/** The merged restricted-imports rule for one file glob: every layer whose files include it. */
function layerConfigs() {
  const globs = [...new Set(LAYERS.flatMap((l) => l.files))];
  // A layer applies to a glob when its own glob is the same or a parent folder's `/**` (src/core/** covers src/core/detect/**).
  // A layer glob with a `*` segment (src/vscode/*/**) covers what it matches: a sample path of the glob (src/vscode/commands/x/y.ts).
  const sample = (glob) => glob.replace(/\/\*\*$/, '/x/y.ts').replace(/\*/g, 'x');
  const covers = (layerGlob, glob) =>
    layerGlob === glob || (layerGlob.endsWith('/**') && glob.startsWith(layerGlob.slice(0, -2))) || (/\*[^*]|\*$/.test(layerGlob.replace(/\/\*\*$/, '')) && picomatch(layerGlob)(sample(glob)));
  return globs.map((glob) => {
    const layers = LAYERS.filter((l) => l.files.some((f) => covers(f, glob)));
    const patterns = layers.flatMap((l) => l.forbid.map((f) => ({ ...(f.regex ? { regex: f.regex } : { group: f.group }), message: `${f.message} (layer ${l.name})`, ...(f.typesOnly ? { allowTypeImports: true } : {}) })));
    return {
      files: [glob],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: layers.some((l) => l.noVscode) ? [noVscodePath] : [], patterns }] },
    };
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', 'examples/**', 'artifacts/**', 'bench/results/**', 'bench/work/**', 'media/**', 'eval/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'No default exports.' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', performance: 'readonly', globalThis: 'readonly', window: 'readonly', document: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/consistent-type-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // Size: a file a reader can hold, a function a reader can follow. Exceptions are inline
    // `eslint-disable-next-line max-lines-per-function -- <why>` comments, at most 10 in src/ (test/unit/layers.test.ts
    // counts them; ARCHITECTURE.md lists them).
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 800 }], 'max-lines-per-function': ['error', { max: 80 }] },
  },
  {
    files: ['test/unit/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscodePath], patterns: [{ group: ['**/vscode/**'], message: 'Unit tests and benchmarks run under plain Node: no src/vscode.' }] }],
    },
  },
  ...layerConfigs(),
);
