/**
 * Where an import of a workspace file may live (the candidate paths the detector reads, in order), and how a package
 * root reached by a relative path reads when its package.json names a catalogue SDK. Pure: paths and text only.
 */
import type { Lang } from './syntax';
import { MODULE_BY_KEY } from './analyzer/catalogIndex';

export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export function joinPath(...parts: string[]): string {
  const out: string[] = [];
  for (const seg of parts.join('/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Candidate workspace paths for an import. */
export function candidatesFor(fromPath: string, module: string, level: number, lang: Lang): string[] {
  if (lang === 'python') {
    const rel = module.replace(/\./g, '/');
    const bases: string[] = [];
    if (level > 0) {
      let d = dirOf(fromPath);
      for (let i = 1; i < level; i++) d = dirOf(d);
      bases.push(d);
    } else {
      // Absolute imports: the file's own folder and its ancestors (covers `src/` layouts), then the root.
      let d = dirOf(fromPath);
      for (let i = 0; i < 6; i++) {
        bases.push(d);
        if (!d) break;
        d = dirOf(d);
      }
    }
    const out: string[] = [];
    for (const b of bases) {
      if (!rel) out.push(joinPath(b, '__init__.py'));
      else out.push(joinPath(b, `${rel}.py`), joinPath(b, rel, '__init__.py'));
    }
    return [...new Set(out)];
  }
  const alias = aliasBases(fromPath, module);
  if (alias) return [...new Set(alias.flatMap((b) => withExtensions(b)))];
  const base = joinPath(dirOf(fromPath), module);
  const stripped = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  // `from "../.."`: a package's own tests importing its root; the package.json names the package (packageRootText).
  const root = /^\.{1,2}(?:\/\.{1,2})*\/?$/.test(module) ? [joinPath(base, 'package.json')] : [];
  // `from "../src"` (or `../src/index`): the same tests importing the package's entry source; its package.json is
  // tried first (only a catalogue package's is read, packageRootText), else the source file itself.
  const src = /^\.{1,2}(?:\/\.{1,2})*\/src(?:\/index)?(?:\.[cm]?[jt]s)?$/.test(module);
  const entry = src ? [joinPath(dirOf(stripped.replace(/\/index(?:\.[cm]?ts)?$/, '')), 'package.json')] : [];
  return [...entry, base, ...JS_EXTENSIONS.map((e) => stripped + e), ...root];
}

const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '/index.ts', '/index.js', '/index.tsx'];

function withExtensions(base: string): string[] {
  const stripped = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  return [base, ...JS_EXTENSIONS.map((e) => stripped + e)];
}

/**
 * Where a path alias may point, in order: `@/x` and `~/x` (tsconfig `paths`, Next.js and Nuxt defaults) into the
 * importing file's nearest `src` folder, the root's `src` folder, or the root of the app the file is in (the folder
 * above its `app`, `pages`, `components` … folder; Next.js maps `@/*` to `./*` without a `src`); SvelteKit's `$lib/x`
 * into the nearest `src/lib`. Undefined for a specifier that is no alias.
 */
function aliasBases(fromPath: string, module: string): string[] | undefined {
  const parts = dirOf(fromPath).split('/').filter(Boolean);
  const src = parts.lastIndexOf('src');
  const nearestSrc = src >= 0 ? parts.slice(0, src + 1).join('/') : 'src';
  if (module.startsWith('$lib/')) return [joinPath(nearestSrc, 'lib', module.slice(5))];
  if (!module.startsWith('@/') && !module.startsWith('~/')) return undefined;
  const rest = module.slice(2);
  const app = parts.findIndex((p) => APP_FOLDERS.has(p));
  const appRoot = app >= 0 ? parts.slice(0, app).join('/') : '';
  return [...new Set([joinPath(nearestSrc, rest), joinPath('src', rest), joinPath(appRoot, rest)])];
}
const APP_FOLDERS = new Set(['app', 'pages', 'components', 'lib', 'hooks', 'utils', 'server', 'src']);

/**
 * A package root reached by a relative import (`import { GoogleGenerativeAI } from "../.."` in the SDK's own tests),
 * when its package.json names a catalogue package: read as a module that re-exports that package, so the importer's
 * names resolve as if it had imported the package by name. Undefined for any other package.json.
 */
export function packageRootText(text: string): string | undefined {
  let name: unknown;
  try {
    name = (JSON.parse(text) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
  const mod = typeof name === 'string' ? MODULE_BY_KEY.get(`js:${name}`) : undefined;
  if (!mod) return undefined;
  const spec = JSON.stringify(mod.name);
  const names = new Set(Object.keys(mod.members).map((k) => k.split('.')[0] ?? k).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k)));
  const named = names.size ? `import { ${[...names].join(', ')} } from ${spec};\nexport { ${[...names].join(', ')} };\n` : '';
  return `import * as tokentierPackage from ${spec};\nexport default tokentierPackage.default;\n${named}`;
}
