/**
 * Glob matching in linear time, for every glob Tokentier takes from a workspace or a team file: `tokentier.include`
 * and `tokentier.exclude`, `files.exclude`, usage-file `match.file`, policy `when.model`/`when.file`/`forbidModels` and
 * price-book adjustment `model`.
 *
 * Why not a regular expression: picomatch (like minimatch) turns a glob into a backtracking RegExp, and
 * `*a*a*a*a*a*a*a*a*b` against a long name of `a`s takes exponential time (issue 17: 104 s for one site). Here a
 * pattern compiles to a Thompson NFA and is run by state-set simulation, with the state sets cached as DFA states
 * (what RE2 does). The bound: each input character visits at most every NFA state once, and a pattern of n
 * characters has at most 4n + 2 states, so matching costs O(pattern length × input length) state visits whatever
 * the pattern; a pattern over {@link MAX_GLOB_LENGTH} characters matches nothing (the schemas reject it with a
 * message). {@link globStats} counts the visits, so tests check the bound by counting, not by timing.
 *
 * The dialect is VS Code's (`files.exclude`), which is picomatch's common core:
 * - `*` any run of characters except `/` (a `*` that is a whole last segment needs at least one character);
 * - `?` one character except `/`;
 * - `**` as a whole path segment: any number of segments (`a/**` also matches `a`, except after a segment that ends
 *   in `*`, as in picomatch; `**` + `/x` also matches `x`); elsewhere it is `*`;
 * - `[abc]`, `[a-z]`, `[!a]` / `[^a]`, POSIX classes (`[[:alpha:]]`); never `/`;
 * - `{a,b,c}` alternatives, nested; `{a}` without a comma and `{1..3}` ranges are literal text;
 * - a leading `!` negates the pattern; `\x` is a literal `x`; a leading `./` is ignored.
 * Dotfiles match like other names (picomatch's `dot: true`). Extglobs (`@(a|b)`, `+(…)`) are not supported: their
 * characters are literal.
 */

/** Patterns longer than this never match (a team file or setting that sets one gets a validation message). */
export const MAX_GLOB_LENGTH = 1000;

/** Nesting depth of `{…}` beyond which braces are literal text. */
const MAX_BRACE_DEPTH = 32;

/** DFA states kept per pattern before the cache is dropped and rebuilt (memory stays bounded). */
const MAX_DFA_STATES = 2000;

export interface GlobOptions {
  /** Case-insensitive (model ids). */
  readonly nocase?: boolean;
}

/** State visits since the process started (tests read the difference around a call). */
export const globStats = { steps: 0 };

const SLASH = 47;

type Test = (c: number) => boolean;

type Node =
  | { readonly t: 'char'; readonly test: Test }
  | { readonly t: 'star'; readonly nonEmpty: boolean }
  /** `**` then `/` at a segment start: zero or more whole segments, `(?:.*\/)?`. */
  | { readonly t: 'dirs' }
  /** `/**` at the end: `(?:\/.*)?`. */
  | { readonly t: 'tail' }
  /** A pattern that is only `**`: anything. */
  | { readonly t: 'all' }
  | { readonly t: 'alt'; readonly alts: Node[][] };

const notSlash: Test = (c) => c !== SLASH;
const anyChar: Test = () => true;

const POSIX: Readonly<Record<string, Test>> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  word: (c) => c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
};

