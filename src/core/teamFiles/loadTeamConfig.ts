import type * as z from 'zod';
import type { Settings } from '../config/settings';
import type { TeamConfig } from '../estimate/estimator';
import type { FileProvider } from '../fileProvider';
import type { RawPrices } from '../pricing/priceTypes';
import type { Api, Diagnostic, Provenance } from '../types';
import { importLiteLlm } from './litellm';
import { displayKey, fileDiagnostic, formatPath, parseStructured, teamSource, type ParsedFile } from './parseFile';
import { adjustmentSchema, policyFileSchema, priceBookSchema, priceModelSchema, USAGE_API_KEYS, usageFileSchema, usageMatchSchema, usageProfileSchema, usageSiteSchema, usageValuesSchema } from './schemas';
import type { CustomModel, ExchangeRate, PolicyBook, PolicyRule, PriceAdjustment, PriceBook, UsageBook, UsageCalibration, UsageRule, UsageValues } from './teamTypes';

/** Team files larger than this are not read (a diagnostic says so). */
export const MAX_TEAM_FILE_BYTES = 1024 * 1024;
/**
 * The limit for the LiteLLM map a price book imports (`litellm: path`) and for that map only (issue #19 item 9):
 * LiteLLM's model_prices_and_context_window.json is ~1.6 MB and grows; 8 MB leaves room without reading anything huge.
 */
export const MAX_LITELLM_FILE_BYTES = 8 * 1024 * 1024;

const mb = (n: number): string => `${n / 1024 / 1024} MB`;

/**
 * The code of a team file that is there but cannot be read: no permission, not a regular file (a FIFO, a device, a
 * folder), or a symbolic link that leads out of the workspace or nowhere. An error: the CLI exits 2 on it, since a
 * policy or price book that silently does not apply would let a build pass (issue 17).
 */
export const UNREADABLE_TEAM_FILE = 'unreadable-team-file';

/** Problems reported per team file before the rest are summed up in one line (a hostile file has no end of them). */
export const MAX_DIAGNOSTICS_PER_FILE = 50;

/** Unknown keys named per object before the rest are only counted. */
const MAX_UNKNOWN_NAMED = 5;

const EXTENSIONS = ['json', 'yaml', 'yml'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readTeamFile(files: FileProvider, path: string, code: string, diagnostics: Diagnostic[], maxBytes = MAX_TEAM_FILE_BYTES): Promise<ParsedFile | undefined> {
  const st = await files.stat(path);
  if (!st || st.type !== 'file') {
    // Missing is fine; there but unreadable is not (a policy that cannot be read must not turn the gate off).
    if (st) diagnostics.push(fileDiagnostic(UNREADABLE_TEAM_FILE, path, undefined, 'is a folder, not a file: not read', 'error'));
    else if (await files.exists?.(path)) diagnostics.push(fileDiagnostic(UNREADABLE_TEAM_FILE, path, undefined, 'exists but cannot be read: not a regular file (a FIFO or device), a symbolic link that leads out of the workspace or nowhere, or no permission', 'error'));
    return undefined;
  }
  if (st.size > maxBytes) {
    diagnostics.push(fileDiagnostic(code, path, undefined, `is ${Math.round(st.size / 1024)} KB, over the ${mb(maxBytes)} limit: not read`, 'error'));
    return undefined;
  }
  const text = await files.readText(path);
  if (text === undefined) {
    diagnostics.push(fileDiagnostic(UNREADABLE_TEAM_FILE, path, undefined, 'exists but could not be read (no permission, not a regular file, or a symbolic link that leads out of the workspace)', 'error'));
    return undefined;
  }
  if (text.length > maxBytes) {
    diagnostics.push(fileDiagnostic(code, path, undefined, `is over the ${mb(maxBytes)} limit: not read`, 'error'));
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
    diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(full), `${formatPath(full) || '(root)'}: ${issueMessage(issue)}; entry ignored, the rest applies`));
  }
  return undefined;
}

