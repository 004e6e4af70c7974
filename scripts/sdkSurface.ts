/**
 * The public surface of the SDKs the catalogue covers, derived from their type definitions with the TypeScript
 * compiler API (issue 25, "the catalogue is complete by construction").
 *
 * For each SDK of `SDK_SURFACES` (src/core/detect/catalog/surfaces.ts) the SDK is installed as a pinned dev
 * dependency; this module opens its `.d.ts` entry, and lists
 * - for a **root class** (`OpenAI`, `Anthropic`, `GoogleGenAI`, a chat session …): every public method reachable
 *   through properties whose type is a class of the same package (`chat.completions.create`, `beta.threads.runs.stream`);
 * - for **functions** (the AI SDK): every exported function;
 * - for **commands** (AWS SDK v3): every exported `…Command` class;
 * - for **providers** (AI SDK provider packages): every exported provider instance and `create…` factory.
 *
 * `classifySurface` then says, for each method, whether the catalogue has an entry for it (a site, a constructor, a
 * wrapper …) or the surface data says why it is not a model call. `test/unit/catalogueComplete.test.ts` fails on any
 * method with neither; `npx tsx scripts/sdkSurface.ts [package…] [--all]` prints the surfaces (with each method's
 * first documentation line) and what is missing, the starting point when an SDK is upgraded.
 *
 * Node-only (typescript, node:path); never bundled: src/ does not import it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { MODULES, TYPES } from '../src/core/detect/catalog/sdks';
import { SDK_SURFACES, SURFACE_COMMON, type SdkSurface } from '../src/core/detect/catalog/surfaces';
import { memberKeys } from '../src/core/detect/analyzer/catalogIndex';

export interface SurfaceMethod {
  /** The npm package. */
  readonly pkg: string;
  /** What the method hangs off: a root class export, `functions`, `commands` or `providers`. */
  readonly root: string;
  /** The catalogue type the root maps to (`openai`), or the module name for functions/providers. */
  readonly type: string;
  /** The member path as a JS caller writes it (`chat.completions.create`), the function or command name. */
  readonly path: string;
  /** The first line of its documentation comment, when it has one. */
  readonly doc: string;
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  noEmit: true,
  types: [],
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
};
/** How deep the walk follows resource properties (`admin.organization.projects.users.roles.create` is 6). */
const MAX_DEPTH = 8;

function firstDocLine(checker: ts.TypeChecker, sym: ts.Symbol): string {
  const text = ts.displayPartsToString(sym.getDocumentationComment(checker)).trim();
  return (text.split(/\n\s*\n|\.\s/)[0] ?? '').replace(/\s+/g, ' ').slice(0, 160);
}

function packageOf(fileName: string): string | undefined {
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(fileName.replace(/\\/g, '/'));
  return m?.[1];
}

