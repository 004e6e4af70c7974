/**
 * The workspace imports of a file and the paths they may name (one hop across workspace files, read by
 * detector.ts): Python relative and absolute imports (`src/` layouts), JS relative and `@/`/`~/` specifiers; a
 * project module that re-exports a client is read first. Where each may live: neighbourPaths.ts `candidatesFor`.
 */
import { MODULES } from './catalog/sdks';
import type { Prepared } from './prepare';

export function foreignKey(module: string, level: number): string {
  return `${level}:${module}`;
}

const PY_IMPORT_RE = /^[\uFEFF \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import\b|^[\uFEFF \t]*import[ \t]+([\w.]+)/gm;
const JS_IMPORT_RE = /\bfrom\s*['"]((?:\.|@\/|~\/|\$lib\/)[^'"]*)['"]|\brequire\(\s*['"](\.[^'"]*)['"]\s*\)/g;

/** The workspace imports of a file (what {@link candidatesFor} resolves), in order, without repeats. */
export function importsOf(prepared: Prepared): { module: string; level: number }[] {
  const wanted: { module: string; level: number; first: boolean }[] = [];
  const seen = new Set<string>();
  const re = prepared.lang === 'python' ? PY_IMPORT_RE : JS_IMPORT_RE;
  re.lastIndex = 0;
  for (let m = re.exec(prepared.text); m; m = re.exec(prepared.text)) {
    let w: { module: string; level: number };
    if (prepared.lang === 'python') {
      const dots = m[1] ?? '';
      const mod = m[2] ?? m[3] ?? '';
      if (!dots && (!mod || isKnownPackage(mod))) continue;
      w = { module: mod, level: dots.length };
    } else {
      const mod = m[1] ?? m[2] ?? '';
      if (!mod) continue;
      w = { module: mod, level: 1 };
    }
    const key = foreignKey(w.module, w.level);
    if (seen.has(key)) continue;
    seen.add(key);
    // Only 8 neighbours are read: a project module that re-exports a client (`from onyx.llm.litellm_singleton import
    // litellm`, `from app.llm import client`) goes before the project's other imports, wherever it is in the file.
    const eol = prepared.text.indexOf('\n', m.index);
    const line = prepared.text.slice(prepared.text.lastIndexOf('\n', m.index) + 1, eol < 0 ? undefined : eol);
    const names = prepared.lang === 'python' ? line.slice(Math.max(0, line.search(/\bimport\b/) + 6)) : line.replace(/from\s*['"][^'"]*['"]/, '');
    wanted.push({ ...w, first: CLIENTISH_IMPORT.test(names) });
  }
  return [...wanted.filter((w) => w.first), ...wanted.filter((w) => !w.first)].map(({ module, level }) => ({ module, level }));
}
/**
 * Python packages a project's own module often shadows (`ModuleSpec.workspaceFirst`: the OpenAI Agents SDK's `agents`,
 * `mem0` in mem0's repository): a workspace file an import of one resolves to is read as a module of that package,
 * so its own imports of the package are its package's files, not the catalogue's (AnalyzerOptions.importedAs).
 */
const WORKSPACE_FIRST_TOPS: ReadonlySet<string> = new Set(MODULES.filter((m) => m.lang === 'python' && m.workspaceFirst).map((m) => m.name.split('.')[0] ?? m.name));
export function shadowsPackage(module: string): boolean {
  return WORKSPACE_FIRST_TOPS.has(module.split('.')[0] ?? module);
}

/** Imported names that are clients or LLM wrappers (catalogue module names, `…client`, `…llm…`). */
const CLIENTISH_IMPORT = new RegExp(`\\b(?:${[...new Set(MODULES.map((m) => m.name.split(/[./]/)[0] ?? m.name).filter((n) => /^[A-Za-z_]\w*$/.test(n)))].join('|')})\\b|client|llm`, 'i');

/** Imports of well-known third-party packages are never looked up in the workspace. */
function isKnownPackage(mod: string): boolean {
  const top = mod.split('.')[0] ?? mod;
  return /^(os|sys|re|json|typing|asyncio|openai|anthropic|google|boto3|botocore|langchain.*|llama_index|litellm|mistralai|cohere|groq|together|fireworks|ollama|huggingface_hub|transformers|torch|numpy|pandas|requests|httpx|aiohttp|dotenv|pydantic|fastapi|flask|django|vertexai|collections|dataclasses|functools|itertools|pathlib|logging|time|datetime|random|math|abc|enum|uuid|base64|hashlib|subprocess|tiktoken|streamlit|gradio|typing_extensions|contextlib|concurrent|threading|textwrap|urllib|io|csv|argparse|tqdm|unittest|pytest)$/.test(top);
}
