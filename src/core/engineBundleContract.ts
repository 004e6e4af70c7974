/**
 * The contract between the engine bundle (entry src/core/engineBundle.ts) and the code that loads it at run time. There
 * is one loader interface with two implementations, which differ only in how the bundle's text reaches the runtime:
 * - Node (the desktop extension host and the workspace scan's child process): src/node/engineBundle.ts `require`s
 *   `dist/engine.js`;
 * - the web worker extension host (vscode.dev, github.dev): src/vscode/web/engineBundle.ts reads `dist/web/engine.js`
 *   through `vscode.workspace.fs` and evaluates it as a CommonJS module.
 * Both hand what they loaded to {@link checkEngineBundle}, so a partial or old build fails the same way everywhere.
 */
import type * as EngineBundleExports from './engineBundle';

/** The engine bundle's exports (src/core/engineBundle.ts). */
export type EngineBundle = typeof EngineBundleExports;

/** Loads the engine bundle once; every later call returns the same instance. Rejects with a clear message. */
export interface EngineBundleLoader {
  /** Where the bundle comes from (for the log): a file path or URI. */
  readonly source: string;
  load(): Promise<EngineBundle>;
}

/** Functions every caller relies on; a bundle without one is an old build. */
const REQUIRED = ['createEngine', 'scanWorkspace', 'loadTeamConfig', 'computeAdvisorView', 'buildReport'] as const;

/**
 * The loaded module as an {@link EngineBundle}, or an Error naming what is missing (an old or partial build: rebuild
 * with `node esbuild.mjs`). `where` names the file in the message.
 */
export function checkEngineBundle(mod: unknown, where: string): EngineBundle {
  if (typeof mod !== 'object' || mod === null) throw new Error(`${where} did not load as a module (rebuild with node esbuild.mjs)`);
  const exports = mod as Record<string, unknown>;
  const missing = REQUIRED.filter((n) => typeof exports[n] !== 'function');
  if (missing.length) throw new Error(`${where} does not export ${missing.join(', ')} (rebuild with node esbuild.mjs)`);
  return mod as EngineBundle;
}
