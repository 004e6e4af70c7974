import type { RateFactor } from '../pricing/calc';
import type { PolicyBook, PolicyRule } from '../teamFiles/teamTypes';
import type { Report, SiteEstimate } from '../types';
import { deprecationViolations } from './deprecationPolicy';
import { isCounted, pricedModel } from './totals';
import { formatMoney } from './text';
import { globMatch } from '../glob';

/**
 * Budget policy: the limits in `.tokentier/policy.*` (parsed by `loadTeamConfig` into `TeamConfig.policy`,
 * a {@link PolicyBook}) plus the CLI flags. Evaluation is pure; the CLI maps `passed: false` to exit code 1.
 * Only violations with severity `error` fail; `warning` and `info` are reported.
 */

/** Command-line budget flags; they override the policy file's values of the same meaning. */
export interface PolicyFlags {
  /** `--fail-on-total-above N` (per month, report currency). */
  readonly failOnTotalAbove?: number;
  /** `--fail-on-increase-above P` (percent). */
  readonly failOnIncreaseAbove?: number;
  /** The baseline's expected monthly total, for increase checks. */
  readonly baselineTotalPerMonth?: number;
  /** `--fail-on-deprecated`: calls to deprecated or retired models are errors. */
  readonly failOnDeprecated?: boolean;
  /**
   * The factor from the policy file's amounts (its `currency`, else the price book's, else USD) to the report currency,
   * when they differ (src/core/estimate/currency.ts `policyFactor`); budgets are compared in the report currency.
   */
  readonly policyRate?: RateFactor;
}

/** One broken limit. */
export interface PolicyViolation {
  /** `total-above`, `increase-above`, `site-per-month-above`, `site-per-call-above`, `deprecated`, or a rule id. */
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** The site's id, for per-site limits and rules. */
  readonly siteId?: string;
  readonly file?: string;
  readonly line?: number;
}

export interface PolicyResult {
  /** False when any violation has severity `error`. */
  readonly passed: boolean;
  readonly violations: readonly PolicyViolation[];
}

/** Policy globs ignore case; matched in linear time (src/core/glob.ts), as the patterns come from the repository. */
const glob = { nocase: true } as const;

function ruleApplies(rule: PolicyRule, e: SiteEstimate, k: number): boolean {
  const w = rule.when ?? {};
  if (w.provider && w.provider !== e.site.provider) return false;
  if (w.model && !globMatch(w.model, pricedModel(e), glob)) return false;
  if (w.file && !globMatch(w.file, e.site.file, glob)) return false;
  if (w.perMonthOver !== undefined && !(e.cost.perMonth && e.cost.perMonth.expected > w.perMonthOver * k)) return false;
  if (w.perCallOver !== undefined && !(e.cost.perCall && e.cost.perCall.expected > w.perCallOver * k)) return false;
  return true;
}

/** What a site lacks or breaks under a rule, as short phrases. */
function breaches(rule: PolicyRule, e: SiteEstimate): string[] {
  const out: string[] = [];
  for (const req of rule.require ?? []) {
    if (req === 'caching' && !(e.site.params.cacheControl || e.usage.cacheHitRate.value > 0)) out.push('without prompt caching');
    if (req === 'batch' && !(e.site.params.batch || e.usage.batchShare.value > 0)) out.push('without the batch API');
    if (req === 'max-tokens' && e.site.params.maxTokens === undefined) out.push('without a max-tokens limit');
    if (req === 'bounded-loop' && e.site.loops.some((l) => l.unbounded)) out.push('inside a loop with no visible bound');
    if (req === 'known-price' && !e.cost.perMonth) out.push('with no known price');
  }
  const model = pricedModel(e);
  if (rule.forbidModels?.some((m) => globMatch(m, model, glob))) out.push(`using forbidden model ${model}`);
  return out;
}

/**
 * Evaluates budgets and rules over a report. Ignored sites are exempt, and so is test code unless the report counts it
 * (`includeTests`): the total is the report's, and per-site limits and rules skip the sites it does not count. Flags
 * win over the policy file.
 * `increase-above` needs `flags.baselineTotalPerMonth`; with no baseline it is not checked.
 */