/** Every public method reachable from an instance of `t` through properties typed by classes of `pkg`. */
function walkClass(checker: ts.TypeChecker, t: ts.Type, pkg: string, prefix: string[], seen: Set<ts.Type>, out: { path: string; doc: string }[]): void {
  if (prefix.length >= MAX_DEPTH) return;
  for (const prop of checker.getPropertiesOfType(t)) {
    const name = prop.name;
    if (name.startsWith('_') || name.startsWith('#') || name.startsWith('__@')) continue;
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (!decl) continue;
    if (ts.getCombinedModifierFlags(decl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    const pt = checker.getTypeOfSymbolAtLocation(prop, decl);
    const sym = pt.getSymbol();
    const isResource = !!sym && (sym.flags & ts.SymbolFlags.Class) !== 0 && packageOf(sym.declarations?.[0]?.getSourceFile().fileName ?? '') === pkg;
    if (isResource) {
      if (seen.has(pt)) continue;
      seen.add(pt);
      walkClass(checker, pt, pkg, [...prefix, name], seen, out);
      seen.delete(pt);
      continue;
    }
    if (pt.getCallSignatures().length > 0) out.push({ path: [...prefix, name].join('.'), doc: firstDocLine(checker, prop) });
  }
}

/** An exported function, or a constant holding one (`export const experimental_generateSpeech = …`). */
function isCallable(checker: ts.TypeChecker, sym: ts.Symbol): boolean {
  if (sym.flags & ts.SymbolFlags.Function) return true;
  if (!(sym.flags & ts.SymbolFlags.Variable)) return false;
  const decl = sym.valueDeclaration ?? sym.declarations?.[0];
  return !!decl && checker.getTypeOfSymbolAtLocation(sym, decl).getCallSignatures().length > 0;
}

function resolveEntry(specifier: string, host: ts.CompilerHost): string {
  const r = ts.resolveModuleName(specifier, path.join(process.cwd(), 'entry.ts'), OPTIONS, host).resolvedModule;
  if (!r) throw new Error(`cannot resolve the type definitions of "${specifier}" (is it installed? npm ci)`);
  return r.resolvedFileName;
}

function exportsOf(program: ts.Program, checker: ts.TypeChecker, file: string): Map<string, ts.Symbol> {
  const sf = program.getSourceFile(file);
  const mod = sf ? checker.getSymbolAtLocation(sf) : undefined;
  if (!mod) throw new Error(`no module symbol for ${file}`);
  return new Map(checker.getExportsOfModule(mod).map((s) => [s.name, s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s]));
}

/**
 * The entry points of a package with type definitions, as import specifiers (`@ai-sdk/google-vertex`,
 * `@ai-sdk/google-vertex/anthropic`): the keys of its package.json `exports`, read from the installed package.
 */
export function entryPoints(pkg: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { exports?: unknown };
  const exp = manifest.exports;
  if (!exp || typeof exp !== 'object') return [pkg];
  return Object.keys(exp)
    .filter((k) => k === '.' || (k.startsWith('./') && !k.includes('*') && k !== './package.json'))
    .map((k) => (k === '.' ? pkg : `${pkg}${k.slice(1)}`));
}

/** Derives the surfaces of the given SDKs (all of `SDK_SURFACES` by default) from their installed type definitions. */
export function deriveSurfaces(surfaces: readonly SdkSurface[] = SDK_SURFACES): SurfaceMethod[] {
  const host = ts.createCompilerHost(OPTIONS);
  const providerEntries = new Map(surfaces.filter((s) => s.providers).map((s) => [s.pkg, entryPoints(s.pkg)]));
  const specifiers = [...new Set(surfaces.flatMap((s) => [s.pkg, ...(s.roots ?? []).map((r) => r.module ?? s.pkg), ...(providerEntries.get(s.pkg) ?? [])]))];
  const files = new Map(specifiers.map((sp) => [sp, resolveEntry(sp, host)]));
  const program = ts.createProgram([...files.values()], OPTIONS, host);
  const checker = program.getTypeChecker();
  const out: SurfaceMethod[] = [];
  for (const s of surfaces) {
    for (const r of s.roots ?? []) {
      const exps = exportsOf(program, checker, files.get(r.module ?? s.pkg) ?? '');
      const sym = exps.get(r.export);
      if (!sym || !(sym.flags & ts.SymbolFlags.Class)) throw new Error(`${r.module ?? s.pkg} exports no class ${r.export}`);
      const t = checker.getDeclaredTypeOfSymbol(sym);
      const found: { path: string; doc: string }[] = [];
      walkClass(checker, t, s.pkg, [], new Set([t]), found);
      for (const f of found) out.push({ pkg: s.pkg, root: r.export, type: r.type, ...f });
    }
    const exps = s.functions || s.commands ? exportsOf(program, checker, files.get(s.pkg) ?? '') : new Map<string, ts.Symbol>();
    for (const [name, sym] of exps) {
      if (s.functions && isCallable(checker, sym)) out.push({ pkg: s.pkg, root: 'functions', type: s.functions, path: name, doc: firstDocLine(checker, sym) });
      if (s.commands && sym.flags & ts.SymbolFlags.Class && /^[A-Z]\w*Command$/.test(name)) out.push({ pkg: s.pkg, root: 'commands', type: s.commands, path: name, doc: firstDocLine(checker, sym) });
    }
    for (const entry of providerEntries.get(s.pkg) ?? []) {
      for (const [name, sym] of exportsOf(program, checker, files.get(entry) ?? '')) {
        if (!(sym.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable))) continue;
        const decl = sym.valueDeclaration ?? sym.declarations?.[0];
        const t = decl ? checker.getTypeOfSymbolAtLocation(sym, decl) : undefined;
        // A provider instance (`openai: OpenAIProvider`) or a factory returning one (`createOpenAI(…): OpenAIProvider`).
        const isProvider = (x: ts.Type | undefined): boolean => !!x && /Provider$/.test(x.aliasSymbol?.name ?? x.getSymbol()?.name ?? '');
        const sig = t?.getCallSignatures()[0];
        if (isProvider(t) || (sig && isProvider(checker.getReturnTypeOfSignature(sig)))) {
          out.push({ pkg: s.pkg, root: 'providers', type: entry, path: name, doc: firstDocLine(checker, sym) });
        }
      }
    }
  }
  return out;
}

export interface Classified extends SurfaceMethod {
  /** `catalogue`: the catalogue has an entry; `not-model`: the surface data says why it is not a model call; `missing`. */
  readonly status: 'catalogue' | 'not-model' | 'missing';
  /** The catalogue key or the not-model pattern that covers it, and the reason. */
  readonly by?: string;
  readonly reason?: string;
}

/** `a.b.c` exact, `a.b.*` anything under `a.b`, `*.list` that last segment anywhere, `*` anything. */
export function patternMatches(pattern: string, p: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return p === pattern.slice(2) || p.endsWith(pattern.slice(1));
  if (pattern.endsWith('.*')) return p.startsWith(pattern.slice(0, -1));
  return p === pattern;
}

/** Whether the catalogue has an entry for a derived method. */
function catalogueKey(m: SurfaceMethod): string | undefined {
  if (m.root === 'providers') {
    const mod = MODULES.find((x) => x.lang === 'js' && x.name === m.type);
    return mod && Object.hasOwn(mod.members, m.path) ? `${m.type}#${m.path}` : undefined;
  }
  if (m.root === 'functions') {
    const mod = MODULES.find((x) => x.lang === 'js' && x.name === m.pkg);
    if (mod && Object.hasOwn(mod.members, m.path)) return `${m.pkg}#${m.path}`;
  }
  if (m.root === 'commands') {
    const t = TYPES.find((x) => x.id === m.type);
    for (const member of Object.values(t?.members ?? {})) if (member.kind === 'site' && member.site.commands?.[m.path]) return `${m.type}.send(${m.path})`;
    return undefined;
  }
  const t = TYPES.find((x) => x.id === m.type);
  if (!t) return undefined;
  const optional = new Set(t.optionalSegments ?? []);
  const key = m.path.split('.').filter((x) => !optional.has(x)).join('.');
  return memberKeys(t).has(key) ? `${t.id}#${key}` : undefined;
}

export function classifySurface(methods: readonly SurfaceMethod[], surfaces: readonly SdkSurface[] = SDK_SURFACES): Classified[] {
  return methods.map((m) => {
    const key = catalogueKey(m);
    if (key) return { ...m, status: 'catalogue', by: key };
    const s = surfaces.find((x) => x.pkg === m.pkg);
    const own = Object.entries(s?.notModelCalls ?? {}).map(([k, v]) => [k, v] as const);
    const common = m.root === 'functions' || m.root === 'commands' || m.root === 'providers' ? [] : Object.entries(SURFACE_COMMON);
    for (const [pattern, reason] of [...own, ...common]) {
      const scoped = pattern.includes(':') ? pattern.split(':') : [undefined, pattern];
      if (scoped[0] !== undefined && scoped[0] !== m.root) continue;
      if (patternMatches(scoped[1] ?? '', m.path)) return { ...m, status: 'not-model', by: pattern, reason };
    }
    return { ...m, status: 'missing' };
  });
}

function main(argv: readonly string[]): void {
  const all = argv.includes('--all');
  const want = argv.filter((a) => !a.startsWith('--'));
  const surfaces = want.length ? SDK_SURFACES.filter((s) => want.includes(s.pkg)) : SDK_SURFACES;
  const started = Date.now();
  const classified = classifySurface(deriveSurfaces(surfaces), surfaces);
  for (const c of classified) {
    if (!all && c.status !== 'missing') continue;
    process.stdout.write(`${c.status.padEnd(9)} ${c.root === 'providers' ? c.type : c.pkg} ${c.root} ${c.path}${c.by ? `  [${c.by}]` : ''}${c.doc ? `  — ${c.doc}` : ''}\n`);
  }
  const n = (st: Classified['status']) => classified.filter((c) => c.status === st).length;
  process.stderr.write(`${classified.length} methods of ${surfaces.length} SDK(s) in ${Date.now() - started} ms: ${n('catalogue')} in the catalogue, ${n('not-model')} not model calls, ${n('missing')} missing\n`);
}

if (require.main === module) main(process.argv.slice(2));
