/**
 * Configuration checks of the command line (issue #19 items 2 and 8): every problem in the settings and team files is
 * printed on stderr as `file:line: message`, in every output format, before the scan; some are fatal (exit 2) always —
 * a currency with no rate, a policy in a currency that cannot be converted, an unknown profile, an unreadable policy —
 * and with `--strict` every team-file or settings problem is.
 */
import { currencyPlan, policyFactor, type CurrencyPlan } from '../core/estimate/currency';
import type { TeamConfig } from '../core/estimate/estimator';
import type { Settings } from '../core/config/settings';
import type { RateFactor } from '../core/pricing/calc';
import { escapeTerminal } from '../core/report/text';
import { UNREADABLE_TEAM_FILE } from '../core/teamFiles/loadTeamConfig';
import type { Diagnostic } from '../core/types';

/** Codes of configuration problems that stop the CLI whatever the flags: a figure or a gate would be wrong. */
const ALWAYS_FATAL = new Set(['currency', 'profile', UNREADABLE_TEAM_FILE]);

export interface ConfigCheck {
  readonly plan: CurrencyPlan;
  /** The factor from the policy's amounts to the report currency (undefined: same currency). */
  readonly policyRate?: RateFactor;
  /** The messages that make the CLI exit 2. */
  readonly fatal: readonly string[];
}

/** One configuration problem as a terminal line: `file:line: message` (the core's messages already start with the place). */
export function configLine(d: Diagnostic): string {
  const place = d.file ? `${d.file}${d.range ? `:${d.range.start.line + 1}` : ''}` : '';
  const text = place && !d.message.startsWith(d.file ?? '\u0000') ? `${place}: ${d.message}` : d.message;
  return `tokentier: ${d.severity}: ${escapeTerminal(text)}`;
}

/** Which of the setup's problems are fatal, with the currency plan and the policy's rate. */
export function checkConfiguration(settings: Settings, team: TeamConfig, settingsDiagnostics: readonly Diagnostic[], strict: boolean): ConfigCheck {
  const plan = currencyPlan(settings, team.priceBook);
  const fatal: string[] = [];
  const problems = [...settingsDiagnostics, ...team.diagnostics].filter((d) => d.severity !== 'info');
  for (const d of problems) {
    const policyBroken = d.code === 'policy-file' && d.severity === 'error';
    if (ALWAYS_FATAL.has(d.code) && d.severity === 'error') fatal.push(configLine(d));
    else if (policyBroken) fatal.push(configLine(d));
    else if (strict) fatal.push(`${configLine(d)} (--strict)`);
  }
  for (const p of plan.problems) fatal.push(configLine(p));
  const pf = policyFactor(plan, team.policy?.currency, team.priceBook);
  if (team.policy && pf.error) fatal.push(`tokentier: error: ${escapeTerminal(`${team.policy.source.file ?? '.tokentier/policy'}: ${pf.error}`)}`);
  return { plan, ...(pf.factor ? { policyRate: pf.factor } : {}), fatal: [...new Set(fatal)] };
}
