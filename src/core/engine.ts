/**
 * The engine facade: detection and estimation of one document, with one configuration at a time. The extension reaches
 * it through the lazily loaded engine bundle (src/core/engineBundle.ts), the CLI directly. Pure: all I/O goes through
 * the host's FileProvider and LoadWasm.
 */
import { neverCancelled, type CancellationToken } from './cancellation';
import { defaultSettings, type Settings } from './config/settings';
import { detect, passesPrefilter, type DetectInput, type LoadWasm } from './detect/detector';
import { currencyPlan } from './estimate/currency';
import { emptyTeamConfig, estimateSitesWithDiagnostics, type TeamConfig } from './estimate/estimator';
import type { FileProvider } from './fileProvider';
import { nullLogger, type Logger } from './logger';
import type { Diagnostic, DetectResult, SiteEstimate } from './types';

export interface EngineHost {
  readonly files: FileProvider;
  readonly loadWasm: LoadWasm;
  readonly logger?: Logger;
  /** Parse every pre-filter candidate, without the evidence test (same sites, slower; for checks). */
  readonly exhaustive?: boolean;
  /**
   * False for a one-pass scan (the CLI): no syntax tree or result is kept for incremental re-analysis after a file,
   * so memory stays flat over a large tree. Default true (the editor re-analyses documents as they change).
   */
  readonly retain?: boolean;
}

export interface DocumentAnalysis {
  readonly path: string;
  readonly version?: number;
  readonly detect: DetectResult;
  readonly estimates: readonly SiteEstimate[];
  /** Detection diagnostics plus estimation ones (bad annotations, unknown models). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface EngineConfig {
  readonly settings: Settings;
  /** False in a restricted (untrusted) workspace: team files are not read. */
  readonly trusted: boolean;
  readonly team?: TeamConfig;
}

/** Analyses documents with one configuration at a time. Cheap to create; keeps parser caches between calls. */
export class Engine {
  private settings: Settings = defaultSettings;
  private team: TeamConfig = emptyTeamConfig;
  private readonly logger: Logger;

  constructor(private readonly host: EngineHost) {
    this.logger = host.logger ?? nullLogger;
  }

  /** Applies settings and team files (already loaded by the caller, or none). */
  configure(config: EngineConfig): void {
    this.settings = config.settings;
    this.team = config.trusted ? config.team ?? emptyTeamConfig : emptyTeamConfig;
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  /** The currency every figure is in under the current settings and price book (src/core/estimate/currency.ts). */
  get currency(): string {
    return currencyPlan(this.settings, this.team.priceBook).code;
  }

  /**
   * The detector's pre-filter (`PREFILTER`): false when the text holds no word an LLM call needs, so a scan need not
   * analyse it.
   */
  mightContainLlmCall(text: string): boolean {
    return passesPrefilter(text);
  }

  /** Detects and estimates one document. Never throws. */
  async analyzeDocument(input: DetectInput, token: CancellationToken = neverCancelled): Promise<DocumentAnalysis> {
    try {
      const result = await detect(input, { files: this.host.files, loadWasm: this.host.loadWasm, maxFileBytes: this.settings.maxFileSize, token, logger: this.logger, ...(this.host.exhaustive ? { exhaustive: true } : {}), ...(this.host.retain === false ? { retain: false } : {}) });
      const { estimates, diagnostics } = await estimateSitesWithDiagnostics(result.sites, { settings: this.settings, team: this.team, files: this.host.files });
      return { path: input.path, version: input.version, detect: result, estimates, diagnostics: [...result.diagnostics, ...diagnostics] };
    } catch (e) {
      this.logger.error(e instanceof Error ? e : String(e));
      const diagnostic: Diagnostic = { severity: 'error', code: 'internal-error', message: `Tokentier could not analyse this file: ${String(e)}`, file: input.path };
      return { path: input.path, version: input.version, detect: { sites: [], diagnostics: [diagnostic] }, estimates: [], diagnostics: [diagnostic] };
    }
  }
}

/** Creates an engine (the lazily loaded bundle's entry). */
export function createEngine(host: EngineHost): Engine {
  return new Engine(host);
}
