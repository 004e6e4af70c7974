import type * as z from 'zod';
import type { Settings } from '../config/settings';
import type { TeamConfig } from '../estimate/estimator';
import type { FileProvider } from '../fileProvider';
import type { RawPrices } from '../pricing/priceTypes';
import type { Api, Diagnostic, Provenance } from '../types';
import { importLiteLlm } from './litellm';
import { fileDiagnostic, formatPath, parseStructured, teamSource, type ParsedFile } from './parseFile';
import { adjustmentSchema, policyFileSchema, priceBookSchema, priceModelSchema, usageFileSchema, usageSiteSchema } from './schemas';
import type { CustomModel, PolicyBook, PolicyRule, PriceAdjustment, PriceBook, UsageBook, UsageRule, UsageValues } from './teamTypes';

/** Team files larger than this are not read (a diagnostic says so). */
export const MAX_TEAM_FILE_BYTES = 1024 * 1024;

const EXTENSIONS = ['json', 'yaml', 'yml'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readTeamFile(files: FileProvider, path: string, code: string, diagnostics: Diagnostic[]): Promise<ParsedFile | undefined> {
  const st = await files.stat(path);
  if (!st || st.type !== 'file') return undefined;
  if (st.size > MAX_TEAM_FILE_BYTES) {
    diagnostics.push(fileDiagnostic(code, path, undefined, `is ${Math.round(st.size / 1024)} KB, over the 1 MB limit: not read`, 'error'));
    return undefined;
  }
  const text = await files.readText(path);
  if (text === undefined) return undefined;
  if (text.length > MAX_TEAM_FILE_BYTES) {
    diagnostics.push(fileDiagnostic(code, path, undefined, 'is over the 1 MB limit: not read', 'error'));
    return undefined;
  }
  const r = parseStructured(text, path, code);
  diagnostics.push(...r.diagnostics);
  return r.file;
}

async function findTeamFile(files: FileProvider, base: string, code: string, diagnostics: Diagnostic[]): Promise<ParsedFile | undefined> {
  for (const ext of EXTENSIONS) {
    const f = await readTeamFile(files, `.tokentier/${base}.${ext}`, code, diagnostics);
    if (f) return f;
  }
  return undefined;
}

/** Validates `value` at `path`; reports each issue with file, line and field. */
function check<T>(schema: z.ZodType<T>, value: unknown, file: ParsedFile, path: (string | number)[], code: string, diagnostics: Diagnostic[]): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues.slice(0, 5)) {
    const full = [...path, ...(issue.path as (string | number)[])];
    diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(full), `${formatPath(full) || '(root)'}: ${issue.message}; entry ignored, the rest applies`));
  }
  return undefined;
}

/** Validates the top level field by field and arrays element by element, so one bad entry never drops the rest. */
function topLevel(file: ParsedFile, shape: Readonly<Record<string, z.ZodType>>, code: string, diagnostics: Diagnostic[]): Obj | undefined {
  if (!isObj(file.value)) {
    diagnostics.push(fileDiagnostic(code, file.path, 1, 'expected an object at the top level', 'error'));
    return undefined;
  }
  const out: Obj = {};
  for (const [k, v] of Object.entries(file.value)) {
    if (!(k in shape)) {
      diagnostics.push(fileDiagnostic(code, file.path, file.lineAt([k]), `unknown field "${k}" (allowed: ${Object.keys(shape).join(', ')})`));
      continue;
    }
    out[k] = v;
  }
  return out;
}

