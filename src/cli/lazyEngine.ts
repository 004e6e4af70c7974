/**
 * The CLI's access to the engine bundle (issue 23). `dist/cli.js` does not contain the engine (parsers, tokenizer
 * tables, price data, the tier model): it loads `dist/engine.js` through the one loader (src/node/engineBundle.ts) when
 * a file must be analysed or a command needs it, so a cached re-scan that finds nothing changed never loads it.
 */
import path from 'node:path';
import type { Settings } from '../core/config/settings';
import type { DetectInput } from '../core/detect/detector';
import type { CancellationToken } from '../core/cancellation';
import type { DocumentAnalysis, Engine } from '../core/engine';
import type { ScanEngine } from '../core/scan/scanner';
import { loadEngineBundle, type EngineBundle } from '../node/engineBundle';

let bundle: EngineBundle | undefined;

/**
 * The engine bundle's exports: `dist/engine.js` beside the CLI bundle (`assetDir`), or, when the CLI runs from source
 * (tests under tsx), the core's bundle entry itself.
 */
export function engineBundle(assetDir: string): EngineBundle {
  if (bundle) return bundle;
  if (__filename.endsWith('.js')) return (bundle = loadEngineBundle(assetDir));
  const entry = path.join(__dirname, '..', 'core', 'engineBundle');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- from source only; never bundled (a run-time path).
  return (bundle = require(entry) as EngineBundle);
}

/**
 * A {@link ScanEngine} that creates the real engine on first use: what the scan needs before that (the settings, the
 * report's currency) it has without the engine.
 */
export class LazyScanEngine implements ScanEngine {
  private engine: Engine | undefined;
  /** Called once with the engine when it is created (the result cache seeds its token counts then). */
  onCreate: ((engine: Engine) => void) | undefined;

  constructor(private readonly make: () => Engine, readonly currentSettings: Settings, readonly currency: string) {}

  /** The engine, created (and the bundle loaded) now if it was not yet. */
  get real(): Engine {
    if (!this.engine) {
      this.engine = this.make();
      this.onCreate?.(this.engine);
    }
    return this.engine;
  }

  /** True once the engine exists (the bundle is loaded). */
  get created(): boolean {
    return this.engine !== undefined;
  }

  analyzeDocument(input: DetectInput, token?: CancellationToken): Promise<DocumentAnalysis> {
    return this.real.analyzeDocument(input, token);
  }

  mightContainLlmCall(text: string): boolean {
    return this.real.mightContainLlmCall(text);
  }
}
