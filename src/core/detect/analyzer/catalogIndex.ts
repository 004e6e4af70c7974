/** Indexes over the SDK catalogue (src/core/detect/catalog/sdks.ts), built once: types by id, modules by language and name. */
import { AISDK_PROVIDERS, MODULES, TYPES } from '../catalog/sdks';
import type { ModuleSpec, TypeSpec } from '../catalog/types';

/** Client types by id; the AI SDK's provider factories get one type per provider (`aisdk-provider:openai`). */
export const TYPE_BY_ID = new Map<string, TypeSpec>(TYPES.map((t) => [t.id, t]));
for (const p of AISDK_PROVIDERS) {
  const base = TYPE_BY_ID.get('aisdk-provider');
  if (base) TYPE_BY_ID.set(`aisdk-provider:${p}`, { ...base, id: `aisdk-provider:${p}`, provider: p });
}
/** Catalogue modules by `<lang>:<name>`. */
export const MODULE_BY_KEY = new Map<string, ModuleSpec>(MODULES.map((m) => [`${m.lang}:${m.name}`, m]));
/** Every dotted prefix of a catalogue module name (`python:google` for `google.genai`): a module path being walked. */
export const MODULE_PREFIXES = new Set<string>();
for (const m of MODULES) {
  const parts = m.name.split('.');
  for (let i = 1; i < parts.length; i++) MODULE_PREFIXES.add(`${m.lang}:${parts.slice(0, i).join('.')}`);
}
