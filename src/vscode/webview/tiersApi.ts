import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { CostCurve, SelfHostModel, TierComparison, TierOptions, TierSource, Workload } from '../../core/tiers/types';

/** The tier model's functions the advisor uses (`src/core/tiers/`, re-exported by `src/core/engine.ts`). */
export interface TiersApi {
  compareTiers(workload: Workload, options?: TierOptions): TierComparison;
  costCurve(workload: Workload, options: TierOptions, requestsPerDayPoints: readonly number[]): CostCurve;
  listSelfHostModels(): readonly SelfHostModel[];
  resolveTierOptions(partial?: Partial<Omit<TierOptions, 'efficiency'>>): TierOptions;
  /** Electricity, PUE, colocation figures from rental.csv (optional: older bundles lack it). */
  listFacilityFigures?(): readonly { category: string; provider: string; value: number | null; valueText: string; region: string; source: TierSource }[];
}

const NAMES = ['compareTiers', 'costCurve', 'listSelfHostModels', 'resolveTierOptions'] as const;

/**
 * Loads the tier model from the lazily loaded engine bundle (`dist/engine.js`), so its data tables are not read at
 * activation. Node's module cache makes this the same instance the EngineLoader uses. Throws with a clear message
 * when the bundle lacks the tiers functions (an old build).
 */
export function loadTiersFromBundle(extensionUri: vscode.Uri): TiersApi {
  // A runtime require of the separate bundle: esbuild keeps it external (see esbuild.mjs and engineLoader.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle path is only known at run time.
  const mod = require(path.join(extensionUri.fsPath, 'dist', 'engine.js')) as Record<string, unknown>;
  const missing = NAMES.filter((n) => typeof mod[n] !== 'function');
  if (missing.length) throw new Error(`dist/engine.js does not export ${missing.join(', ')} (rebuild with node esbuild.mjs)`);
  return mod as unknown as TiersApi;
}