/** zod's message, except that unknown keys are named through displayKey and at most five of them. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const named = issue.keys.slice(0, MAX_UNKNOWN_NAMED).map(displayKey).join(', ');
  return `unknown field${issue.keys.length === 1 ? '' : 's'} ${named}${issue.keys.length > MAX_UNKNOWN_NAMED ? ` and ${issue.keys.length - MAX_UNKNOWN_NAMED} more` : ''}`;
}

/** Reports the unknown keys of one object: the first few by name (and line), the rest counted in one message. */
function unknownKeys(keys: readonly string[], allowed: readonly string[], file: ParsedFile, path: (string | number)[], code: string, diagnostics: Diagnostic[]): void {
  for (const k of keys.slice(0, MAX_UNKNOWN_NAMED)) {
    diagnostics.push(fileDiagnostic(code, file.path, file.lineAt([...path, k]), `${path.length ? `${formatPath(path)}: ` : ''}unknown field ${displayKey(k)} (allowed: ${allowed.join(', ')})`));
  }
  if (keys.length > MAX_UNKNOWN_NAMED) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt([...path, keys[MAX_UNKNOWN_NAMED]!]), `${path.length ? `${formatPath(path)}: ` : ''}${keys.length - MAX_UNKNOWN_NAMED} more unknown fields, ignored`));
}

/**
 * Validates an object field by field (issue 17: one bad field used to drop the whole block): each own key of `value`
 * that the schema knows and that passes is kept; a bad one is reported and left out; unknown keys are reported.
 * `fields` may give a key its own checker (a nested block validated field by field in turn). Undefined when `value`
 * is undefined or not an object (reported).
 */
function checkFields(shape: Readonly<Record<string, z.ZodType>>, value: unknown, file: ParsedFile, path: (string | number)[], code: string, diagnostics: Diagnostic[], fields: Readonly<Record<string, (v: unknown, p: (string | number)[]) => unknown>> = {}): Obj | undefined {
  if (value === undefined) return undefined;
  if (!isObj(value)) {
    diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(path), `${formatPath(path) || '(root)'}: expected an object; ignored`));
    return undefined;
  }
  const out: Obj = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const own = Object.hasOwn(fields, k) ? fields[k] : undefined;
    if (own) {
      const r = own(v, [...path, k]);
      if (r !== undefined) out[k] = r;
    } else if (Object.hasOwn(shape, k)) {
      const r = check(shape[k]!, v, file, [...path, k], code, diagnostics);
      if (r !== undefined) out[k] = r;
    } else unknown.push(k);
  }
  unknownKeys(unknown, Object.keys(shape), file, path, code, diagnostics);
  return out;
}

/** A map of named blocks (`profiles: { low: {...}, high: {...} }`), each block checked by `each`. */
function checkRecord(value: unknown, file: ParsedFile, path: (string | number)[], code: string, diagnostics: Diagnostic[], each: (v: unknown, p: (string | number)[]) => unknown): Obj | undefined {
  if (value === undefined) return undefined;
  if (!isObj(value)) {
    diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(path), `${formatPath(path)}: expected an object; ignored`));
    return undefined;
  }
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    const r = each(v, [...path, k]);
    if (r !== undefined) out[k] = r;
  }
  return out;
}

/** Caps each file's diagnostics at MAX_DIAGNOSTICS_PER_FILE, summing up the rest in one (same severity as the worst). */
function capPerFile(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, number>();
  const dropped = new Map<string, { n: number; worst: Diagnostic['severity']; code: string }>();
  const out: Diagnostic[] = [];
  const rank = { info: 0, warning: 1, error: 2 } as const;
  for (const d of diagnostics) {
    const key = d.file ?? '';
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (!d.file || n <= MAX_DIAGNOSTICS_PER_FILE) {
      out.push(d);
      continue;
    }
    const x = dropped.get(key) ?? { n: 0, worst: 'info' as Diagnostic['severity'], code: d.code };
    x.n++;
    if (rank[d.severity] > rank[x.worst]) x.worst = d.severity;
    dropped.set(key, x);
  }
  for (const [file, x] of dropped) out.push(fileDiagnostic(x.code, file, undefined, `${x.n} more problems not listed (only the first ${MAX_DIAGNOSTICS_PER_FILE} are)`, x.worst));
  return out;
}

