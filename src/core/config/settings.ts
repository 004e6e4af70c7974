import '../zodJitless';
import * as z from 'zod';
import { MAX_GLOB_LENGTH } from '../glob';
import { API_KINDS } from '../types';

/**
 * The run-time truth for every `tokentier.*` setting. `scripts/genConfig.mjs` generates
 * `package.json › contributes.configuration` from this schema, so descriptions, defaults and scopes live here.
 * Every field has a `.catch()`: one bad value falls back to its default without rejecting the others,
 * and `parseSettings` reports which paths fell back.
 */

const scope = (s: 'application' | 'machine' | 'window' | 'resource' | 'machine-overridable' | 'language-overridable') => ({ scope: s });

/** Calls per day assumed for a site of each API kind when nothing else says. */
const defaultCallsPerDay = z
  .object({
    chat: z.number().min(0).default(1000),
    completion: z.number().min(0).default(1000),
    responses: z.number().min(0).default(1000),
    messages: z.number().min(0).default(1000),
    generate: z.number().min(0).default(1000),
    embeddings: z.number().min(0).default(10000),
    images: z.number().min(0).default(100),
    audio: z.number().min(0).default(100),
    rerank: z.number().min(0).default(1000),
    other: z.number().min(0).default(100),
  })
  .partial()
  .default({});

