/**
 * Indexes over one language's catalogue (catalog/<lang>.ts): how each type is made, which names declare it, which
 * member paths are sites, and which paths lead to one (so that a receiver chain is followed only while it can still
 * end in a site).
 */
import type { LanguageCatalogue, LanguageSdk, MakeSpec, OtherLanguage, SiteSpec, TypeSpec } from './types';

export interface MakeEntry {
  readonly type: TypeSpec;
  readonly make: MakeSpec;
  readonly sdk: LanguageSdk;
}

export interface CatalogueIndex {
  readonly language: OtherLanguage;
  readonly sdks: readonly LanguageSdk[];
  readonly typeById: ReadonlyMap<string, TypeSpec>;
  readonly sdkOfType: ReadonlyMap<string, LanguageSdk>;
  readonly byFn: ReadonlyMap<string, readonly MakeEntry[]>;
  readonly byNew: ReadonlyMap<string, readonly MakeEntry[]>;
  readonly byBuilder: ReadonlyMap<string, readonly MakeEntry[]>;
  /** Methods that make a type on an unresolved receiver. */
  readonly byAnyReceiver: ReadonlyMap<string, readonly MakeEntry[]>;
  /** Classes used statically as an instance (a Laravel facade). */
  readonly byStatic: ReadonlyMap<string, readonly MakeEntry[]>;
  /** `typeId` → member paths (joined by `\u0000`) that make another type. */
  readonly byFrom: ReadonlyMap<string, ReadonlyMap<string, readonly MakeEntry[]>>;
  readonly typeByName: ReadonlyMap<string, TypeSpec>;
  readonly sitesOfType: ReadonlyMap<string, readonly SiteSpec[]>;
  readonly sitesOfFn: ReadonlyMap<string, readonly SiteSpec[]>;
  /** `typeId` → every proper prefix of a site or `from` path (joined by `\u0000`). */
  readonly prefixes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every fully-qualified name the catalogue knows, and each of its namespace prefixes. */
  readonly known: ReadonlySet<string>;
  /** Simple (last) name → fully-qualified names, for names no import resolves. */
  readonly bySimpleName: ReadonlyMap<string, readonly string[]>;
  readonly identity: ReadonlySet<string>;
  /** Go: module path → package name. */
  readonly goPackages: ReadonlyMap<string, string>;
  readonly modelParams: ReadonlyMap<string, number>;
}

export const PATH_SEP = '\u0000';

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** The namespace prefixes of a fully-qualified name (`a.b.C` → `a`, `a.b`), split on any of the languages' separators. */
function prefixesOf(fqn: string): string[] {
  const out: string[] = [];
  const re = /::|[.\\/]/g;
  for (let m = re.exec(fqn); m; m = re.exec(fqn)) out.push(fqn.slice(0, m.index));
  return out;
}

function lastName(fqn: string): string {
  const parts = fqn.split(/::|[.\\/]/);
  return parts[parts.length - 1] ?? fqn;
}

function addKnown(known: Set<string>, simple: Map<string, string[]>, fqn: string): void {
  if (known.has(fqn)) return;
  known.add(fqn);
  for (const p of prefixesOf(fqn)) known.add(p);
  const s = lastName(fqn);
  const l = simple.get(s);
  if (!l) simple.set(s, [fqn]);
  else if (!l.includes(fqn)) l.push(fqn);
}

/** The class part of a static-method name (`a.b.C.builder` → `a.b.C`). */
function classOfStatic(fn: string): string {
  const i = fn.lastIndexOf('.');
  return i > 0 ? fn.slice(0, i) : fn;
}

export function buildIndex(cat: LanguageCatalogue): CatalogueIndex {
  const typeById = new Map<string, TypeSpec>();
  const sdkOfType = new Map<string, LanguageSdk>();
  const byFn = new Map<string, MakeEntry[]>();
  const byNew = new Map<string, MakeEntry[]>();
  const byBuilder = new Map<string, MakeEntry[]>();
  const byStatic = new Map<string, MakeEntry[]>();
  const byAnyReceiver = new Map<string, MakeEntry[]>();
  const byFrom = new Map<string, Map<string, MakeEntry[]>>();
  const typeByName = new Map<string, TypeSpec>();
  const sitesOfType = new Map<string, SiteSpec[]>();
  const sitesOfFn = new Map<string, SiteSpec[]>();
  const prefixes = new Map<string, Set<string>>();
  const known = new Set<string>();
  const bySimpleName = new Map<string, string[]>();
  const identity = new Set<string>();
  const goPackages = new Map<string, string>();
  const modelParams = new Map<string, number>();
  const addPrefixes = (typeId: string, path: readonly string[]): void => {
    let s = prefixes.get(typeId);
    if (!s) prefixes.set(typeId, (s = new Set()));
    for (let i = 0; i < path.length; i++) s.add(path.slice(0, i).join(PATH_SEP));
  };
  const indexMake = (e: MakeEntry): void => {
    const make = e.make;
    for (const [name, into] of [[make.fn, byFn], [make.newOf, byNew], [make.builder, byBuilder], [make.staticOf, byStatic]] as const) {
      if (!name) continue;
      push(into, name, e);
      addKnown(known, bySimpleName, name);
    }
    if (make.anyReceiver) push(byAnyReceiver, make.anyReceiver, e);
    if (make.from) {
      let m = byFrom.get(make.from.type);
      if (!m) byFrom.set(make.from.type, (m = new Map()));
      push(m, make.from.path.join(PATH_SEP), e);
      addPrefixes(make.from.type, make.from.path);
    }
  };
  for (const sdk of cat.sdks) {
    for (const [m, n] of Object.entries(sdk.goPackages ?? {})) goPackages.set(m, n);
    for (const [c, pos] of Object.entries(sdk.modelParams ?? {})) {
      modelParams.set(c, pos);
      addKnown(known, bySimpleName, c);
    }
    for (const t of sdk.types) {
      typeById.set(t.id, t);
      sdkOfType.set(t.id, sdk);
      for (const n of t.names ?? []) {
        typeByName.set(n, t);
        addKnown(known, bySimpleName, n);
      }
    }
    for (const t of sdk.types) for (const make of t.make ?? []) indexMake({ type: t, make, sdk });
    for (const s of sdk.sites) {
      if (s.type && s.path) {
        push(sitesOfType, s.type, s);
        addPrefixes(s.type, s.path);
      }
      if (s.fn) {
        push(sitesOfFn, s.fn, s);
        addKnown(known, bySimpleName, s.fn);
      }
    }
    for (const i of sdk.identity ?? []) {
      identity.add(i);
      addKnown(known, bySimpleName, classOfStatic(i));
    }
  }
  return { language: cat.language, sdks: cat.sdks, typeById, sdkOfType, byFn, byNew, byBuilder, byStatic, byAnyReceiver, byFrom, typeByName, sitesOfType, sitesOfFn, prefixes, known, bySimpleName, identity, goPackages, modelParams };
}
