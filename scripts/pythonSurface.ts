/**
 * The Python SDKs' public surface, checked against the catalogue (issue 25: the Python SDKs mirror the JS resources).
 *
 * The catalogue lists each method once, as the JS SDK spells it; the Python SDK of the same vendor exposes the same
 * resources in snake_case (catalogIndex.ts derives `create_and_poll` from `createAndPoll`, and mistralai's `_async`
 * twins). This developer script checks that derivation on the Python SDKs' own sources: it reads a local mirror of each
 * (the `fetch` tool's `/work/.mirror/<owner>+<name>/repo`, or `TOKENTIER_EVAL_MIRRORS`), walks the client class
 * through its typed sub-resources (`@cached_property def chat(self) -> Chat`, `chat: "Chat"`), lists every public
 * method path, and classifies it like scripts/sdkSurface.ts: a catalogue entry under the Python spelling, or a
 * "not a model call" pattern of the JS package (matched on the camelCase spelling), or missing.
 *
 *   npx tsx scripts/pythonSurface.ts [--all]      # prints the missing methods (all with --all) and a summary per SDK
 *
 * Text only (regular expressions over `git show` output): no Python is run. Not part of `npm test` (CI has no mirrors).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PYTHON_SURFACE_COMMON, SDK_SURFACES, SURFACE_COMMON } from '../src/core/detect/catalog/surfaces';
import { memberOf, TYPE_BY_ID } from '../src/core/detect/analyzer/catalogIndex';
import { patternMatches } from './sdkSurface';

/** A Python SDK: where its package is in its mirror, its client class, the catalogue type and the JS package it mirrors. */
interface PythonSdk {
  readonly mirror: string;
  readonly dir: string;
  readonly root: string;
  readonly type: string;
  readonly jsPkg: string;
}

export const PYTHON_SDKS: readonly PythonSdk[] = [
  { mirror: 'openai+openai-python', dir: 'src/openai', root: 'OpenAI', type: 'openai', jsPkg: 'openai' },
  { mirror: 'anthropics+anthropic-sdk-python', dir: 'src/anthropic', root: 'Anthropic', type: 'anthropic', jsPkg: '@anthropic-ai/sdk' },
  { mirror: 'googleapis+python-genai', dir: 'google/genai', root: 'Client', type: 'genai-client', jsPkg: '@google/genai' },
  { mirror: 'mistralai+client-python', dir: 'src/mistralai/client', root: 'Mistral', type: 'mistral', jsPkg: '@mistralai/mistralai' },
  { mirror: 'cohere-ai+cohere-python', dir: 'src/cohere', root: 'Client', type: 'cohere', jsPkg: 'cohere-ai' },
  { mirror: 'ollama+ollama-python', dir: 'ollama', root: 'Client', type: 'ollama', jsPkg: 'ollama' },
];

interface PyClass {
  /** The file it is defined in (SDKs reuse class names: `Completions` for chat and for legacy completions). */
  readonly file: string;
  readonly bases: string;
  readonly methods: Set<string>;
  /** Attribute name → class name (typed properties and annotations). */
  readonly subs: Map<string, string>;
}