/** Validates the top level field by field and arrays element by element, so one bad entry never drops the rest. */
function topLevel(file: ParsedFile, shape: Readonly<Record<string, z.ZodType>>, code: string, diagnostics: Diagnostic[]): Obj | undefined {
  if (!isObj(file.value)) {
    diagnostics.push(fileDiagnostic(code, file.path, 1, 'expected an object at the top level', 'error'));
    return undefined;
  }
  const out: Obj = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(file.value)) {
    // Own keys only: `constructor` or `toString` are not fields because every object inherits them.
    if (!Object.hasOwn(shape, k)) unknown.push(k);
    else out[k] = v;
  }
  unknownKeys(unknown, Object.keys(shape), file, [], code, diagnostics);
  return out;
}

/**
 * A price book's currency and exchange rate (issue #19 item 2): its own prices are in `currency` (USD when it names
 * none); `exchangeRate` (units of that currency per 1 USD) combines them with the bundled USD prices and must say where
 * and when it was read (`rateSource`, `rateDate`).
 */
function bookCurrencyOf(file: ParsedFile, top: Obj, src: (path: (string | number)[]) => Provenance, diagnostics: Diagnostic[]): { currency?: PriceBook['currency']; rates: Record<string, ExchangeRate>; bookCurrency: string } {
  const code = 'price-book';
  const cur = check(priceBookSchema.shape.currency, top['currency'], file, ['currency'], code, diagnostics);
  const rate = check(priceBookSchema.shape.exchangeRate, top['exchangeRate'], file, ['exchangeRate'], code, diagnostics);
  const rateSource = check(priceBookSchema.shape.rateSource, top['rateSource'], file, ['rateSource'], code, diagnostics);
  const rateDate = check(priceBookSchema.shape.rateDate, top['rateDate'], file, ['rateDate'], code, diagnostics);
  const bookCurrency = cur ?? 'USD';
  const rates: Record<string, ExchangeRate> = {};
  if (rate !== undefined && bookCurrency === 'USD') {
    diagnostics.push(fileDiagnostic('currency', file.path, file.lineAt(['exchangeRate']), "exchangeRate: the book's prices are in USD (it names no other currency), so the rate converts nothing; set currency to the code the rate is for", 'error'));
  } else if (rate !== undefined) {
    const missing = [rateSource === undefined ? 'rateSource' : '', rateDate === undefined ? 'rateDate' : ''].filter(Boolean);
    if (missing.length) diagnostics.push(fileDiagnostic('currency', file.path, file.lineAt(['exchangeRate']), `exchangeRate: say where and when the rate was read with ${missing.join(' and ')} (every figure in ${bookCurrency} depends on it)`, 'error'));
    const where = rateSource ? ` (${rateSource}${rateDate ? `, ${rateDate}` : ''})` : '';
    rates[bookCurrency] = { perUsd: rate, ...(rateSource !== undefined ? { rateSource } : {}), ...(rateDate !== undefined ? { rateDate } : {}), source: { ...src(['exchangeRate']), rule: `1 USD = ${rate} ${bookCurrency}${where}`, ...(rateDate ? { date: rateDate } : {}) } };
  }
  return { ...(cur ? { currency: { code: cur, source: src(['currency']) } } : {}), rates, bookCurrency };
}