function upper(c: number): number {
  if (c >= 97 && c <= 122) return c - 32;
  if (c < 128) return c;
  const s = String.fromCharCode(c).toUpperCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

function lower(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  const s = String.fromCharCode(c).toLowerCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

/** Parses a glob (without its leading `!`) into nodes. Never throws: anything it does not understand is literal. */
class Parser {
  private i = 0;
  constructor(private readonly p: string, private readonly nocase: boolean) {}

  parse(): Node[] {
    const seq = this.seq(0, false);
    // `**` + `/**`: a globstar directly after another adds nothing ((?:.*\/)?.* is .*).
    for (let i = seq.length - 2; i >= 0; i--) if (seq[i]!.t === 'dirs' && (seq[i + 1]!.t === 'dirs' || seq[i + 1]!.t === 'all')) seq.splice(i, 1);
    // `a/**`: the slash and everything after it are optional (picomatch and VS Code match `a` too), unless the segment
    // before it ends with a `*` (picomatch: `a*` then `/**` needs the slash; found by the glob fuzzer).
    const last = seq[seq.length - 1];
    const before = seq[seq.length - 2];
    const segmentEnd = seq[seq.length - 3];
    if (last?.t === 'all' && seq.length >= 2 && before && this.isSlash(before) && segmentEnd?.t !== 'star') seq.splice(seq.length - 2, 2, { t: 'tail' });
    return seq;
  }

  private slashNodes = new WeakSet<Node>();
  private isSlash(n: Node): boolean {
    return this.slashNodes.has(n);
  }

  private lit(ch: number): Node {
    const c = this.nocase ? lower(ch) : ch;
    const n: Node = { t: 'char', test: (x) => x === c };
    if (ch === SLASH) this.slashNodes.add(n);
    return n;
  }

  /** A sequence up to the end, or (inside braces) up to an unnested `,` or `}`. */
  private seq(depth: number, inBraces: boolean): Node[] {
    const p = this.p;
    const out: Node[] = [];
    while (this.i < p.length) {
      const ch = p.charCodeAt(this.i);
      if (inBraces && (ch === 44 /* , */ || ch === 125 /* } */)) break;
      if (ch === 92 /* \ */ && this.i + 1 < p.length) {
        out.push(this.lit(p.charCodeAt(this.i + 1)));
        this.i += 2;
      } else if (ch === 42 /* * */) {
        this.star(out, inBraces);
      } else if (ch === 63 /* ? */) {
        out.push({ t: 'char', test: notSlash });
        this.i++;
      } else if (ch === 91 /* [ */) {
        const cls = this.charClass();
        if (cls) out.push(cls);
        else {
          out.push(this.lit(ch));
          this.i++;
        }
      } else if (ch === 123 /* { */ && depth < MAX_BRACE_DEPTH) {
        const alt = this.braces(depth);
        if (alt) out.push(alt);
        else {
          out.push(this.lit(ch));
          this.i++;
        }
      } else {
        out.push(this.lit(ch));
        this.i++;
      }
    }
    return out;
  }

  private star(out: Node[], inBraces: boolean): void {
    const p = this.p;
    const start = this.i;
    while (this.i < p.length && p.charCodeAt(this.i) === 42) this.i++;
    const run = this.i - start;
    const prev = start > 0 ? p.charCodeAt(start - 1) : -1;
    const next = this.i < p.length ? p.charCodeAt(this.i) : -1;
    // Inside braces, `{` and `,` start an alternative and `,` and `}` end one.
    const atSegmentStart = prev === -1 || prev === SLASH || (inBraces && (prev === 123 || prev === 44));
    const atSegmentEnd = next === -1 || next === SLASH || (inBraces && (next === 44 || next === 125));
    // Exactly two stars make a globstar (three or more are one `*`, as in picomatch).
    if (run === 2 && atSegmentStart && atSegmentEnd) {
      if (next === SLASH) {
        // `**/`: zero or more whole segments (the slash is part of it).
        this.i++;
        out.push({ t: 'dirs' });
      } else out.push({ t: 'all' });
      return;
    }
    // A `*` that is a whole last segment needs one character (`a/*` does not match `a/`).
    out.push({ t: 'star', nonEmpty: atSegmentStart && next === -1 });
  }

  /** `[...]` from the current `[`, or undefined when it is not closed (then `[` is literal). */
  private charClass(): Node | undefined {
    const p = this.p;
    let j = this.i + 1;
    let negate = false;
    if (p[j] === '!' || p[j] === '^') {
      negate = true;
      j++;
    }
    const tests: Test[] = [];
    let first = true;
    while (j < p.length) {
      let c = p.charCodeAt(j);
      if (c === 93 /* ] */ && !first) break;
      first = false;
      if (c === 91 && p[j + 1] === ':') {
        const end = p.indexOf(':]', j + 2);
        const t = end > 0 ? POSIX[p.slice(j + 2, end)] : undefined;
        if (t) {
          tests.push(t);
          j = end + 2;
          continue;
        }
      }
      if (c === 92 && j + 1 < p.length) {
        j++;
        c = p.charCodeAt(j);
      }
      if (p[j + 1] === '-' && j + 2 < p.length && p[j + 2] !== ']') {
        let hiIndex = j + 2;
        if (p.charCodeAt(hiIndex) === 92 && hiIndex + 1 < p.length) hiIndex++;
        const lo = c;
        const hi = p.charCodeAt(hiIndex);
        tests.push((x) => x >= lo && x <= hi);
        j = hiIndex + 1;
        continue;
      }
      const one = c;
      tests.push((x) => x === one);
      j++;
    }
    if (j >= p.length) return undefined;
    this.i = j + 1;
    const raw = (x: number) => tests.some((t) => t(x));
    // The input is lower-cased when matching without case: try the character's upper case too.
    const inSet = this.nocase ? (x: number) => raw(x) || raw(upper(x)) : raw;
    return { t: 'char', test: negate ? (x) => x !== SLASH && !inSet(x) : (x) => x !== SLASH && inSet(x) };
  }

  /** `{a,b}` from the current `{`, or undefined when it is not closed or has no comma (then `{` is literal). */
  private braces(depth: number): Node | undefined {
    const save = this.i;
    this.i++;
    const alts: Node[][] = [];
    for (;;) {
      alts.push(this.seq(depth + 1, true));
      if (this.i >= this.p.length) break;
      const c = this.p.charCodeAt(this.i);
      this.i++;
      if (c === 125) {
        if (alts.length >= 2) return { t: 'alt', alts };
        break;
      }
    }
    this.i = save;
    return undefined;
  }
}

/** An NFA state: a character test with one successor, an ε-split with two, or the accepting state. */
type State = { readonly k: 'char'; readonly test: Test; next: number } | { readonly k: 'split'; a: number; b: number } | { readonly k: 'match' };

class Nfa {
  readonly states: State[] = [{ k: 'match' }];

  private char(test: Test, next: number): number {
    this.states.push({ k: 'char', test, next });
    return this.states.length - 1;
  }

  private split(a: number, b: number): number {
    this.states.push({ k: 'split', a, b });
    return this.states.length - 1;
  }

  /** Compiles `seq` so that it continues at `next`; returns the entry state. */
  compile(seq: readonly Node[], next: number): number {
    let start = next;
    for (let i = seq.length - 1; i >= 0; i--) start = this.node(seq[i]!, start);
    return start;
  }

  private node(n: Node, next: number): number {
    switch (n.t) {
      case 'char':
        return this.char(n.test, next);
      case 'star': {
        // loop: split(one char → loop, next); nonEmpty enters through the char.
        const loop = this.split(-1, next);
        const one = this.char(notSlash, loop);
        (this.states[loop] as { a: number }).a = one;
        return n.nonEmpty ? one : loop;
      }
      case 'dirs': {
        // (?:.*\/)?
        const loop = this.split(-1, -1);
        const any = this.char(anyChar, loop);
        const slash = this.char((c) => c === SLASH, next);
        const l = this.states[loop] as { a: number; b: number };
        l.a = any;
        l.b = slash;
        return this.split(next, loop);
      }
      case 'tail': {
        // (?:\/.*)?
        const loop = this.split(-1, next);
        const any = this.char(anyChar, loop);
        (this.states[loop] as { a: number }).a = any;
        const slash = this.char((c) => c === SLASH, loop);
        return this.split(next, slash);
      }
      case 'all': {
        const loop = this.split(-1, next);
        const any = this.char(anyChar, loop);
        (this.states[loop] as { a: number }).a = any;
        return loop;
      }
      case 'alt': {
        let entry = this.compile(n.alts[n.alts.length - 1]!, next);
        for (let i = n.alts.length - 2; i >= 0; i--) entry = this.split(this.compile(n.alts[i]!, next), entry);
        return entry;
      }
    }
  }
}

interface DfaState {
  /** NFA char states in this set. */
  readonly chars: readonly number[];
  readonly accepts: boolean;
  readonly next: Map<number, DfaState>;
}

/** One compiled pattern: NFA plus a lazily built, bounded DFA cache. */
class CompiledGlob {
  private cache = new Map<string, DfaState>();
  private readonly start: DfaState;
  private readonly mark: Int32Array;
  private generation = 0;

  constructor(private readonly nfa: Nfa, entry: number, private readonly nocase: boolean) {
    this.mark = new Int32Array(nfa.states.length);
    this.start = this.stateOf([entry]);
  }

  /** The ε-closure of `seeds` as a (cached) DFA state. */
  private stateOf(seeds: readonly number[]): DfaState {
    this.generation++;
    const gen = this.generation;
    const chars: number[] = [];
    let accepts = false;
    const stack = [...seeds];
    let steps = 0;
    while (stack.length) {
      const s = stack.pop()!;
      steps++;
      if (this.mark[s] === gen) continue;
      this.mark[s] = gen;
      const st = this.nfa.states[s]!;
      if (st.k === 'match') accepts = true;
      else if (st.k === 'char') chars.push(s);
      else {
        stack.push(st.b, st.a);
      }
    }
    globStats.steps += steps;
    chars.sort((a, b) => a - b);
    const key = `${accepts ? 1 : 0}:${chars.join(',')}`;
    let d = this.cache.get(key);
    if (!d) {
      if (this.cache.size >= MAX_DFA_STATES) this.cache = new Map();
      d = { chars, accepts, next: new Map() };
      this.cache.set(key, d);
    }
    return d;
  }

  test(input: string): boolean {
    let d = this.start;
    for (let i = 0; i < input.length; i++) {
      if (!d.chars.length) return false;
      const raw = input.charCodeAt(i);
      const c = this.nocase ? lower(raw) : raw;
      globStats.steps++;
      let n = d.next.get(c);
      if (!n) {
        const seeds: number[] = [];
        for (const s of d.chars) {
          const st = this.nfa.states[s] as { test: Test; next: number };
          globStats.steps++;
          if (st.test(c)) seeds.push(st.next);
        }
        n = this.stateOf(seeds);
        // Bounded: a long run of distinct characters (random bytes) on a cached state adds at most one entry each.
        if (d.next.size < 256) d.next.set(c, n);
      }
      d = n;
    }
    return d.accepts;
  }
}

/** Compiles one glob into a predicate. Never throws; a pattern over {@link MAX_GLOB_LENGTH} characters matches nothing. */
export function compileGlob(pattern: string, options: GlobOptions = {}): (path: string) => boolean {
  if (typeof pattern !== 'string' || pattern.length > MAX_GLOB_LENGTH) return () => false;
  let p = pattern;
  let negate = false;
  if (p.length > 1 && p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  }
  while (p.startsWith('./')) p = p.slice(2);
  const nocase = options.nocase === true;
  const nfa = new Nfa();
  const entry = nfa.compile(new Parser(p, nocase).parse(), 0);
  const glob = new CompiledGlob(nfa, entry, nocase);
  // The empty path matches nothing, negated or not (as in picomatch).
  return negate ? (s) => s.length > 0 && !glob.test(s) : (s) => s.length > 0 && glob.test(s);
}

/** A predicate that is true when any of `patterns` matches (picomatch's semantics for a list). */
export function globMatcher(patterns: string | readonly string[], options: GlobOptions = {}): (path: string) => boolean {
  const list = (typeof patterns === 'string' ? [patterns] : [...patterns]).map((p) => compileGlob(p, options));
  if (list.length === 1) return list[0]!;
  return (s) => list.some((m) => m(s));
}

const shared = new Map<string, (path: string) => boolean>();

/** `compileGlob` with a process-wide cache of compiled patterns (bounded), for matching one pattern many times. */
export function globMatch(pattern: string, input: string, options: GlobOptions = {}): boolean {
  const key = `${options.nocase ? 'i' : 's'}:${pattern}`;
  let m = shared.get(key);
  if (!m) {
    if (shared.size >= 1000) shared.clear();
    m = compileGlob(pattern, options);
    shared.set(key, m);
  }
  return m(input);
}
