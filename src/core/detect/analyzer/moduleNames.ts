/**
 * Module names: which catalogue module an import names, however the import is written.
 *
 * JS/TS: a package is reached through many specifiers besides its bare name — a runtime prefix (`npm:openai@4`,
 * `jsr:@openai/openai`), a CDN or Deno URL (`https://esm.sh/@google/genai@1.4.0`, `https://cdn.jsdelivr.net/npm/openai@4/+esm`,
 * `https://deno.land/x/openai@v4.24.0/mod.ts`), a version, a query, and a sub-path (`openai/index`, `openai/resources/…`,
 * `@anthropic-ai/sdk/index.mjs`). Python: a private or inner module (`from ollama._client import Client`,
 * `from openai.lib.azure import AzureOpenAI`, `from mistralai.client import Mistral`) whose classes the package re-exports.
 *
 * Pure: data lookups only (catalogIndex.ts), no syntax tree.
 */
import { JS_PACKAGE_ALIASES } from '../catalog/sdks';
import { MODULE_BY_KEY, MODULE_PREFIXES } from './catalogIndex';

/** URL path segments that come before the package name on CDNs and registries (`/npm/`, `/x/`, esm.sh's `/v135/`). */
const URL_PREFIX_SEGMENT = /^(?:npm|x|v\d+|stable|pin|gh|esm|cdn)$/;

/** A package specifier split into its package name and sub-path: `@scope/name@1.2/sub` → `@scope/name`, `sub`. */
export function splitSpecifier(specifier: string): { pkg: string; subpath: string } | undefined {
  let s = specifier.trim().replace(/[?#].*$/, '');
  if (/^https?:\/\//i.test(s)) {
    const segments = s.replace(/^https?:\/\/[^/]+\/?/i, '').split('/').filter((x) => x !== '');
    while (segments.length && URL_PREFIX_SEGMENT.test(segments[0] ?? '')) segments.shift();
    // `ga.jspm.io/npm:openai@4.0.0/index.js`
    if (segments[0]?.startsWith('npm:')) segments[0] = segments[0].slice(4);
    s = segments.join('/');
  } else {
    s = s.replace(/^(?:npm|jsr):/i, '');
  }
  if (s === '' || s.startsWith('.') || s.startsWith('/')) return undefined;
  const parts = s.split('/');
  const scoped = parts[0]?.startsWith('@') === true;
  const nameParts = parts.slice(0, scoped ? 2 : 1);
  if (nameParts.length < (scoped ? 2 : 1)) return undefined;
  // The version follows the name: `openai@4`, `@google/genai@1.4.0`, Deno's `openai@v4.24.0`.
  const last = nameParts.length - 1;
  nameParts[last] = (nameParts[last] ?? '').replace(/@[^/]*$/, '');
  const pkg = nameParts.join('/');
  return { pkg: JS_PACKAGE_ALIASES[pkg] ?? pkg, subpath: parts.slice(nameParts.length).join('/') };
}

/** A sub-path that is the package's own entry point (its default export is the package's). */
const ENTRY_SUBPATH = /^(?:(?:src|dist|esm|lib|cjs|mjs)\/)*(?:(?:index|mod|main)(?:\.[cm]?[jt]s)?|\+esm)?$/;

function hasMember(lang: 'python' | 'js', module: string, member: string): boolean {
  const mod = MODULE_BY_KEY.get(`${lang}:${module}`);
  if (!mod) return false;
  return Object.keys(mod.members).some((k) => k === member || k.startsWith(`${member}.`)) || (lang === 'js' && member === 'default' && mod.callable !== undefined);
}

/**
 * The catalogue module (and member) an import names, or undefined when it names none. `member` is the imported name
 * (`default` for a JS default import), undefined for a whole-module import.
 */
export function catalogueImport(lang: 'python' | 'js', module: string, member: string | undefined): { module: string; member: string | undefined } | undefined {
  const known = (m: string): boolean => MODULE_BY_KEY.has(`${lang}:${m}`) || MODULE_PREFIXES.has(`${lang}:${m}`);
  if (lang === 'js') {
    if (known(module)) return { module, member };
    const split = splitSpecifier(module);
    if (!split) return undefined;
    // The longest catalogue module the specifier's package and sub-path start with (`@ai-sdk/google-vertex/anthropic`).
    const segments = split.subpath === '' ? [] : split.subpath.split('/');
    for (let i = segments.length; i >= 0; i--) {
      const name = [split.pkg, ...segments.slice(0, i)].join('/');
      if (!MODULE_BY_KEY.has(`js:${name}`)) continue;
      const rest = segments.slice(i).join('/');
      if (rest === '') return { module: name, member };
      // A deeper file of the package: its named exports are the package's (`import { OpenAI } from 'openai/client'`),
      // its default export only when the file is the entry point (`openai/index.mjs`).
      if (member === undefined) return ENTRY_SUBPATH.test(rest) ? { module: name, member } : undefined;
      if (member === 'default' && !ENTRY_SUBPATH.test(rest)) return undefined;
      return hasMember('js', name, member) ? { module: name, member } : undefined;
    }
    return undefined;
  }
  // Python: the module itself when it exports the member; else the nearest enclosing catalogue module that does (the
  // package re-exports what its inner modules define).
  if (member === undefined) return known(module) ? { module, member } : undefined;
  if (known(module) && (hasMember('python', module, member) || known(`${module}.${member}`))) return { module, member };
  const parts = module.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const name = parts.slice(0, i).join('.');
    if (hasMember('python', name, member)) return { module: name, member };
  }
  return known(module) ? { module, member } : undefined;
}