export function evaluatePolicy(report: Report, policy?: PolicyBook, flags: PolicyFlags = {}): PolicyResult {
  const c = report.currency;
  const v: PolicyViolation[] = [];
  // The policy's amounts in the report currency; the message names the converted amount and where it came from.
  const k = flags.policyRate?.factor ?? 1;
  const from = flags.policyRate ? ` (the policy's amount × ${flags.policyRate.factor.toPrecision(6).replace(/\.?0+$/, '')}: ${flags.policyRate.rule})` : '';
  const raw = policy?.budgets ?? {};
  const budgets = { totalPerMonth: raw.totalPerMonth === undefined ? undefined : raw.totalPerMonth * k, perSitePerMonth: raw.perSitePerMonth === undefined ? undefined : raw.perSitePerMonth * k, perCall: raw.perCall === undefined ? undefined : raw.perCall * k };
  const total = report.totals.workspace.perMonth.expected;
  const maxTotal = flags.failOnTotalAbove ?? budgets.totalPerMonth;
  if (maxTotal !== undefined && total > maxTotal) {
    const note = flags.failOnTotalAbove === undefined ? from : '';
    v.push({ rule: 'total-above', severity: 'error', message: `Expected monthly total ${formatMoney(total, c)} is above the budget of ${formatMoney(maxTotal, c)}${note}.` });
  }
  const maxIncrease = flags.failOnIncreaseAbove;
  const base = flags.baselineTotalPerMonth;
  if (maxIncrease !== undefined && base !== undefined) {
    const delta = total - base;
    // A baseline of zero: any growth is an unbounded percentage increase.
    const pct = base > 0 ? (delta / base) * 100 : delta > 0 ? Number.POSITIVE_INFINITY : 0;
    if (pct > maxIncrease) {
      const pctText = Number.isFinite(pct) ? `${pct.toFixed(1)} %` : 'from zero';
      v.push({ rule: 'increase-above', severity: 'error', message: `Expected monthly total grew ${pctText} (${formatMoney(base, c)} → ${formatMoney(total, c)}), above the allowed ${maxIncrease} %.` });
    }
  }
  const counting = { includeTests: report.includeTests === true };
  for (const e of report.sites) {
    if (!isCounted(e, counting)) continue;
    const where = `${e.site.file}:${e.site.line}`;
    const at = { siteId: e.site.id, file: e.site.file, line: e.site.line };
    if (budgets.perSitePerMonth !== undefined && e.cost.perMonth && e.cost.perMonth.expected > budgets.perSitePerMonth) {
      v.push({ rule: 'site-per-month-above', severity: 'error', message: `${where} costs ${formatMoney(e.cost.perMonth.expected, c)}/month, above the per-site budget of ${formatMoney(budgets.perSitePerMonth, c)}${from}.`, ...at });
    }
    if (budgets.perCall !== undefined && e.cost.perCall && e.cost.perCall.expected > budgets.perCall) {
      v.push({ rule: 'site-per-call-above', severity: 'error', message: `${where} costs ${formatMoney(e.cost.perCall.expected, c)} per call, above the per-call budget of ${formatMoney(budgets.perCall, c)}${from}.`, ...at });
    }
    for (const rule of policy?.rules ?? []) {
      if (!ruleApplies(rule, e, k)) continue;
      const found = breaches(rule, e);
      if (!found.length) continue;
      const cost = e.cost.perMonth ? ` (${formatMoney(e.cost.perMonth.expected, c)}/month)` : '';
      const why = rule.message ? `: ${rule.message}` : '';
      v.push({ rule: rule.id, severity: rule.severity, message: `${where}${cost} ${found.join(', ')}: breaks policy rule "${rule.id}"${why}.`, ...at });
    }
  }
  v.push(...deprecationViolations(report, policy, flags.failOnDeprecated));
  return { passed: !v.some((x) => x.severity === 'error'), violations: v };
}
