/**
 * The small builders the catalogue tables (sdks.ts, frameworks.ts, otherSdks.ts) are written with: they only assemble
 * data. One home, so every table spells an argument, a site or a constructor the same way.
 */
import type { Api } from '../../types';
import type { ArgRef, Member, NewSpec, PromptSpec, SiteSpec } from './types';

export const kw = (...names: string[]): ArgRef => ({ kw: names });
export const kwPos = (pos: number, ...names: string[]): ArgRef => ({ kw: names, pos });
export const site = (api: Api, model: ArgRef | undefined, prompt: PromptSpec, extra: Partial<SiteSpec> = {}): Member => ({
  kind: 'site',
  site: { api, model, prompt, ...extra },
});
export const make = (type: string, extra: Partial<NewSpec> = {}): Member => ({ kind: 'new', spec: { type, ...extra } });
export const same: Member = { kind: 'same' };
