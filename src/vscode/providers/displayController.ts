import * as vscode from 'vscode';
import type { Settings } from '../../core/config/settings';
import type { AnalysisCache } from '../analysisCache';
import type { ConfigService } from '../config';
import { Disposable, DisposableValue } from '../disposable';
import { SELECTOR } from '../documents';
import { CostCodeLensProvider } from './codeLens';
import { CostInlayHintsProvider } from './inlayHints';

/**
 * Registers the CodeLens and/or inlay hint provider according to `tokentier.display`, and disposes them when the
 * setting turns them off (GitLens `codeLensController.ts`): no provider answering `[]` while disabled.
 */
export class DisplayController extends Disposable {
  private readonly lens = this._register(new DisposableValue<vscode.Disposable>());
  private readonly inlay = this._register(new DisposableValue<vscode.Disposable>());
  private mode: Settings['display'] | undefined;

  constructor(private readonly cache: AnalysisCache, config: ConfigService) {
    super();
    this.apply(config.settings);
    this._register(config.onDidChange((s) => this.apply(s)));
  }

  /** The mode currently in force (for tests and the toggle command). */
  get display(): Settings['display'] | undefined {
    return this.mode;
  }

  private apply(settings: Settings): void {
    const mode = settings.display;
    if (mode === this.mode) return;
    this.mode = mode;
    const wantLens = mode === 'codeLens' || mode === 'both';
    const wantInlay = mode === 'inlay' || mode === 'both';
    if (wantLens && !this.lens.value) {
      const provider = new CostCodeLensProvider(this.cache);
      this.lens.value = vscode.Disposable.from(vscode.languages.registerCodeLensProvider(SELECTOR, provider), provider);
    } else if (!wantLens) {
      this.lens.value = undefined;
    }
    if (wantInlay && !this.inlay.value) {
      const provider = new CostInlayHintsProvider(this.cache);
      this.inlay.value = vscode.Disposable.from(vscode.languages.registerInlayHintsProvider(SELECTOR, provider), provider);
    } else if (!wantInlay) {
      this.inlay.value = undefined;
    }
  }
}