function priceBookFrom(file: ParsedFile, files: FileProvider, fromSetting: boolean, diagnostics: Diagnostic[]): Promise<PriceBook> {
  return (async () => {
    const code = 'price-book';
    const top = topLevel(file, priceBookSchema.shape, code, diagnostics) ?? {};
    const src = (path: (string | number)[]): Provenance => teamSource(file, path, fromSetting);
    const models: CustomModel[] = [];
    const adjustments: PriceAdjustment[] = [];
    const batch: Record<string, number> = {};
    let currency: PriceBook['currency'];
    if (top['litellm'] !== undefined) {
      const l = top['litellm'];
      if (typeof l === 'string') {
        const lf = await readTeamFile(files, l, code, diagnostics);
        if (!lf) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['litellm']), `litellm: ${l} not found or not readable`));
        else if (isObj(lf.value)) {
          const r = importLiteLlm(lf.value, lf.path, (k) => lf.lineAt([k]), { source: fromSetting ? 'settings' : 'team-file', label: `${lf.path} (LiteLLM format)`, file: lf.path });
          models.push(...r.models);
          diagnostics.push(...r.diagnostics);
        }
      } else if (isObj(l)) {
        const r = importLiteLlm(l, file.path, (k) => file.lineAt(['litellm', k]), { ...src(['litellm']), rule: 'LiteLLM format' });
        models.push(...r.models);
        diagnostics.push(...r.diagnostics);
      } else diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['litellm']), 'litellm: expected a path or an object'));
    }
    if (top['models'] !== undefined) {
      if (!Array.isArray(top['models'])) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['models']), 'models: expected a list'));
      else
        top['models'].forEach((m, i) => {
          const v = check(priceModelSchema, m, file, ['models', i], code, diagnostics);
          if (v) models.push({ id: v.id, ...(v.provider ? { provider: v.provider.toLowerCase() } : {}), aliases: v.aliases ?? [], prices: v.prices as RawPrices, ...(v.contextWindow ? { contextWindow: v.contextWindow } : {}), source: src(['models', i]) });
        });
    }
    if (top['adjustments'] !== undefined) {
      if (!Array.isArray(top['adjustments'])) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['adjustments']), 'adjustments: expected a list'));
      else
        top['adjustments'].forEach((a, i) => {
          const v = check(adjustmentSchema, a, file, ['adjustments', i], code, diagnostics);
          if (!v) return;
          const [kind, factor, text] =
            v.discount !== undefined ? (['discount', 1 - v.discount, `discount −${+(v.discount * 100).toFixed(2)} %`] as const)
            : v.markup !== undefined ? (['markup', 1 + v.markup, `markup +${+(v.markup * 100).toFixed(2)} %`] as const)
            : v.uplift !== undefined ? (['uplift', 1 + v.uplift, `regional uplift +${+(v.uplift * 100).toFixed(2)} %`] as const)
            : (['multiplier', v.multiplier!, `× ${v.multiplier}`] as const);
          const scope = [v.provider, v.model].filter(Boolean).join(' ') || 'all models';
          adjustments.push({ ...(v.provider ? { provider: v.provider } : {}), ...(v.model ? { model: v.model } : {}), factor, kind, label: `${text} (${scope}${v.reason ? `: ${v.reason}` : ''})`, source: src(['adjustments', i]) });
        });
    }
    const cur = check(priceBookSchema.shape.currency, top['currency'], file, ['currency'], code, diagnostics);
    const rate = check(priceBookSchema.shape.exchangeRate, top['exchangeRate'], file, ['exchangeRate'], code, diagnostics);
    if (cur && cur !== 'USD') {
      if (rate === undefined) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['currency']), `currency ${cur} needs exchangeRate (units of ${cur} per 1 USD); figures stay in USD`));
      else currency = { code: cur, perUsd: rate, source: { ...src(['exchangeRate']), rule: `1 USD = ${rate} ${cur}` } };
    }
    const bd = check(priceBookSchema.shape.batchDiscounts, top['batchDiscounts'], file, ['batchDiscounts'], code, diagnostics);
    if (bd) Object.assign(batch, bd);
    check(priceBookSchema.shape.version, top['version'], file, ['version'], code, diagnostics);
    return { models, adjustments, ...(currency ? { currency } : {}), batch, sources: [src([])] };
  })();
}

function mergeBooks(a: PriceBook | undefined, b: PriceBook): PriceBook {
  if (!a) return b;
  const currency = b.currency ?? a.currency;
  return { models: [...a.models, ...b.models], adjustments: [...a.adjustments, ...b.adjustments], ...(currency ? { currency } : {}), batch: { ...a.batch, ...b.batch }, sources: [...a.sources, ...b.sources] };
}

const stripUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function usageFrom(file: ParsedFile, diagnostics: Diagnostic[]): UsageBook {
  const code = 'usage-file';
  const top = topLevel(file, usageFileSchema.shape, code, diagnostics) ?? {};
  const source: Provenance = { source: 'team-file', label: file.path, file: file.path };
  const defaults = check(usageFileSchema.shape.defaults, top['defaults'], file, ['defaults'], code, diagnostics) ?? {};
  const profiles = check(usageFileSchema.shape.profiles, top['profiles'], file, ['profiles'], code, diagnostics) ?? {};
  const sites: UsageRule[] = [];
  if (top['sites'] !== undefined) {
    if (!Array.isArray(top['sites'])) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['sites']), 'sites: expected a list'));
    else
      top['sites'].forEach((s, i) => {
        const v = check(usageSiteSchema, s, file, ['sites', i], code, diagnostics);
        if (!v) return;
        const { match, profiles: p, ...values } = v;
        const line = file.lineAt(['sites', i]);
        sites.push({ match: stripUndefined(match), values: stripUndefined(values) as UsageValues, profiles: p ?? {}, source: { ...source, ...(line ? { line } : {}) } });
      });
  }
  check(usageFileSchema.shape.version, top['version'], file, ['version'], code, diagnostics);
  return { defaults: defaults as Partial<Record<Api, UsageValues>>, profiles, sites, source };
}

