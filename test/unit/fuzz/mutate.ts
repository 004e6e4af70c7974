/**
 * Text mutations for the fuzzer and the rule for which sites a mutation may not disturb.
 *
 * Every mutation touches one span starting at `at` (UTF-16 offset); the text before `at` is unchanged. A site lies
 * "away from" the mutation when its call range and the statements that resolve it end at least {@link MARGIN_LINES}
 * lines before the line of `at`. The resolving statements are taken to be the top-level statement that holds the call
 * (its function or class, where its client and model variables live): deleting the closing brace of that function
 * legitimately changes what the call means, deleting something in the next function must not.
 */
import * as fc from 'fast-check';

/** Lines between the end of a kept site and the mutated line. */
export const MARGIN_LINES = 1;

/** A mutation, as data (so fast-check can print and shrink it). */
export type Mutation =
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'swap'; readonly at: number; readonly other: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'replace'; readonly at: number; readonly text: string };

/** Characters that most disturb a parser: brackets, quotes, operators, line ends, a NUL-free binary-ish mix. */
const NASTY = ['(', ')', '[', ']', '{', '}', '"', "'", '`', '"""', '\\', '#', '//', '/*', '*/', ':', ',', '=', '\n', '\r', '\r\n', '\t', '${', '<script>', '</script>', '\uFEFF', '\uFFFD', '\u2028', '😀', 'def ', 'async ', '`${'];

/** Text to insert: a nasty token, a short random string, or a random unicode string. */
export const insertText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }).map((s) => s.split(String.fromCharCode(0)).join('')),
);

/** A mutation of a text of `length` UTF-16 units (offsets are fractions, so one arbitrary fits every text). */
export function mutationFor(length: number): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: Math.max(0, length) });
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('insert' as const), at, text: insertText }),
    fc.record({ kind: fc.constant('swap' as const), at, other: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({ kind: fc.constant('replace' as const), at, text: insertText }),
  );
}

/** Applies a mutation. */
export function applyMutation(text: string, m: Mutation): string {
  const at = Math.min(m.at, text.length);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'swap': {
      // Swaps the character at `at` with one `other` units later (or the last one).
      const j = Math.min(text.length - 1, at + m.other);
      if (at >= text.length || j <= at) return text;
      return text.slice(0, at) + text[j] + text.slice(at + 1, j) + text[at] + text.slice(j + 1);
    }
    case 'truncate':
      return text.slice(0, at);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
  }
}

/** The 0-based line of a UTF-16 offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** True when a site whose call range ends on `endLine` (0-based) must survive a mutation at line `mutatedLine`. */
export function isAway(endLine: number, mutatedLine: number): boolean {
  return endLine + MARGIN_LINES < mutatedLine;
}

/** The grammar of a corpus file by extension (Vue/Svelte: of their script blocks), or undefined for notebooks. */
export function grammarOf(id: string, scriptIsTs: boolean): 'python' | 'typescript' | 'tsx' | 'javascript' | undefined {
  if (id.endsWith('.py')) return 'python';
  if (/\.(ts|mts|cts)$/.test(id)) return 'typescript';
  if (/\.(tsx|jsx)$/.test(id)) return 'tsx';
  if (/\.(js|mjs|cjs)$/.test(id)) return 'javascript';
  if (/\.(vue|svelte)$/.test(id)) return scriptIsTs ? 'typescript' : 'javascript';
  return undefined;
}
