/**
 * The one loader of the engine bundle (`dist/engine.js`, entry src/core/engineBundle.ts): the extension host
 * (src/vscode/engineLoader.ts, which the Tier Advisor panel also goes through) and the workspace scan's child process
 * (src/node/scanChild.ts) both call it. A runtime `require` of the separate bundle: esbuild keeps `./engine.js` external
 * (esbuild.mjs), and Node's module cache makes every caller in a process share one instance.
 */
import * as path from 'node:path';
import type * as EngineBundleExports from '../core/engineBundle';

/** The engine bundle's exports (src/core/engineBundle.ts). */
export type EngineBundle = typeof EngineBundleExports;

/** Functions every caller relies on; a bundle without one is an old build. */
const REQUIRED = ['createEngine', 'scanWorkspace', 'loadTeamConfig', 'computeAdvisorView'] as const;

/**
 * Loads `<distDir>/engine.js`. Throws with a clear message when the bundle is missing or lacks a function (an old or
 * partial build: rebuild with `node esbuild.mjs`).
 */
export function loadEngineBundle(distDir: string): EngineBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle path is only known at run time.
  const mod = require(path.join(distDir, 'engine.js')) as Record<string, unknown>;
  const missing = REQUIRED.filter((n) => typeof mod[n] !== 'function');
  if (missing.length) throw new Error(`${path.join(distDir, 'engine.js')} does not export ${missing.join(', ')} (rebuild with node esbuild.mjs)`);
  return mod as unknown as EngineBundle;
}
