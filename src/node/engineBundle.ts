/**
 * The Node implementation of the one engine-bundle loader (src/core/engineBundleContract.ts): a runtime `require` of
 * `dist/engine.js` (entry src/core/engineBundle.ts). The desktop extension host (through src/vscode/desktop/platform.ts,
 * which the Tier Advisor panel also goes through) and the workspace scan's child process (src/node/scanChild.ts) both
 * use it. esbuild keeps `./engine.js` external (esbuild.mjs), and Node's module cache makes every caller in a process
 * share one instance. The web worker host loads `dist/web/engine.js` instead (src/vscode/web/engineBundle.ts).
 */
import * as path from 'node:path';
import { checkEngineBundle, type EngineBundle, type EngineBundleLoader } from '../core/engineBundleContract';

export type { EngineBundle } from '../core/engineBundleContract';

/**
 * Loads `<distDir>/engine.js`. Throws with a clear message when the bundle is missing or lacks a function (an old or
 * partial build: rebuild with `node esbuild.mjs`).
 */
export function loadEngineBundle(distDir: string): EngineBundle {
  const file = path.join(distDir, 'engine.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle path is only known at run time.
  return checkEngineBundle(require(file), file);
}

/** The {@link EngineBundleLoader} over {@link loadEngineBundle}: `require` is synchronous and cached by Node. */
export function nodeEngineBundleLoader(distDir: string): EngineBundleLoader {
  const source = path.join(distDir, 'engine.js');
  return { source, load: async () => loadEngineBundle(distDir) };
}