function priceBookFrom(file: ParsedFile, files: FileProvider, fromSetting: boolean, diagnostics: Diagnostic[]): Promise<PriceBook> {
  return (async () => {
    const code = 'price-book';
    const top = topLevel(file, priceBookSchema.shape, code, diagnostics) ?? {};
    const src = (path: (string | number)[]): Provenance => teamSource(file, path, fromSetting);
    const models: CustomModel[] = [];
    const adjustments: PriceAdjustment[] = [];
    const batch: Record<string, number> = {};
    const { currency, rates, bookCurrency } = bookCurrencyOf(file, top, src, diagnostics);
    if (top['litellm'] !== undefined) {
      const l = top['litellm'];
      if (typeof l === 'string') {
        const lf = await readTeamFile(files, l, code, diagnostics, MAX_LITELLM_FILE_BYTES);
        if (!lf) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['litellm']), 'litellm: the file it names was not found or is not readable'));
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
          if (v) models.push({ id: v.id, ...(v.provider ? { provider: v.provider.toLowerCase() } : {}), aliases: v.aliases ?? [], prices: v.prices as RawPrices, ...(v.contextWindow ? { contextWindow: v.contextWindow } : {}), currency: bookCurrency, source: src(['models', i]) });
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
    const bd = check(priceBookSchema.shape.batchDiscounts, top['batchDiscounts'], file, ['batchDiscounts'], code, diagnostics);
    if (bd) Object.assign(batch, bd);
    check(priceBookSchema.shape.version, top['version'], file, ['version'], code, diagnostics);
    return { models, adjustments, ...(currency ? { currency } : {}), rates, batch, sources: [src([])] };
  })();
}

function mergeBooks(a: PriceBook | undefined, b: PriceBook): PriceBook {
  if (!a) return b;
  const currency = b.currency ?? a.currency;
  return { models: [...a.models, ...b.models], adjustments: [...a.adjustments, ...b.adjustments], ...(currency ? { currency } : {}), rates: { ...a.rates, ...b.rates }, batch: { ...a.batch, ...b.batch }, sources: [...a.sources, ...b.sources] };
}

const stripUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A usage file's values block (`callsPerDay`, `outputTokens`, …), field by field. */
function usageValuesFrom(file: ParsedFile, code: string, diagnostics: Diagnostic[]) {
  return (v: unknown, p: (string | number)[]) => checkFields(usageValuesSchema.shape, v, file, p, code, diagnostics);
}

/** `defaults:` per API kind, each kind field by field. */
function perApiFrom(file: ParsedFile, code: string, diagnostics: Diagnostic[]) {
  const values = usageValuesFrom(file, code, diagnostics);
  const shape = Object.fromEntries(USAGE_API_KEYS.map((k) => [k, usageValuesSchema]));
  return (v: unknown, p: (string | number)[]) => checkFields(shape, v, file, p, code, diagnostics, Object.fromEntries(USAGE_API_KEYS.map((k) => [k, values])));
}

function usageFrom(file: ParsedFile, diagnostics: Diagnostic[]): UsageBook {
  const code = 'usage-file';
  const top = topLevel(file, usageFileSchema.shape, code, diagnostics) ?? {};
  const source: Provenance = { source: 'team-file', label: file.path, file: file.path };
  // Field by field (issue 17): one bad value in `defaults.chat` no longer drops the whole block.
  const perApi = perApiFrom(file, code, diagnostics);
  const values = usageValuesFrom(file, code, diagnostics);
  const defaults = (perApi(top['defaults'], ['defaults']) ?? {}) as Partial<Record<Api, UsageValues>>;
  const profiles = (checkRecord(top['profiles'], file, ['profiles'], code, diagnostics, (v, p) => checkFields(usageProfileSchema.shape, v, file, p, code, diagnostics, { defaults: perApi })) ?? {}) as UsageBook['profiles'];
  const sites: UsageRule[] = [];
  if (top['sites'] !== undefined) {
    if (!Array.isArray(top['sites'])) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['sites']), 'sites: expected a list'));
    else
      top['sites'].forEach((s, i) => {
        // The match decides which sites the entry is for: without a valid one the entry is dropped. Its values are
        // kept field by field.
        const v = checkFields(usageSiteSchema.shape, s, file, ['sites', i], code, diagnostics, {
          match: (m, p) => check(usageMatchSchema, m, file, p, code, diagnostics),
          profiles: (m, p) => checkRecord(m, file, p, code, diagnostics, values),
        });
        if (!v) return;
        if (v['match'] === undefined) {
          if (s && typeof s === 'object' && !Object.hasOwn(s, 'match')) diagnostics.push(fileDiagnostic(code, file.path, file.lineAt(['sites', i]), `sites[${i}]: match is required; entry ignored, the rest applies`));
          return;
        }
        const { match, profiles: p, calibrated, ...rest } = v as { match: UsageRule['match']; profiles?: UsageRule['profiles']; calibrated?: UsageCalibration } & Obj;
        const line = file.lineAt(['sites', i]);
        sites.push({ match: stripUndefined(match), values: stripUndefined(rest) as UsageValues, profiles: p ?? {}, ...(calibrated ? { calibrated: stripUndefined(calibrated) } : {}), source: { ...source, ...(line ? { line } : {}) } });
      });
  }
  check(usageFileSchema.shape.version, top['version'], file, ['version'], code, diagnostics);
  return { defaults, profiles, sites, source };
}

