/**
 * Exact BPE token counts for OpenAI encodings, via gpt-tokenizer (LIBRARIES.md §1.2–1.4).
 *
 * The encodings are `require`d inside a function so their rank tables (~200 ms, 14 MB for o200k) are evaluated on
 * first use only, never at activation. Long unbroken runs are counted in chunks of at most 1,000 characters,
 * because every BPE implementation is quadratic in the length of one pre-token (`a`×100k: 7.5 s unchunked, 9 ms
 * chunked; +0.034 % tokens on a realistic corpus).
 */

/** The encodings Tokentier counts with. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

interface Encoder {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string>; allowedSpecial?: Set<string> }): number;
}

const encoders = new Map<EncodingName, Encoder>();
/** Counts memoised per encoding: the same prompt text is counted again on every keystroke in its file. */
const memo = new Map<EncodingName, Map<string, number>>();
const MEMO_LIMIT = 20_000;
/** Counts this process computed (not seeded), for a persistent cache to keep: {@link takeTokenCounts}. */
const fresh = new Map<EncodingName, Map<string, number>>();
/** Special-token text (`<|endoftext|>`) is ordinary text in a prompt: never throw, never treat it as special. */
const NO_SPECIAL = { disallowedSpecial: new Set<string>(), allowedSpecial: new Set<string>() };

/** The longest piece handed to the BPE in one call (LIBRARIES.md §1.4). */
export const CHUNK_CHARS = 1000;

function load(name: EncodingName): Encoder {
  let enc = encoders.get(name);
  if (!enc) {
    // Lazy on purpose (see the file comment); esbuild still bundles these literal requires.
    /* eslint-disable @typescript-eslint/no-require-imports */
    enc =
      name === 'o200k_base'
        ? (require('gpt-tokenizer/cjs/encoding/o200k_base') as Encoder)
        : (require('gpt-tokenizer/cjs/encoding/cl100k_base') as Encoder);
    /* eslint-enable @typescript-eslint/no-require-imports */
    encoders.set(name, enc);
  }
  return enc;
}

/** True once `name` has been loaded (for timing: measure after the tables are in memory). */
export function isEncodingLoaded(name: EncodingName): boolean {
  return encoders.has(name);
}

/** Loads an encoding now (e.g. in a benchmark, to separate load time from counting time). */
export function preloadEncoding(name: EncodingName): void {
  load(name);
}

/**
 * Splits text into pieces of at most `max` characters: cut just before the last space in the second half of the
 * window when there is one (so words stay whole and the space stays with the word it precedes, as in o200k
 * pre-tokens), else hard-cut (never inside a surrogate pair).
 */
export function chunkText(text: string, max: number = CHUNK_CHARS): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let pos = 0;
  while (text.length - pos > max) {
    const window = text.slice(pos, pos + max);
    const space = window.lastIndexOf(' ');
    let cut = space >= max / 2 ? space : max;
    if (cut === max) {
      const code = text.charCodeAt(pos + cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep a surrogate pair together
    }
    out.push(text.slice(pos, pos + cut));
    pos += cut;
  }
  out.push(text.slice(pos));
  return out;
}

/** Exact token count of `text` in `encoding` (special-token text counted as ordinary text). */
export function countTokens(text: string, encoding: EncodingName): number {
  if (text.length === 0) return 0;
  let cache = memo.get(encoding);
  if (!cache) {
    cache = new Map();
    memo.set(encoding, cache);
  }
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const enc = load(encoding);
  let n = 0;
  for (const piece of chunkText(text)) n += enc.countTokens(piece, NO_SPECIAL);
  if (cache.size >= MEMO_LIMIT) cache.clear();
  cache.set(text, n);
  let made = fresh.get(encoding);
  if (!made) fresh.set(encoding, (made = new Map()));
  if (made.size < MEMO_LIMIT) made.set(text, n);
  return n;
}

/** Names of the encodings {@link countTokens} takes (a persistent cache checks what it reads back). */
export const ENCODINGS: readonly EncodingName[] = ['o200k_base', 'cl100k_base'];

/**
 * Adds counts computed earlier by this same engine build (the CLI's `--cache` index keeps them): a text found here is
 * not counted again, and when every text of a run is, the encoding's rank tables (~100 ms of start-up) never load.
 * The caller vouches for the counts (they are `countTokens` results of this build); anything else is ignored.
 */
export function seedTokenCounts(encoding: EncodingName, counts: Iterable<readonly [string, number]>): void {
  if (!ENCODINGS.includes(encoding)) return;
  let cache = memo.get(encoding);
  if (!cache) memo.set(encoding, (cache = new Map()));
  for (const [text, n] of counts) {
    if (cache.size >= MEMO_LIMIT) break;
    if (typeof text === 'string' && text.length > 0 && Number.isSafeInteger(n) && n >= 0) cache.set(text, n);
  }
}

/** The counts computed (not seeded) since the last call, per encoding; the list is emptied. */
export function takeTokenCounts(): [EncodingName, [string, number][]][] {
  const out: [EncodingName, [string, number][]][] = [...fresh].map(([e, m]) => [e, [...m]]);
  fresh.clear();
  return out;
}
