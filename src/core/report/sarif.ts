import type { Diagnostic, Report, SiteEstimate } from '../types';
import { DEPRECATED_RULE } from './deprecationPolicy';
import type { PolicyResult } from './policy';
import { pricedModel } from './totals';
import { formatMoney } from './text';

/**
 * SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers. One result per call site (rule by
 * finding kind), one per policy violation, and one per scan warning. Sites under a `tokentier-ignore`
 * comment carry an `inSource` suppression, so code scanning shows them as dismissed rather than open.
 */

/** The SARIF shapes we emit (a subset of the 2.1.0 object model). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}
export interface SarifRun {
  readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly informationUri: string; readonly rules: readonly SarifRule[] } };
  readonly results: readonly SarifResult[];
  readonly originalUriBaseIds?: Record<string, { readonly description: { readonly text: string } }>;
  readonly columnKind?: 'utf16CodeUnits' | 'unicodeCodePoints';
  readonly properties?: Record<string, unknown>;
}
export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly help: { readonly text: string };
  readonly properties?: Record<string, unknown>;
}
export type SarifLevel = 'none' | 'note' | 'warning' | 'error';
export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations?: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
      readonly region?: { readonly startLine: number; readonly startColumn?: number; readonly endLine?: number; readonly endColumn?: number };
    };
  }[];
  readonly partialFingerprints?: Record<string, string>;
  readonly suppressions?: readonly { readonly kind: 'inSource' | 'external'; readonly justification?: string }[];
  readonly properties?: Record<string, unknown>;
}

interface RuleDef {
  readonly id: string;
  readonly name: string;
  readonly short: string;
  readonly full: string;
  readonly level: SarifLevel;
}

/** The finding kinds. Ids are stable: code scanning tracks alerts by rule id. */
export const SARIF_RULES: readonly RuleDef[] = [
  { id: 'tokentier/llm-call', name: 'LlmCallCost', short: 'LLM API call with an estimated cost', full: 'A call that sends a request to an LLM inference API, with its estimated tokens and monthly cost.', level: 'note' },
  { id: 'tokentier/unpriced-call', name: 'UnpricedLlmCall', short: 'LLM API call whose cost is unknown', full: 'The model could not be resolved or has no price in the price book, so the call is not included in totals.', level: 'warning' },
  { id: 'tokentier/unbounded-loop', name: 'LlmCallInUnboundedLoop', short: 'LLM API call inside a loop with no visible bound', full: 'The call runs inside a loop, agent or fan-out with no visible iteration bound; its cost scales with run-time data.', level: 'warning' },
  { id: 'tokentier/budget', name: 'CostBudgetExceeded', short: 'Cost budget or policy rule broken', full: 'A budget or rule from .tokentier/policy.* or the command line is broken.', level: 'error' },
  { id: 'tokentier/deprecated-model', name: 'DeprecatedModel', short: 'LLM API call to a deprecated or retired model', full: 'The provider has deprecated or retired the model on the platform serving the call (src/core/models/data/lifecycle.json); the message names the shutdown date, the replacement and the monthly cost of migrating.', level: 'warning' },
  { id: 'tokentier/scan-problem', name: 'ScanProblem', short: 'Tokentier could not fully analyse a file', full: 'A file could not be read or parsed, or an annotation or team file is invalid.', level: 'warning' },
];

const ruleIndex = new Map(SARIF_RULES.map((r, i) => [r.id, i]));

function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function location(file: string, line?: number, column?: number): NonNullable<SarifResult['locations']>[number] {
  return {
    physicalLocation: {
      artifactLocation: { uri: uri(file), uriBaseId: '%SRCROOT%' },
      ...(line !== undefined && line >= 1 ? { region: { startLine: line, ...(column !== undefined && column >= 1 ? { startColumn: column } : {}) } } : {}),
    },
  };
}

function siteRule(e: SiteEstimate): string {
  if (!e.cost.perMonth) return 'tokentier/unpriced-call';
  if (e.site.loops.some((l) => l.unbounded)) return 'tokentier/unbounded-loop';
  return 'tokentier/llm-call';
}

function siteMessage(e: SiteEstimate, currency: string, includeTests: boolean): string {
  const text = siteMessageRaw(e, currency);
  return e.site.test && !includeTests ? `${text} Test code: not included in totals.` : text;
}

