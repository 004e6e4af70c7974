/**
 * The `deprecated` policy rule: calls to models their provider has deprecated or retired, from each site's advice
 * (src/core/advice). Reported at `warning` unless `.tokentier/policy.*` (`deprecated: { severity, withinDays }`) or
 * `--fail-on-deprecated` (severity `error`, so CI fails) says otherwise. Pure.
 */
import type { PolicyBook } from '../teamFiles/teamTypes';
import type { Report, SiteEstimate } from '../types';
import { lifecycleStatusText, migrationText } from './adviceText';
import { formatMoneyDelta } from './text';

/** One call to a deprecated or retired model (the shape of a `PolicyViolation` of policy.ts, which imports this file). */
export interface DeprecationViolation {
  readonly rule: typeof DEPRECATED_RULE;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly siteId: string;
  readonly file: string;
  readonly line: number;
}

/** The rule id in violations, SARIF and the policy file. */
export const DEPRECATED_RULE = 'deprecated';

/** True when the rule reports this site under the policy's `withinDays`. */
function reported(e: SiteEstimate, withinDays: number | undefined): boolean {
  const l = e.advice?.lifecycle;
  if (!l || e.site.ignored) return false;
  if (l.status === 'retired') return true;
  if (withinDays === undefined) return l.status === 'deprecated';
  return l.daysLeft !== undefined && l.daysLeft <= withinDays;
}

/** The `deprecated` rule's violations over a report. `failOnDeprecated` (the CLI flag) makes them errors. */
export function deprecationViolations(report: Report, policy: PolicyBook | undefined, failOnDeprecated = false): DeprecationViolation[] {
  const rule = policy?.deprecated;
  const severity = failOnDeprecated ? 'error' : rule?.severity ?? 'warning';
  const out: DeprecationViolation[] = [];
  for (const e of report.sites) {
    if (!reported(e, rule?.withinDays)) continue;
    const l = e.advice!.lifecycle!;
    const cost = migrationText(l, e.cost.currency, (d, c) => `${formatMoneyDelta(d, c)}/month`);
    out.push({
      rule: DEPRECATED_RULE,
      severity,
      message: `${e.site.cell !== undefined ? `${e.site.file}#cell${e.site.cell}` : e.site.file}:${e.site.line} calls ${l.model}, ${lifecycleStatusText(l)} on ${l.platformName}; ${cost} (source: ${l.source.label}).`,
      siteId: e.site.id,
      file: e.site.file,
      line: e.site.line,
    });
  }
  return out;
}
