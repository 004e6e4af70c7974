/**
 * Reads the workspace settings the extension reads, so the editor and CI agree to the cent:
 * `.vscode/settings.json` (`tokentier.*` keys, JSONC) through the extension's own `parseSettings`.
 * Team files (`.tokentier/*`) are read by the core's `loadTeamConfig`, as in the extension.
 */
import fs from 'node:fs';
import path from 'node:path';
// The ESM build: esbuild cannot follow the UMD build's dynamic requires (`./impl/format`).
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { parseSettings, type Settings } from '../core/config/settings';
import type { Diagnostic } from '../core/types';

/** Settings keys the command line can override. */
export interface SettingOverrides {
  readonly currency?: string;
  readonly profile?: string;
  readonly priceBook?: string;
  readonly maxFileSize?: number;
  /** `--include-tests`: count test-code sites in totals and gates. */
  readonly includeTests?: boolean;
}

/** Reads `tokentier.*` from `<root>/.vscode/settings.json`, applies overrides, and validates. Never throws. */
export function loadCliSettings(root: string, overrides: SettingOverrides = {}): { settings: Settings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const raw: Record<string, unknown> = {};
  const file = path.join(root, '.vscode', 'settings.json');
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    const errors: ParseError[] = [];
    const parsed: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length) {
      diagnostics.push({ severity: 'warning', code: 'settings', message: `.vscode/settings.json: ${printParseErrorCode(errors[0]!.error)} at offset ${errors[0]!.offset}; values after it may be missing.`, file: '.vscode/settings.json' });
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
        if (key.startsWith('tokentier.')) raw[key.slice('tokentier.'.length)] = value;
      }
    }
  }
  if (overrides.currency !== undefined) raw['currency'] = overrides.currency.toUpperCase();
  if (overrides.profile !== undefined) raw['profile'] = overrides.profile;
  if (overrides.priceBook !== undefined) raw['priceBook'] = overrides.priceBook;
  if (overrides.maxFileSize !== undefined) raw['maxFileSize'] = overrides.maxFileSize;
  if (overrides.includeTests !== undefined) raw['includeTests'] = overrides.includeTests;
  const { settings, issues } = parseSettings(raw);
  for (const issue of issues) {
    if (raw[issue.key] === undefined) continue;
    diagnostics.push({ severity: 'warning', code: 'settings', message: `tokentier.${issue.key}: ${issue.message}; using the default.`, file: '.vscode/settings.json' });
  }
  return { settings, diagnostics };
}