export const settingsSchema = z.object({
  display: z
    .enum(['codeLens', 'inlay', 'both', 'off'])
    .default('codeLens')
    .describe('Where cost hints appear: a CodeLens above each call, an inlay hint after it, both, or neither.')
    .meta(scope('window')),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .describe('ISO 4217 currency for every figure. Unset: the price book\'s currency, else USD. Another currency needs its rate per 1 USD: the price book\'s `exchangeRate` when the book is in that currency, else `tokentier.exchangeRate`. Without a rate Tokentier reports an error and never relabels figures.')
    .meta(scope('resource')),
  exchangeRate: z
    .number()
    .positive()
    .max(1e9)
    .optional()
    .describe('Units of `tokentier.currency` per 1 USD, for a currency the price book gives no rate for (`tokentier scan --exchange-rate`). Say where it comes from in `tokentier.exchangeRateSource`.')
    .meta(scope('resource')),
  exchangeRateSource: z
    .string()
    .max(200)
    .optional()
    .describe('Where and when `tokentier.exchangeRate` was read (e.g. "ECB reference rate 2026-12-01"); shown next to every converted figure.')
    .meta(scope('resource')),
  profile: z
    .string()
    .min(1)
    .default('expected')
    .describe('Usage profile from `.tokentier/usage.*` to apply (for example `low`, `expected`, `high`).')
    .meta(scope('resource')),
  'usage.callsPerDay': defaultCallsPerDay
    .describe('Calls per day assumed for a call site of each API kind when no annotation or usage file says otherwise.')
    .meta(scope('resource')),
  'usage.outputTokens': z
    .partialRecord(z.enum(API_KINDS), z.number().int().min(0))
    .default({})
    .describe('Expected output tokens per call for each API kind when no annotation or usage file says otherwise (defaults: 300 for text generation and `other` model calls, 0 for embeddings, reranking, images and audio). The `max_tokens` value in code still caps it.')
    .meta(scope('resource')),
  'usage.cacheHitRate': z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('Share of input tokens assumed to be prompt-cache reads when nothing else says (0–1).')
    .meta(scope('resource')),
  'usage.daysPerMonth': z
    .number()
    .min(1)
    .max(31)
    .default(30)
    .describe('Days in a month for monthly figures.')
    .meta(scope('resource')),
  'usage.loopFanOut': z
    .number()
    .min(1)
    .default(10)
    .describe('Iterations assumed for a loop, map or gather around a call when the code shows no bound.')
    .meta(scope('resource')),
  priceBook: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .optional()
    .describe('A price book: a path (relative to the workspace folder) to a JSON/YAML price book, or an inline price-book object. Merged over `.tokentier/prices.*`.')
    .meta(scope('resource')),
  'budget.perCall': z
    .number()
    .min(0)
    .optional()
    .describe('Warn when a call site\'s expected cost per call exceeds this amount (in the report currency).')
    .meta(scope('resource')),
  'budget.perMonth': z
    .number()
    .min(0)
    .optional()
    .describe('Warn when a call site\'s expected monthly cost exceeds this amount (in the report currency).')
    .meta(scope('resource')),
  'diagnostics.enabled': z
    .boolean()
    .default(false)
    .describe('Show cost diagnostics (budgets, unknown or deprecated models, calls in unbounded loops) in the Problems panel. Errors in price books and usage files are always shown.')
    .meta(scope('resource')),
  'diagnostics.cheaperModels': z
    .boolean()
    .default(false)
    .describe('Show an information diagnostic, with a quick fix, where a cheaper model of the same provider fits every feature the call uses and saves at least 10 % of its monthly cost. The hover always shows the best alternative, with this setting on or off.')
    .meta(scope('resource')),
  include: z
    .array(z.string().max(MAX_GLOB_LENGTH))
    .default([])
    .describe('Glob patterns of files to scan (empty: every supported file).')
    .meta(scope('resource')),
  exclude: z
    .array(z.string().max(MAX_GLOB_LENGTH))
    .default([])
    .describe('Glob patterns of files to skip, on top of `files.exclude`, `.gitignore` and the default folders (node_modules, virtual environments, build output).')
    .meta(scope('resource')),
  languages: z
    .array(z.enum(['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'vue', 'svelte', 'jupyter', 'shellscript', 'go', 'java', 'csharp', 'ruby', 'php']))
    .default(['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'vue', 'svelte', 'jupyter', 'shellscript', 'go', 'java', 'csharp', 'ruby', 'php'])
    .describe('Languages to analyse. `go`, `java`, `csharp`, `ruby` and `php` files are read with their own grammars, loaded the first time a file of that language is analysed; `shellscript`: `curl`, `wget` and HTTPie requests to inference endpoints in `.sh`, `.bash` and `.zsh` files (notebooks\' `%%bash` cells and `!` lines are part of `jupyter`).')
    .meta(scope('resource')),
  includeTests: z
    .boolean()
    .default(false)
    .describe('Count call sites in test code and test fixtures (`tests/`, `test_*.py`, `*.test.ts`, `__tests__/`, `__testfixtures__/`, …) in totals, the status bar and budget gates. They are always found and listed (the call-site tree shows them in their own group); by default they are kept out of every total.')
    .meta(scope('window')),
  maxFileSize: z
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024)
    .describe('Largest file analysed, in bytes. Larger files are skipped with a note in the log.')
    .meta(scope('resource')),
  'tokens.multipliers': z
    .record(z.string(), z.number().positive())
    .default({})
    .describe('Token-count multipliers over the o200k count per model family (e.g. `{"claude": 1.2}`), replacing the calibrated defaults.')
    .meta(scope('resource')),
  'tiers.electricityPricePerKWh': z
    .number()
    .min(0)
    .default(0.08)
    .describe('Electricity price in USD per kWh for on-prem and edge estimates (default: US industrial average, EIA 2024).')
    .meta(scope('resource')),
  'tiers.gridIntensity': z
    .number()
    .min(0)
    .default(0.37)
    .describe('Grid carbon intensity in kg CO₂e per kWh for energy estimates.')
    .meta(scope('resource')),
  'tiers.users': z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Number of users for the Tier Advisor\'s edge tier, where each user runs the model on their own device (cost = users × (device share + energy)). Unset: the edge tier asks for it. The panel\'s field and `tokentier tiers --users` override it.')
    .meta(scope('resource')),
  'debounceMs': z
    .number()
    .int()
    .min(0)
    .max(5000)
    .default(250)
    .describe('Delay after the last keystroke before hints refresh, in milliseconds.')
    .meta(scope('window')),
});

/** The parsed, defaulted settings (keys as in `tokentier.<key>`). */
export type Settings = Readonly<z.output<typeof settingsSchema>>;

/** One field that fell back to its default. */
export interface SettingIssue {
  readonly key: string;
  readonly message: string;
}

/**
 * Parses raw settings (keys relative to `tokentier.`). Never throws: each invalid field falls back to its
 * default and is reported in `issues`; unknown keys are ignored.
 */
export function parseSettings(raw: Readonly<Record<string, unknown>>): { settings: Settings; issues: SettingIssue[] } {
  const issues: SettingIssue[] = [];
  const out: Record<string, unknown> = {};
  const shape = settingsSchema.shape as Record<string, z.ZodType>;
  for (const [key, field] of Object.entries(shape)) {
    // Own values only: an inherited `currency` (a prototype set through a `__proto__` key) is nobody's setting.
    const value = Object.hasOwn(raw, key) ? raw[key] : undefined;
    const r = field.safeParse(value);
    if (r.success) {
      out[key] = r.data;
    } else {
      issues.push({ key, message: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ') });
      out[key] = field.parse(undefined);
    }
  }
  return { settings: Object.freeze(out) as Settings, issues };
}

/**
 * What `WorkspaceConfiguration.inspect(key)` says of one setting (the fields Tokentier reads). Mirrors the
 * `vscode` type without importing it.
 */
export interface SettingInspection {
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/**
 * The value someone wrote for a setting, or `undefined` when nobody did: the most specific of folder, workspace
 * and user values. Only these are validated, so a setting left unset is never reported as invalid (VS Code's
 * `get()` returns `null` for a setting declared with `anyOf` and no default, which is nobody's input). In Restricted
 * Mode (`trusted: false`) a workspace may not change costs, so only the user value counts, unless `anyScope`
 * (settings that only change how hints look).
 */
export function explicitSettingValue(inspection: SettingInspection | undefined, opts: { trusted: boolean; anyScope?: boolean }): unknown {
  if (!inspection) return undefined;
  if (opts.trusted || opts.anyScope) {
    if (inspection.workspaceFolderValue !== undefined) return inspection.workspaceFolderValue;
    if (inspection.workspaceValue !== undefined) return inspection.workspaceValue;
  }
  return inspection.globalValue;
}

/**
 * The `files.exclude` patterns switched on, from `inspect('files.exclude')`. VS Code merges this object setting over
 * its scopes (default < user < workspace < folder). In Restricted Mode (`trusted: false`) the workspace's own values
 * are left out: its globs must not steer the scan of a folder nobody trusted (issue 17). Never throws.
 */
export function filesExcludeFrom(inspection: (SettingInspection & { readonly defaultValue?: unknown }) | undefined, trusted: boolean): string[] {
  if (!inspection) return [];
  const layers = trusted ? [inspection.defaultValue, inspection.globalValue, inspection.workspaceValue, inspection.workspaceFolderValue] : [inspection.defaultValue, inspection.globalValue];
  const merged = new Map<string, unknown>();
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object' || Array.isArray(layer)) continue;
    for (const [k, v] of Object.entries(layer as Record<string, unknown>)) merged.set(k, v);
  }
  return [...merged].filter(([, v]) => v === true).map(([k]) => k);
}

/** The defaults, as if no setting were set. */
export const defaultSettings: Settings = parseSettings({}).settings;