function policyFrom(file: ParsedFile, diagnostics: Diagnostic[]): PolicyBook {
  const code = 'policy-file';
  const top = topLevel(file, policyFileSchema.shape, code, diagnostics) ?? {};
  const budgets = check(policyFileSchema.shape.budgets, top['budgets'], file, ['budgets'], code, diagnostics) ?? {};
  const rules: PolicyRule[] = [];
  const ruleSchema = policyFileSchema.shape.rules.unwrap().element;
  if (top['rules'] !== undefined) {
    if (!Array.isArray(top['rules'])) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['rules']), 'rules: expected a list'));
    else
      top['rules'].forEach((r, i) => {
        const v = check(ruleSchema, r, file, ['rules', i], code, diagnostics);
        const line = file.lineAt(['rules', i]);
        if (v) rules.push(stripUndefined({ ...v, severity: v.severity ?? 'warning', ...(line ? { line } : {}) }) as PolicyRule);
      });
  }
  const before = diagnostics.length;
  const dep = top['deprecated'] !== undefined ? check(policyFileSchema.shape.deprecated, top['deprecated'], file, ['deprecated'], code, diagnostics) : undefined;
  // A typo in the gate's own settings must not turn it off: it is an input error (the CLI exits 2), not a skipped entry.
  for (let i = before; i < diagnostics.length; i++) diagnostics[i] = { ...diagnostics[i]!, severity: 'error', message: diagnostics[i]!.message.replace('entry ignored, the rest applies', 'fix the deprecated rule') };
  const depLine = file.lineAt(['deprecated']);
  const deprecated = dep ? stripUndefined({ severity: dep.severity ?? 'warning', withinDays: dep.withinDays, ...(depLine ? { line: depLine } : {}) }) as PolicyBook['deprecated'] : undefined;
  return { budgets, rules, ...(deprecated ? { deprecated } : {}), source: { source: 'team-file', label: file.path, file: file.path } };
}

/**
 * Reads `.tokentier/prices|usage|policy.{json,yaml,yml}` and the `priceBook` setting. Merge order for prices:
 * bundled < `.tokentier/prices.*` < `tokentier.priceBook` (models: later wins per id; adjustments: all apply in
 * order; currency and batch discounts: later wins). Never throws; a restricted (untrusted) workspace reads
 * nothing and says so.
 */
export async function loadTeamConfig(files: FileProvider, settings: Settings, opts: { readonly trusted: boolean }): Promise<TeamConfig> {
  const diagnostics: Diagnostic[] = [];
  if (!opts.trusted) {
    diagnostics.push({ severity: 'info', code: 'untrusted-workspace', message: 'Restricted Mode: the .tokentier/ price book, usage file and policy and the tokentier.priceBook setting are not read; built-in prices and defaults apply.' });
    return { diagnostics };
  }
  try {
    let priceBook: PriceBook | undefined;
    const pf = await findTeamFile(files, 'prices', 'price-book', diagnostics);
    if (pf) priceBook = await priceBookFrom(pf, files, false, diagnostics);
    const setting = settings.priceBook;
    if (typeof setting === 'string') {
      const sf = await readTeamFile(files, setting, 'price-book', diagnostics);
      if (sf) priceBook = mergeBooks(priceBook, await priceBookFrom(sf, files, true, diagnostics));
      else diagnostics.push({ severity: 'warning', code: 'price-book', message: `tokentier.priceBook: ${setting} not found or not readable` });
    } else if (setting) {
      const inline: ParsedFile = { path: 'tokentier.priceBook', value: setting, lineAt: () => undefined };
      priceBook = mergeBooks(priceBook, await priceBookFrom(inline, files, true, diagnostics));
    }
    const uf = await findTeamFile(files, 'usage', 'usage-file', diagnostics);
    const usage = uf ? usageFrom(uf, diagnostics) : undefined;
    const polf = await findTeamFile(files, 'policy', 'policy-file', diagnostics);
    const policy = polf ? policyFrom(polf, diagnostics) : undefined;
    return { ...(priceBook ? { priceBook } : {}), ...(usage ? { usage } : {}), ...(policy ? { policy } : {}), diagnostics };
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'internal-error', message: `Tokentier could not load the team files: ${String(e)}` });
    return { diagnostics };
  }
}
