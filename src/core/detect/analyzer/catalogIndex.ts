/**
 * Indexes over the SDK catalogue (src/core/detect/catalog/sdks.ts), built once: types by id, modules by language and
 * name, and each type's members under every name a caller may write.
 */
import { AISDK_PROVIDERS, MODULES, TYPES } from '../catalog/sdks';
import type { Member, ModuleSpec, TypeSpec } from '../catalog/types';

/** Client types by id; the AI SDK's provider factories get one type per provider (`aisdk-provider:openai`). */
export const TYPE_BY_ID = new Map<string, TypeSpec>(TYPES.map((t) => [t.id, t]));
for (const p of AISDK_PROVIDERS) {
  const base = TYPE_BY_ID.get('aisdk-provider');
  if (base) TYPE_BY_ID.set(`aisdk-provider:${p}`, { ...base, id: `aisdk-provider:${p}`, provider: p });
}
/** Catalogue modules by `<lang>:<name>`. */
/** Two tables may list the same module (frameworks.ts and moreFrameworks.ts both add to `llama_index.core`): members merge. */
export const MODULE_BY_KEY = new Map<string, ModuleSpec>();
for (const m of MODULES) {
  const key = `${m.lang}:${m.name}`;
  const prev = MODULE_BY_KEY.get(key);
  MODULE_BY_KEY.set(key, prev ? { ...prev, ...m, members: { ...prev.members, ...m.members } } : m);
}
/** Every dotted prefix of a catalogue module name (`python:google` for `google.genai`): a module path being walked. */
export const MODULE_PREFIXES = new Set<string>();
for (const m of MODULES) {
  const parts = m.name.split('.');
  for (let i = 1; i < parts.length; i++) MODULE_PREFIXES.add(`${m.lang}:${parts.slice(0, i).join('.')}`);
}
/** `<lang>:<top-level module>` of the frameworks marked `ownPackage` (their own source files call their wrappers). */
export const OWN_PACKAGES = new Set<string>(MODULES.filter((m) => m.ownPackage).map((m) => `${m.lang}:${m.name.split(/[./]/)[0] ?? m.name}`));
/** `<lang>:<module>` of the modules marked `workspaceFirst` (a workspace file of that name is imported instead). */
export const WORKSPACE_FIRST = new Set<string>(MODULES.filter((m) => m.workspaceFirst).map((m) => `${m.lang}:${m.name}`));

/**
 * The framework marked `ownPackage` whose source folder holds the file (`lib/crewai/src/crewai/memory/x.py` → `crewai`,
 * `autogen-ext/src/autogen_ext/…`, `libs/agno/agno/…`), if any: there the framework calls its own wrappers, so its
 * modules' names resolve to nothing, and so do those of its family's other packages ({@link packageFamily}:
 * autogen_agentchat's files call autogen_core's client interface); another framework's or an SDK's still do (crewAI's
 * watsonx embedder, autogen_ext's Semantic Kernel adapter). The folder must sit in a source layout
 * (`src/<pkg>/` or `<pkg>/<pkg>/`): a cookbook's folder named after the package (`claude_code_sdk/research_agent/agent.py`)
 * is a consumer, and so are `tests/`, `examples/`, `docs/` and `samples/` folders, at any depth below it. (A package folder
 * at the workspace root, `langroid/agent/x.py` in langroid's repository, is told apart by the analyser, which sees
 * whether the file's imports of the package resolve to workspace files: `clients.ts` `insideOwnPackage`.)
 */
export function ownPackageDirOf(path: string, lang: 'python' | 'js'): string | undefined {
  const dirs = path.split('/').slice(0, -1);
  for (let at = dirs.length - 1; at >= 0; at--) {
    const d = dirs[at] ?? '';
    if (!OWN_PACKAGES.has(`${lang}:${d}`)) continue;
    const parent = (dirs[at - 1] ?? '').replace(/-/g, '_');
    if (parent !== 'src' && parent !== d) continue;
    return inConsumerFolder(dirs.slice(at + 1)) ? undefined : d;
  }
  return undefined;
}
/** The folders of a framework's distribution that use it as a consumer would. */
export const NOT_PACKAGE_SOURCE = /^(tests?|examples?|docs?|samples?)$/;
/** Folders below a package folder: one of them a consumer's, at any depth (`browser_use/llm/tests/`)? */
export function inConsumerFolder(dirs: readonly string[]): boolean {
  return dirs.some((d) => NOT_PACKAGE_SOURCE.test(d));
}

