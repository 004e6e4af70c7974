import * as vscode from 'vscode';
import { explicitSettingValue, parseSettings, settingsSchema, type Settings } from '../core/config/settings';
import type { Logger } from '../core/logger';

export const SECTION = 'tokentier';

/** Settings that only change how hints look, so Restricted Mode may take them from the workspace. */
const PRESENTATION_KEYS: ReadonlySet<string> = new Set(['display', 'debounceMs']);

/**
 * The only reader of `tokentier.*` settings. Parses through the zod schema (per-field fallback), warns once per
 * bad value with "Open Settings", and re-emits one typed change event.
 */
export class ConfigService implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this._onDidChange.event;
  private current: Settings;
  private readonly warned = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this._onDidChange];

  constructor(private readonly logger: Logger) {
    this.current = this.read();
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.current = this.read();
        this._onDidChange.fire(this.current);
      },
      undefined,
      this.disposables,
    );
    // Granting trust lets workspace settings (and team files) change costs: re-read and re-emit.
    vscode.workspace.onDidGrantWorkspaceTrust(
      () => {
        this.current = this.read();
        this._onDidChange.fire(this.current);
      },
      undefined,
      this.disposables,
    );
  }

  get settings(): Settings {
    return this.current;
  }

  /**
   * Reads settings for a resource scope (multi-root: each folder may differ). In Restricted Mode only user
   * settings apply to anything that changes costs.
   */
  read(scope?: vscode.ConfigurationScope): Settings {
    const cfg = vscode.workspace.getConfiguration(SECTION, scope);
    const raw: Record<string, unknown> = {};
    const trusted = vscode.workspace.isTrusted;
    for (const key of Object.keys(settingsSchema.shape)) {
      // Only values someone wrote are read (an unset setting is never "invalid"); in Restricted Mode a workspace
      // must not change costs, so only user values count there.
      const v = explicitSettingValue(cfg.inspect(key), { trusted, anyScope: PRESENTATION_KEYS.has(key) });
      if (v !== undefined) raw[key] = v;
    }
    const { settings, issues } = parseSettings(raw);
    for (const issue of issues) {
      // read() runs per folder and per refresh: log and notify once per bad value, not on every read.
      if (!this.warned.has(issue.key)) {
        this.logger.warn(`Setting tokentier.${issue.key} is invalid (${issue.message}); using its default.`);
        this.warned.add(issue.key);
        void vscode.window
          .showWarningMessage(`Tokentier: the setting "tokentier.${issue.key}" is invalid (${issue.message}). Using its default.`, 'Open Settings')
          .then((choice) => {
            if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `tokentier.${issue.key}`);
          });
      }
    }
    return settings;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
