/**
 * Reads the workspace settings the extension reads, so the editor and CI agree to the cent:
 * `.vscode/settings.json` (`tokentier.*` keys, JSONC) through the extension's own `parseSettings`.
 * Team files (`.tokentier/*`) are read by the core's `loadTeamConfig`, as in the extension.
 */
import fs from 'node:fs';
import path from 'node:path';
// The ESM build: esbuild cannot follow the UMD build's dynamic requires (`./impl/format`).
import { createScanner, parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { parseSettings, type Settings } from '../core/config/settings';
import { decodeFileText } from '../core/fileProvider';
import type { Diagnostic } from '../core/types';
import { isInsideReal, readRegularFile } from '../node/nodeFiles';

/** `.vscode/settings.json` larger than this is not read (as a team file). */
export const MAX_SETTINGS_BYTES = 1024 * 1024;
/** Deeper nesting than this is refused before parsing (the parser recurses: 100,000 levels overflowed the stack). */
export const MAX_SETTINGS_DEPTH = 64;

/** The deepest `{`/`[` nesting of a JSONC text, with jsonc-parser's token scanner (no recursion; strings and comments skipped). */
export function jsonNestingDepth(text: string): number {
  // jsonc-parser's SyntaxKind is a const enum (not importable here): { = 1, } = 2, [ = 3, ] = 4, end of file = 17.
  const scanner = createScanner(text, false);
  let depth = 0;
  let max = 0;
  for (let t: number = scanner.scan(); t !== 17; t = scanner.scan()) {
    if (t === 1 || t === 3) max = Math.max(max, ++depth);
    else if (t === 2 || t === 4) depth = Math.max(0, depth - 1);
  }
  return max;
}

/** The text of `.vscode/settings.json`, or a reason it was not read. Never blocks, never reads without end. */
function readSettingsText(root: string, file: string, followSymlinks: boolean): { text?: string; problem?: string } {
  const r = readRegularFile(file, MAX_SETTINGS_BYTES);
  if (!('bytes' in r)) {
    if (r.error === 'missing') return {};
    const why = r.error === 'not-a-file' ? 'is not a regular file (a FIFO, a device or a folder)' : r.error === 'too-large' ? `is over the ${MAX_SETTINGS_BYTES / 1024 / 1024} MB limit` : r.error === 'denied' ? 'cannot be read (permission denied)' : 'cannot be read';
    return { problem: `.vscode/settings.json ${why}; its tokentier.* settings are not applied.` };
  }
  if (!followSymlinks) {
    let inside = true;
    try {
      inside = isInsideReal(fs.realpathSync.native(root), fs.realpathSync.native(file));
    } catch {
      inside = true;
    }
    if (!inside) return { problem: '.vscode/settings.json is a symbolic link that leads out of the scan root; not read (pass --follow-symlinks to follow it).' };
  }
  return { text: decodeFileText(r.bytes) };
}

/** Settings keys the command line can override. */
export interface SettingOverrides {
  readonly currency?: string;
  readonly exchangeRate?: number;
  readonly exchangeRateSource?: string;
  readonly profile?: string;
  readonly priceBook?: string;
  readonly maxFileSize?: number;
  /** `--include-tests`: count test-code sites in totals and gates. */
  readonly includeTests?: boolean;
}

/**
 * Reads `tokentier.*` from `<root>/.vscode/settings.json`, applies overrides, and validates. Never throws. The file is
 * read as a team file is (issue 17): a regular file of at most 1 MB inside the scan root, opened non-blocking, nested
 * at most 64 deep; anything else is a warning and the file is not applied.
 */
export function loadCliSettings(root: string, overrides: SettingOverrides = {}, options: { readonly followSymlinks?: boolean } = {}): { settings: Settings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // No prototype: a `"tokentier.__proto__"` key must not become this object's prototype (and lend it a currency).
  const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const file = path.join(root, '.vscode', 'settings.json');
  const read = readSettingsText(root, file, options.followSymlinks === true);
  let text = read.text;
  if (read.problem) diagnostics.push({ severity: 'warning', code: 'settings', message: read.problem, file: '.vscode/settings.json' });
  if (text !== undefined && jsonNestingDepth(text) > MAX_SETTINGS_DEPTH) {
    diagnostics.push({ severity: 'warning', code: 'settings', message: `.vscode/settings.json is nested more than ${MAX_SETTINGS_DEPTH} levels deep; its tokentier.* settings are not applied.`, file: '.vscode/settings.json' });
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
        const name = key.slice('tokentier.'.length);
        if (key.startsWith('tokentier.') && name !== '__proto__') raw[name] = value;
      }
    }
  }
  if (overrides.currency !== undefined) raw['currency'] = overrides.currency.toUpperCase();
  if (overrides.exchangeRate !== undefined) raw['exchangeRate'] = overrides.exchangeRate;
  if (overrides.exchangeRateSource !== undefined) raw['exchangeRateSource'] = overrides.exchangeRateSource;
  if (overrides.profile !== undefined) raw['profile'] = overrides.profile;
  if (overrides.priceBook !== undefined) raw['priceBook'] = overrides.priceBook;
  if (overrides.maxFileSize !== undefined) raw['maxFileSize'] = overrides.maxFileSize;
  if (overrides.includeTests !== undefined) raw['includeTests'] = overrides.includeTests;
  const { settings, issues } = parseSettings(raw);
  for (const issue of issues) {
    if (!Object.hasOwn(raw, issue.key) || raw[issue.key] === undefined) continue;
    diagnostics.push({ severity: 'warning', code: 'settings', message: `tokentier.${issue.key}: ${issue.message}; using the default.`, file: '.vscode/settings.json' });
  }
  return { settings, diagnostics };
}