/**
 * The family of a framework's top-level package: its name up to the first `_` (`autogen_core`, `autogen_ext` and
 * `autogen_agentchat` are autogen; `haystack_integrations` is haystack; `ibm_watsonx_ai` is not crewai).
 */
export function packageFamily(top: string): string {
  return top.split('_')[0] ?? top;
}

/** `createAndPoll` → `create_and_poll`, `adminAPIKeys` → `admin_api_keys`: how the Python SDKs name a JS method. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/**
 * A fallback's path as the file's language writes it: a Python SDK spells the catalogue's camelCase methods in
 * snake_case (`threads.runs.createAndPoll`: `threads.runs.create_and_poll`), as `memberOf` reads them. One spelling
 * for the fallback matcher (calls.ts) and the evidence test (evidence.ts).
 */
export function writtenFallbackPath(f: { readonly lang: string; readonly path: string }): string {
  return f.lang === 'python' ? f.path.split('.').map(snakeCase).join('.') : f.path;
}

/**
 * A type's members under every name a caller writes. The catalogue lists a method once, as the JS SDK spells it
 * (`chat.completions.createAndPoll`, `models.generateContent`); the Python SDKs of the same vendor name the same
 * resources in snake_case (`create_and_poll`, `generate_content`), so each camelCase key is also registered in
 * snake_case, and a type with `asyncSuffix` (mistralai: `complete_async`) also gets that variant of every site. A key
 * written explicitly always wins over a derived one.
 */
function membersOf(t: TypeSpec): ReadonlyMap<string, Member> {
  const out = new Map<string, Member>(Object.entries(t.members));
  for (const [k, m] of Object.entries(t.members)) {
    const snake = k.split('.').map(snakeCase).join('.');
    if (!out.has(snake)) out.set(snake, m);
  }
  if (t.asyncSuffix) {
    for (const [k, m] of [...out]) {
      if (m.kind !== 'site') continue;
      const alias = `${k}${t.asyncSuffix}`;
      if (!out.has(alias)) out.set(alias, m);
    }
  }
  return out;
}
const MEMBERS = new Map<string, ReadonlyMap<string, Member>>();

/** The member of a type under a written key (its own spelling, its snake_case twin, an async variant). */
export function memberOf(t: TypeSpec, key: string): Member | undefined {
  let m = MEMBERS.get(t.id);
  if (!m) MEMBERS.set(t.id, (m = membersOf(t)));
  return m.get(key);
}

const KEYS = new Map<string, ReadonlySet<string>>();

/** Every key {@link memberOf} answers for a type. */
export function memberKeys(t: TypeSpec): ReadonlySet<string> {
  let keys = KEYS.get(t.id);
  if (!keys) {
    let m = MEMBERS.get(t.id);
    if (!m) MEMBERS.set(t.id, (m = membersOf(t)));
    KEYS.set(t.id, (keys = new Set(m.keys())));
  }
  return keys;
}

let topModules: Set<string> | undefined;
let exportedNames: Set<string> | undefined;
/**
 * Names of the Python catalogue: `kind` 'module', the top-level package of a module (`openai`, `letta_client`,
 * `langchain_openai`); 'export', a name a module exports (`OpenAI`, `ChatAnthropic`, `completion`). Built on first use.
 */
export function catalogueName(id: string, kind: 'module' | 'export'): boolean {
  if (!topModules || !exportedNames) {
    topModules = new Set();
    exportedNames = new Set();
    for (const m of MODULES) {
      if (m.lang !== 'python') continue;
      topModules.add(m.name.split('.')[0] ?? m.name);
      for (const key of Object.keys(m.members)) exportedNames.add(key.split('.')[0] ?? key);
    }
  }
  return (kind === 'module' ? topModules : exportedNames).has(id);
}
