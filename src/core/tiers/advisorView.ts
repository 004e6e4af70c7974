/**
 * The Tier Advisor's view model: what the panel shows for a scope, computed on the extension host from the scope's
 * estimates with the one workload builder (./workload.ts) and the tier model (./compare.ts). The panel host
 * (src/vscode/webview/advisorPanel.ts) supplies what only VS Code knows (the scope's label and the scope picker) and
 * posts the result to the webview, which only renders it. Loaded with the engine bundle (src/core/engineBundle.ts), so
 * the tier model's data tables never load at activation.
 */
import type { SiteEstimate } from '../types';
import { listFacilityFigures, listSelfHostModels } from './catalogue';
import { compareTiers, costCurve } from './compare';
import { resolveTierOptions } from './defaults';
import type { CostCurve, Precision, TierComparison, Workload } from './types';
import { applyEdits, buildWorkload, placeholderWorkload, suggestSelfHostModel, type WorkloadNotes } from './workload';

/**
 * What the Tier Advisor analyses: the whole workspace, one file, or one call site.
 * `uri` is a VS Code URI string (`file:///…`); `siteId` is a `CallSite.id`.
 */
export type AdvisorScope =
  | { readonly kind: 'workspace' }
  | { readonly kind: 'file'; readonly uri: string }
  | { readonly kind: 'site'; readonly uri: string; readonly siteId: string };

/**
 * The user's edits of the workload and options, always sent whole (never as a delta). An absent field keeps the
 * value derived from the code (or the model's default); `null` on a target clears it ("no target").
 */
export interface AdvisorEdits {
  /** Average requests per day. */
  readonly requestsPerDay?: number;
  /** Expected input tokens per request. */
  readonly inputTokens?: number;
  /** Expected output tokens per request (reasoning included: they are generated tokens). */
  readonly outputTokens?: number;
  /** Time-to-first-token target in ms; null = no target. */
  readonly ttftTargetMs?: number | null;
  /** End-to-end latency target in ms; null = no target. */
  readonly e2eTargetMs?: number | null;
  /** Catalogue id of the open-weight model the self-hosted tiers run. */
  readonly selfHostModelId?: string;
  readonly precision?: Precision;
  /** USD per kWh. */
  readonly electricityUsdPerKWh?: number;
  /** Target average utilisation of self-hosted capacity, 0–1. */
  readonly utilisation?: number;
  /** Users of the edge tier, each on their own device; null = not set (overrides the setting `tiers.users`). */
  readonly edgeUsers?: number | null;
}

/** The `tokentier.tiers.*` settings the view starts from (the panel's edits override them). */
export interface AdvisorSettings {
  /** `tokentier.tiers.users`. */
  readonly users?: number;
  /** `tokentier.tiers.electricityPricePerKWh`. */
  readonly electricityUsdPerKWh?: number;
  /** `tokentier.tiers.gridIntensity`. */
  readonly gridKgCo2PerKWh?: number;
}

/** An entry of the scope picker. `label` is untrusted text (paths, model names from code). */
export interface AdvisorScopeChoice {
  readonly scope: AdvisorScope;
  readonly label: string;
}

/** An open-weight model the user can pick for the self-hosted tiers. */
export interface AdvisorModelChoice {
  readonly id: string;
  readonly name: string;
  /** e.g. `70B dense`, `117B MoE (5.1B active)`. */
  readonly detail: string;
}

/** A region preset for the electricity price (from the reference data, with its source). */
export interface AdvisorRegionChoice {
  readonly label: string;
  readonly usdPerKWh: number;
  /** Source and date, for the tooltip. */
  readonly source: string;
}

/** Everything the Tier Advisor shows; computed entirely on the host (the webview does no modelling). */
export interface AdvisorView {
  readonly scope: AdvisorScope;
  /** Human label of the scope (untrusted: contains paths). */
  readonly scopeLabel: string;
  readonly scopes: readonly AdvisorScopeChoice[];
  /** Non-ignored call sites in the scope, and how many of them have a price. */
  readonly sites: number;
  readonly pricedSites: number;
  /** The workload as derived from the code, before edits (null: no call sites in scope). */
  readonly derived: Workload | null;
  /** The edits in force. */
  readonly edits: AdvisorEdits;
  /** The workload actually compared (derived + edits, or a default when the scope has no sites). */
  readonly workload: Workload;
  /** How each workload figure was derived from the code (for tooltips). */
  readonly workloadNotes: WorkloadNotes;
  readonly comparison: TierComparison | null;
  /** Monthly cost vs requests/day for each tier (chart). */
  readonly curve: CostCurve | null;
  readonly models: readonly AdvisorModelChoice[];
  readonly precisions: readonly Precision[];
  /** Electricity price presets by region. */
  readonly regions: readonly AdvisorRegionChoice[];
  /** Problems to show above the table (untrusted text possible). */
  readonly messages: readonly string[];
}