function policyFrom(file: ParsedFile, diagnostics: Diagnostic[]): PolicyBook {
  const code = 'policy-file';
  const top = topLevel(file, policyFileSchema.shape, code, diagnostics) ?? {};
  // Budgets field by field; a rule is all or nothing (half a rule would check something else than what was written).
  const budgetShape = policyFileSchema.shape.budgets.unwrap().shape;
  const budgets = (checkFields(budgetShape, top['budgets'], file, ['budgets'], code, diagnostics) ?? {}) as PolicyBook['budgets'];
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
  const currency = check(policyFileSchema.shape.currency, top['currency'], file, ['currency'], code, diagnostics);
  return { ...(currency ? { currency } : {}), budgets, rules, ...(deprecated ? { deprecated } : {}), source: { source: 'team-file', label: file.path, file: file.path } };
}

/** The profiles a usage file defines, plus `expected` (the default, which needs no definition). */
export function usageProfiles(usage: UsageBook | undefined): string[] {
  return [...new Set(['expected', ...Object.keys(usage?.profiles ?? {})])];
}

/** An error when `tokentier.profile` / `--profile` names a profile the usage file does not define (its figures would silently be the default's). */
function unknownProfile(profile: string, usage: UsageBook | undefined): Diagnostic | undefined {
  const valid = usageProfiles(usage);
  if (valid.includes(profile)) return undefined;
  const where = usage?.source.file ?? '.tokentier/usage.yml';
  return { severity: 'error', code: 'profile', message: `profile "${profile}" is not defined${usage ? ` in ${where}` : ' (there is no .tokentier/usage.* file)'}; valid profiles: ${valid.join(', ')}. The expected figures apply.`, ...(usage?.source.file ? { file: usage.source.file } : {}) };
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
      else diagnostics.push({ severity: 'warning', code: 'price-book', message: `tokentier.priceBook: ${displayKey(setting)} not found or not readable` });
    } else if (setting) {
      const inline: ParsedFile = { path: 'tokentier.priceBook', value: setting, lineAt: () => undefined };
      priceBook = mergeBooks(priceBook, await priceBookFrom(inline, files, true, diagnostics));
    }
    const uf = await findTeamFile(files, 'usage', 'usage-file', diagnostics);
    const usage = uf ? usageFrom(uf, diagnostics) : undefined;
    const profileProblem = unknownProfile(settings.profile, usage);
    if (profileProblem) diagnostics.push(profileProblem);
    const polf = await findTeamFile(files, 'policy', 'policy-file', diagnostics);
    const policy = polf ? policyFrom(polf, diagnostics) : undefined;
    return { ...(priceBook ? { priceBook } : {}), ...(usage ? { usage } : {}), ...(policy ? { policy } : {}), diagnostics: capPerFile(diagnostics) };
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'internal-error', message: `Tokentier could not load the team files: ${String(e)}` });
    return { diagnostics };
  }
}