function git(gitDir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** Classes of a package, by name (a name defined in several files keeps one entry per file). */
export function readClasses(gitDir: string, dir: string): Map<string, PyClass[]> {
  const files = git(gitDir, ['ls-tree', '-r', '--name-only', 'HEAD', '--', dir]).split('\n').filter((f) => f.endsWith('.py'));
  const classes = new Map<string, PyClass[]>();
  for (const f of files) {
    const text = git(gitDir, ['show', `HEAD:${f}`]);
    let cur: PyClass | undefined;
    /** The indentation of the current class's members (4 spaces in most SDKs, 2 in google-genai and ollama). */
    let indent = '';
    let decorators: string[] = [];
    for (const line of text.split('\n')) {
      const cls = /^class (\w+)\s*(?:\(([^)]*)\))?\s*:/.exec(line);
      if (cls) {
        const name = cls[1] ?? '';
        // Test and private modules may reuse a public class name: the first definition outside them wins.
        // Test and private test-double modules may reuse a public class name: they are left out.
        cur = /(^|\/)(tests?|_test_\w*|_replay_\w*)(\/|\.py$)/.test(f) ? undefined : { file: f, bases: cls[2] ?? '', methods: new Set(), subs: new Map() };
        if (cur) classes.set(name, [...(classes.get(name) ?? []), cur]);
        indent = '';
        decorators = [];
        continue;
      }
      if (/^\S/.test(line) && line.trim() !== '') cur = undefined;
      if (!cur || line.trim() === '') continue;
      const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
      if (!indent) indent = lead;
      if (lead !== indent) continue;
      const body = line.slice(indent.length);
      const deco = /^@(\w+)/.exec(body);
      if (deco) {
        decorators.push(deco[1] ?? '');
        continue;
      }
      const def = /^(?:async\s+)?def (\w+)\((?:[^)]*\)\s*(?:->\s*"?([\w.]+)"?)?)?/.exec(body);
      if (def) {
        const name = def[1] ?? '';
        const isProperty = decorators.some((d) => d === 'property' || d === 'cached_property');
        if (isProperty && def[2]) cur.subs.set(name, (def[2].split('.').pop() ?? def[2]).replace(/"/g, ''));
        else if (!isProperty && !decorators.includes('staticmethod') && !decorators.includes('classmethod')) cur.methods.add(name);
        decorators = [];
        continue;
      }
      const ann = /^(\w+)\s*:\s*"?(?:Optional\[)?"?(\w+)"?\]?\s*(?:#.*)?$/.exec(body);
      if (ann && /^[A-Z]/.test(ann[2] ?? '')) cur.subs.set(ann[1] ?? '', ann[2] ?? '');
      decorators = [];
    }
  }
  return classes;
}

/**
 * The class a name means where it is used: of several definitions, the one in or under the referring file's folder
 * whose file is named like the attribute (`chat/completions/completions.py` for `chat.completions`).
 */
function pick(classes: ReadonlyMap<string, PyClass[]>, name: string, attr: string, fromFile: string): PyClass | undefined {
  const list = classes.get(name) ?? [];
  const dir = fromFile.slice(0, fromFile.lastIndexOf('/') + 1);
  // Nearest first among equals: `resources/completions.py` before `resources/chat/completions/completions.py`.
  const score = (c: PyClass): number => (c.file.startsWith(dir) ? 2 : 0) + (new RegExp(`(^|/)${attr}(/${attr})?\\.py$`).test(c.file) ? 1 : 0) - c.file.split('/').length / 100;
  return [...list].sort((a, b) => score(b) - score(a))[0];
}

/** Every public method path reachable from the root class through sub-resources. */
export function pythonPaths(classes: ReadonlyMap<string, PyClass[]>, root: string): string[] {
  const out: string[] = [];
  const walk = (c: PyClass, prefix: string[], seen: Set<PyClass>): void => {
    if (prefix.length > 8) return;
    for (const m of c.methods) if (!m.startsWith('_')) out.push([...prefix, m].join('.'));
    for (const [attr, type] of c.subs) {
      // Not resources: the raw/streaming-response views of the same methods, and Speakeasy's client configuration.
      if (attr.startsWith('_') || /^with_(raw|streaming)_response$/.test(attr) || attr === 'sdk_configuration') continue;
      const sub = pick(classes, type, attr, c.file);
      if (sub && !seen.has(sub)) walk(sub, [...prefix, attr], new Set([...seen, sub]));
    }
    // A base class defined in the package contributes its methods (cohere's Client extends BaseCohere).
    for (const base of c.bases.split(',').map((b) => b.trim().split('[')[0] ?? '')) {
      const b = base ? classes.get(base)?.[0] : undefined;
      if (b && !seen.has(b)) walk(b, prefix, new Set([...seen, b]));
    }
  };
  const start = classes.get(root)?.[0];
  if (start) walk(start, [], new Set([start]));
  return [...new Set(out)].sort();
}

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export function classifyPython(sdk: PythonSdk, paths: readonly string[]): { path: string; status: 'catalogue' | 'not-model' | 'missing'; by?: string }[] {
  const t = TYPE_BY_ID.get(sdk.type);
  const surface = SDK_SURFACES.find((s) => s.pkg === sdk.jsPkg);
  const jsPatterns = [...Object.keys(surface?.notModelCalls ?? {}), ...Object.keys(SURFACE_COMMON)].filter((p) => !p.includes(':'));
  const pyPatterns = [...Object.keys(surface?.pythonNotModelCalls ?? {}), ...Object.keys(PYTHON_SURFACE_COMMON)];
  const optional = new Set([...(t?.optionalSegments ?? []), 'aio']);
  return paths.map((p) => {
    const key = p.split('.').filter((s) => !optional.has(s)).join('.');
    if (t && memberOf(t, key)) return { path: p, status: 'catalogue', by: key };
    const toJs = (x: string): string => x.split('.').map((s) => camel(t?.asyncSuffix ? s.replace(new RegExp(`${t.asyncSuffix}$`), '') : s)).join('.');
    // The JS patterns name paths as written (`beta.assistants.*`); `aio.` is Python's async twin of the same path.
    const written = p.split('.').filter((s) => s !== 'aio').join('.');
    const forms = [toJs(written), toJs(key)];
    const hit = jsPatterns.find((pat) => forms.some((f) => patternMatches(pat, f))) ?? pyPatterns.find((pat) => patternMatches(pat, written) || patternMatches(pat, key));
    return hit ? { path: p, status: 'not-model', by: hit } : { path: p, status: 'missing' };
  });
}

function main(argv: readonly string[]): void {
  const root = process.env.TOKENTIER_EVAL_MIRRORS ?? '/work/.mirror';
  for (const sdk of PYTHON_SDKS) {
    const gitDir = path.join(root, sdk.mirror, 'repo');
    if (!fs.existsSync(gitDir)) {
      process.stdout.write(`${sdk.mirror}: no mirror at ${gitDir} (skipped)\n`);
      continue;
    }
    const head = git(gitDir, ['rev-parse', 'HEAD']).trim();
    const result = classifyPython(sdk, pythonPaths(readClasses(gitDir, sdk.dir), sdk.root));
    const n = (s: string) => result.filter((r) => r.status === s).length;
    process.stdout.write(`${sdk.mirror} @ ${head.slice(0, 12)}: ${result.length} methods, ${n('catalogue')} in the catalogue, ${n('not-model')} not model calls, ${n('missing')} missing\n`);
    for (const r of result) if (argv.includes('--all') || r.status === 'missing') process.stdout.write(`  ${r.status.padEnd(9)} ${r.path}${r.by ? `  [${r.by}]` : ''}\n`);
  }
}

if (require.main === module) main(process.argv.slice(2));