/** What the panel host knows and the view model needs. */
export interface AdvisorViewInput {
  readonly scope: AdvisorScope;
  /** The scope's label: present.ts `workspaceLabel` for the workspace, a relative path for a file or site. */
  readonly scopeLabel: string;
  /** The scope picker's entries. */
  readonly scopes: readonly AdvisorScopeChoice[];
  /** The scope's estimates (ignored sites included: the builder leaves them out). */
  readonly estimates: readonly SiteEstimate[];
  readonly edits: AdvisorEdits;
  /** The `tokentier.tiers.*` settings; absent = the model's defaults. */
  readonly settings?: AdvisorSettings;
}

/** Requests/day points of the cost chart: 10 … 10⁷, four per decade, plus the current volume. */
function curvePoints(current: number): number[] {
  const pts: number[] = [];
  for (let e = 1; e <= 7.0001; e += 0.25) pts.push(Math.round(10 ** e));
  if (current > 0 && Number.isFinite(current)) pts.push(current);
  return [...new Set(pts)].sort((a, b) => a - b);
}

/**
 * Electricity presets from the tier model's facility figures. rental.csv states electricity in US cents/kWh (its
 * `unit` column), hence the division by 100.
 */
function regionChoices(): AdvisorRegionChoice[] {
  return listFacilityFigures()
    .filter((f) => f.category === 'electricity' && f.value !== null && f.value > 0)
    .map((f) => ({
      label: `${f.region} (${f.provider}): $${(f.value! / 100).toFixed(4).replace(/0+$/, '')}/kWh`,
      usdPerKWh: f.value! / 100,
      source: `${f.source.label}${f.source.date ? ` (${f.source.date})` : ''}${f.source.ref ? ` — ${f.source.ref}` : ''}`,
    }));
}

/**
 * The whole view for a scope. Edits that no longer apply (a self-hosted model not in the catalogue) are dropped: the
 * result's `edits` are the ones in force, which the host keeps.
 */
export function computeAdvisorView(input: AdvisorViewInput): AdvisorView {
  const models = listSelfHostModels();
  const messages: string[] = [];
  let edits = input.edits;
  if (edits.selfHostModelId !== undefined && !models.some((m) => m.id === edits.selfHostModelId)) {
    messages.push('The chosen self-hosted model is not in the catalogue; using the suggestion instead.');
    const { selfHostModelId: _drop, ...rest } = edits;
    edits = rest;
  }
  const agg = buildWorkload(input.estimates, { label: input.scopeLabel, selfHostModels: models });
  messages.unshift(...agg.messages);
  const placeholder = agg.workload ?? placeholderWorkload(suggestSelfHostModel(null, models) ?? models[0]?.id ?? 'llama-3.1-8b', input.scopeLabel);
  const s = input.settings ?? {};
  const base = s.users !== undefined ? { ...placeholder, edgeUsers: s.users } : placeholder;
  const workload = applyEdits(base, edits, agg.apiCostSplit);
  const options = resolveTierOptions({
    ...(s.electricityUsdPerKWh !== undefined ? { electricityUsdPerKWh: s.electricityUsdPerKWh } : {}),
    ...(s.gridKgCo2PerKWh !== undefined ? { gridKgCo2PerKWh: s.gridKgCo2PerKWh } : {}),
    ...(edits.precision !== undefined ? { precision: edits.precision } : {}),
    ...(edits.electricityUsdPerKWh !== undefined ? { electricityUsdPerKWh: edits.electricityUsdPerKWh } : {}),
    ...(edits.utilisation !== undefined ? { utilisation: edits.utilisation } : {}),
  });
  return {
    scope: input.scope,
    scopeLabel: input.scopeLabel,
    scopes: input.scopes,
    sites: agg.sites,
    pricedSites: agg.pricedSites,
    derived: agg.workload,
    edits,
    workload,
    workloadNotes: agg.notes,
    comparison: compareTiers(workload, options),
    curve: costCurve(workload, options, curvePoints(workload.requestsPerDay)),
    models: models.map((m) => ({
      id: m.id,
      name: m.name,
      detail: m.moe ? `${m.totalParamsB}B MoE (${m.activeParamsB}B active)` : `${m.totalParamsB}B dense`,
    })),
    precisions: ['bf16', 'fp16', 'fp8', 'int8', 'int4'],
    regions: regionChoices(),
    messages,
  };
}
