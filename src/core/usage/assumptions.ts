import type { Settings } from '../config/settings';
import type { UsageBook, UsageCalibration, UsageRule, UsageValues } from '../teamFiles/teamTypes';
import type { CallSite, Diagnostic, Provenance, Sourced, UsageAssumptions } from '../types';
import { parseAnnotation, type AnnotationValues } from './annotation';
import { globMatch as linearGlobMatch } from '../glob';

/**
 * Usage assumptions for one site. Precedence, field by field: inline annotation > usage-file site rule (the
 * selected profile's values first) > usage-file defaults for the API kind (profile first) > settings > built-in
 * default. Every value carries where it came from.
 */
export interface ResolvedUsage {
  readonly assumptions: UsageAssumptions;
  /** Cache-write lifetime (`1h` bills the 1-hour write rate). */
  readonly cacheTtl: Sourced<'5m' | '1h'>;
  /** True when cacheHitRate came from nothing more specific than settings (the estimator may use code markers). */
  readonly cacheFromDefault: boolean;
  /** True when outputTokens names this site (annotation, usage-file site rule), not a default for its api kind. */
  readonly outputSpecific: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** A usage-file `match.file` glob (linear time: src/core/glob.ts; a rule's pattern comes from the repository). */
function globMatch(glob: string, path: string): boolean {
  return linearGlobMatch(glob, path);
}

/** True when every condition of the rule holds for the site. */
export function ruleMatches(rule: UsageRule, site: CallSite): boolean {
  const c = rule.match;
  if (c.id !== undefined && c.id !== site.id) return false;
  if (c.file !== undefined && !globMatch(c.file, site.file)) return false;
  if (c.function !== undefined && c.function !== site.enclosingFunction) return false;
  if (c.line !== undefined && c.line !== site.line) return false;
  return true;
}

type Layer = { readonly values: UsageValues | AnnotationValues; readonly source: Provenance; readonly specific: boolean; readonly calibrated?: UsageCalibration };

/** The calibration marker of the usage-file entry that set calls/day (written by reconcile), with its file and line. */
function calibrationOf(layer: Layer | undefined): Pick<UsageAssumptions, 'calibration'> {
  if (!layer?.calibrated) return {};
  const { file, line } = layer.source;
  return { calibration: { ...layer.calibrated, ...(file ? { file } : {}), ...(line ? { line } : {}) } };
}

/** The layers that can set a site's figures, most specific first (annotation, site rules, profile and api defaults). */
function usageLayers(site: CallSite, profile: string, usage: UsageBook | undefined, diagnostics: Diagnostic[]): Layer[] {
  const layers: Layer[] = [];
  if (site.annotation) {
    const parsed = parseAnnotation(site.annotation.text, site.annotation.line, site.file);
    diagnostics.push(...parsed.diagnostics);
    layers.push({ values: parsed.values, source: { source: 'annotation', label: 'tokentier: annotation', file: site.file, line: site.annotation.line }, specific: true });
  }
  if (usage) {
    // Later rules win over earlier ones; the selected profile's values win over a rule's plain values.
    const rules = usage.sites.filter((r) => ruleMatches(r, site)).reverse();
    for (const r of rules) {
      const p = r.profiles[profile];
      const calibrated = r.calibrated ? { calibrated: r.calibrated } : {};
      if (p) layers.push({ values: p, source: { ...r.source, rule: `profile ${profile}` }, specific: true, ...calibrated });
      layers.push({ values: r.values, source: r.source, specific: true, ...calibrated });
    }
    const pd = usage.profiles[profile]?.defaults?.[site.api];
    if (pd) layers.push({ values: pd, source: { ...usage.source, rule: `profile ${profile}, ${site.api} defaults` }, specific: false });
    const d = usage.defaults[site.api];
    if (d) layers.push({ values: d, source: { ...usage.source, rule: `${site.api} defaults` }, specific: false });
  }
  return layers;
}

type LayerPick = <K extends keyof UsageValues>(k: K) => { value: NonNullable<UsageValues[K]>; layer: Layer } | undefined;

/** Calls per day: calls/day and calls/month from the same layer (the first layer with either), else the setting; the profile's multiplier on top. */
function callsPerDayOf(site: CallSite, settings: Settings, usage: UsageBook | undefined, layers: readonly Layer[]): { callsPerDay: Sourced<number>; assumed: boolean; callsLayer: Layer | undefined } {
  const days = settings['usage.daysPerMonth'];
  const profile = settings.profile;
  let callsPerDay: Sourced<number>;
  let assumed = true;
  const callsLayer = layers.find((l) => (l.values as UsageValues).callsPerDay !== undefined || (l.values as UsageValues).callsPerMonth !== undefined);
  if (callsLayer) {
    const v = callsLayer.values as UsageValues;
    const perDay = v.callsPerDay ?? (v.callsPerMonth ?? 0) / days;
    callsPerDay = { value: perDay, source: v.callsPerDay !== undefined ? callsLayer.source : { ...callsLayer.source, rule: `${v.callsPerMonth} calls/month ÷ ${days} days` } };
    assumed = !callsLayer.specific;
  } else {
    const v = settings['usage.callsPerDay'][site.api] ?? 1000;
    callsPerDay = { value: v, source: { source: 'settings', label: 'tokentier.usage.callsPerDay', rule: `${site.api}: ${v} calls/day` } };
  }
  const mult = usage?.profiles[profile]?.callsMultiplier;
  if (mult !== undefined && usage && callsLayer?.source.source !== 'annotation') {
    callsPerDay = { value: callsPerDay.value * mult, source: { ...callsPerDay.source, rule: `${callsPerDay.source.rule ? `${callsPerDay.source.rule}; ` : ''}profile ${profile} × ${mult}` } };
  }
  return { callsPerDay, assumed, callsLayer };
}

/** Fan-out: an explicit value, else the product of the loop bounds (the setting's assumed bound for loops without one). */
function fanOutOf(site: CallSite, settings: Settings, pick: LayerPick): Sourced<number> {
  const f = pick('fanOut');
  if (f) return { value: f.value, source: f.layer.source };
  if (site.loops.length === 0) return { value: 1, source: { source: 'code', label: 'no enclosing loop' } };
  let product = 1;
  const parts: string[] = [];
  let usedSetting = false;
  for (const l of site.loops) {
    if (l.bound !== undefined && l.bound >= 0 && !l.unbounded) {
      product *= l.bound;
      parts.push(`${l.kind} bound ${l.bound}`);
    } else {
      product *= settings['usage.loopFanOut'];
      parts.push(`${l.kind} without a visible bound: assumed ${settings['usage.loopFanOut']}`);
      usedSetting = true;
    }
  }
  return {
    value: product,
    source: usedSetting ? { source: 'settings', label: 'tokentier.usage.loopFanOut', rule: parts.join(' × ') } : { source: 'code', label: 'loop bounds in code', rule: parts.join(' × ') },
  };
}

/** Resolves the usage assumptions of a site. Never throws. */
export function resolveUsage(site: CallSite, settings: Settings, usage: UsageBook | undefined): ResolvedUsage {
  const diagnostics: Diagnostic[] = [];
  const profile = settings.profile;
  const layers = usageLayers(site, profile, usage, diagnostics);
  const pick: LayerPick = (k) => {
    for (const l of layers) {
      const v = (l.values as UsageValues)[k];
      if (v !== undefined && v !== null) return { value: v as NonNullable<UsageValues[typeof k]>, layer: l };
    }
    return undefined;
  };
  const { callsPerDay, assumed, callsLayer } = callsPerDayOf(site, settings, usage, layers);
  const fanOut = fanOutOf(site, settings, pick);
  const share = (k: 'cacheHitRate' | 'batchShare' | 'retryRate', fallback: Sourced<number>): Sourced<number> => {
    const p = pick(k);
    return p ? { value: p.value, source: p.layer.source } : fallback;
  };
  const cachePick = pick('cacheHitRate');
  const cacheHitRate = share('cacheHitRate', {
    value: settings['usage.cacheHitRate'],
    source: { source: 'settings', label: 'tokentier.usage.cacheHitRate', rule: `${settings['usage.cacheHitRate']}` },
  });
  const annotationBatch = layers[0]?.source.source === 'annotation' && (layers[0].values as UsageValues).batchShare !== undefined;
  const batchShare: Sourced<number> = site.params.batch && !annotationBatch ? { value: 1, source: { source: 'code', label: 'batch API call in code' } } : share('batchShare', { value: 0, source: { source: 'default', label: 'no batch' } });
  const retryRate = share('retryRate', { value: 0, source: { source: 'default', label: 'no retries assumed' } });
  const out = pick('outputTokens');
  const ttl = pick('cacheTtl');
  const modelPick = pick('model');
  // A usage-file model applies only where the code does not resolve one; an annotation's always applies.
  const model = modelPick && (modelPick.layer.source.source === 'annotation' || site.model.canonical === null) ? { value: modelPick.value, source: modelPick.layer.source } : undefined;

  return {
    assumptions: {
      callsPerDay,
      fanOut,
      cacheHitRate,
      batchShare,
      retryRate,
      ...(out ? { outputTokens: { value: out.value, source: out.layer.source } } : {}),
      profile,
      assumed,
      ...(model ? { model } : {}),
      ...calibrationOf(callsLayer),
    },
    cacheTtl: ttl ? { value: ttl.value, source: ttl.layer.source } : { value: '5m', source: { source: 'default', label: '5-minute cache (vendor default)' } },
    cacheFromDefault: cachePick === undefined,
    outputSpecific: out?.layer.specific === true,
    diagnostics,
  };
}

/**
 * The usage-file entry (site rule) that sets a site's assumptions: the file and 1-based line of the first value, in
 * the order the hover lists them, that a rule with a known line supplied. Undefined when only defaults, settings or an
 * annotation apply ("Edit assumptions" then opens the usage file itself).
 */
export function usageEntryOf(usage: UsageAssumptions): { readonly file: string; readonly line: number } | undefined {
  for (const v of [usage.callsPerDay, usage.fanOut, usage.cacheHitRate, usage.batchShare, usage.retryRate, usage.outputTokens, usage.model]) {
    const s = v?.source;
    if (s?.source === 'team-file' && s.file && s.line) return { file: s.file, line: s.line };
  }
  return undefined;
}
