import type { CancellationToken } from '../cancellation';
import type { FileProvider } from '../fileProvider';
import type { Logger } from '../logger';
import type { SupportedLanguage } from '../excludes';
import type { DetectResult } from '../types';

/** Reads a bundled wasm file (`web-tree-sitter.wasm`, `tree-sitter-python.wasm`, …) by name. The caller does the I/O. */
export type LoadWasm = (name: string) => Promise<Uint8Array>;

export interface DetectInput {
  /** Workspace-relative POSIX path. */
  readonly path: string;
  /** Defaults to the language of the path's extension. */
  readonly languageId?: SupportedLanguage;
  readonly text: string;
  /** Document version, for incremental reparsing in the editor. */
  readonly version?: number;
}

export interface DetectOptions {
  /** Other workspace files (one-hop import resolution). */
  readonly files?: FileProvider;
  readonly loadWasm: LoadWasm;
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
  readonly logger?: Logger;
}

/**
 * Finds every LLM API call site in one file. Never throws: broken, binary, huge or cancelled input yields
 * diagnostics and a partial or empty result.
 *
 * PLACEHOLDER (foundation slice): a line-based scan for `.chat.completions.create(`; the tree-sitter engine
 * replaces it (issue 4).
 */
export async function detect(input: DetectInput, _options: DetectOptions): Promise<DetectResult> {
  const sites: DetectResult['sites'][number][] = [];
  const lines = input.text.split(/\r?\n/);
  lines.forEach((text, i) => {
    const col = text.indexOf('chat.completions.create(');
    if (col < 0 || text.trimStart().startsWith('#') || text.trimStart().startsWith('//')) return;
    const m = /model\s*[=:]\s*["']([^"']+)["']/.exec(lines.slice(i, i + 6).join('\n'));
    const method = 'chat.completions.create';
    const methodCol = col + 'chat.completions.'.length;
    sites.push({
      id: `${input.path}#${i + 1}:${method}`,
      file: input.path,
      range: { start: { line: i, character: col }, end: { line: i, character: text.length } },
      line: i + 1,
      provider: 'openai',
      via: 'sdk',
      api: 'chat',
      method,
      model: m ? { id: m[1]!, canonical: m[1]!, resolution: { kind: 'literal' } } : { id: null, canonical: null, resolution: { kind: 'unknown', expression: '?' } },
      stream: false,
      params: {},
      prompt: [],
      loops: [],
      confidence: 'low',
    });
    void methodCol;
  });
  return { sites, diagnostics: [] };
}