function siteMessageRaw(e: SiteEstimate, currency: string): string {
  const s = e.site;
  const model = pricedModel(e);
  const head = `${s.provider} ${s.api} call (${s.method}) to ${model}`;
  if (!e.cost.perMonth || !e.cost.perCall) return `${head}: cost unknown (${e.cost.unknownReason ?? 'no price'}). Not included in totals.`;
  const range = `${formatMoney(e.cost.perMonth.min, currency)}–${formatMoney(e.cost.perMonth.max, currency)}`;
  const calls = e.usage.callsPerDay.value * e.usage.fanOut.value;
  const loop = s.loops.some((l) => l.unbounded) ? ' Runs in a loop with no visible bound.' : '';
  return `${head}: ~${formatMoney(e.cost.perMonth.expected, currency)}/month (range ${range}), ${formatMoney(e.cost.perCall.expected, currency)} per call × ${calls.toLocaleString('en-US')} calls/day${e.usage.assumed ? ' (assumed)' : ''}; ~${Math.round(e.tokens.input.expected).toLocaleString('en-US')} input and ~${Math.round(e.tokens.output.expected).toLocaleString('en-US')} output tokens.${loop}`;
}

function diagnosticResult(d: Diagnostic): SarifResult {
  const idx = ruleIndex.get('tokentier/scan-problem') ?? 0;
  return {
    ruleId: 'tokentier/scan-problem',
    ruleIndex: idx,
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: `${d.code}: ${d.message}` },
    ...(d.file ? { locations: [location(d.file, d.range ? d.range.start.line + 1 : undefined)] } : {}),
    properties: { code: d.code },
  };
}

/**
 * Formats a report (and optionally its policy evaluation) as a SARIF 2.1.0 log.
 * Lines are 1-based (the site's method line); columns 1-based from the call's start when on that line.
 */
export function formatSarifLog(report: Report, policy?: PolicyResult): SarifLog {
  const c = report.currency;
  const results: SarifResult[] = [];
  for (const e of report.sites) {
    const ruleId = siteRule(e);
    const col = e.site.range.start.line + 1 === e.site.line ? e.site.range.start.character + 1 : undefined;
    results.push({
      ruleId,
      ruleIndex: ruleIndex.get(ruleId) ?? 0,
      level: SARIF_RULES[ruleIndex.get(ruleId) ?? 0]?.level ?? 'note',
      message: { text: siteMessage(e, c, report.includeTests === true) },
      locations: [location(e.site.file, e.site.line, col)],
      // Stable across line shifts: code scanning matches alerts between runs by these.
      partialFingerprints: { 'tokentierSite/v1': `${e.site.file}|${e.site.method}|${pricedModel(e)}${e.site.cell !== undefined ? `|cell${e.site.cell}` : ''}` },
      ...(e.site.ignored ? { suppressions: [{ kind: 'inSource' as const, justification: 'tokentier-ignore comment' }] } : {}),
      properties: {
        siteId: e.site.id,
        provider: e.site.provider,
        model: pricedModel(e),
        currency: c,
        costPerMonth: e.cost.perMonth?.expected ?? null,
        costPerCall: e.cost.perCall?.expected ?? null,
        ...(e.site.cell !== undefined ? { cell: e.site.cell } : {}),
        ...(e.site.test ? { test: true } : {}),
      },
    });
  }
  for (const v of policy?.violations ?? []) {
    const rule = v.rule === DEPRECATED_RULE ? 'tokentier/deprecated-model' : 'tokentier/budget';
    results.push({
      ruleId: rule,
      ruleIndex: ruleIndex.get(rule) ?? 0,
      level: v.severity === 'error' ? 'error' : v.severity === 'warning' ? 'warning' : 'note',
      message: { text: v.message },
      ...(v.file ? { locations: [location(v.file, v.line)] } : {}),
      properties: { policyRule: v.rule },
    });
  }
  for (const d of report.diagnostics) if (d.severity !== 'info') results.push(diagnosticResult(d));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Tokentier',
          version: report.tool.version,
          informationUri: 'https://example.invalid/tokentier',
          rules: SARIF_RULES.map((r) => ({
            id: r.id, name: r.name, shortDescription: { text: r.short }, fullDescription: { text: r.full },
            defaultConfiguration: { level: r.level }, help: { text: r.full },
          })),
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scan root.' } } },
      // Columns come from LSP-style positions, which count UTF-16 code units.
      columnKind: 'utf16CodeUnits',
      results,
      properties: { currency: c, profile: report.profile, totalPerMonth: report.totals.workspace.perMonth.expected },
    }],
  };
}

/** The SARIF log as JSON text. */
export function formatSarif(report: Report, policy?: PolicyResult): string {
  return `${JSON.stringify(formatSarifLog(report, policy), null, 2)}\n`;
}
