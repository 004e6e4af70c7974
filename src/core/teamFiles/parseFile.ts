import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { lineOfOffset, lineStarts } from '../lineIndex';
import type { Diagnostic, Provenance } from '../types';

/** A parsed JSON/YAML team file with a way back from a value's path to its 1-based line. */
export interface ParsedFile {
  readonly path: string;
  readonly value: unknown;
  /** 1-based line of the value at `path` (or of its nearest existing parent). */
  lineAt(path: readonly (string | number)[]): number | undefined;
}

/** A path-element list as `models[2].prices.input_mtok`. */
export function formatPath(path: readonly PropertyKey[]): string {
  // Keys that do not look like names are described, not echoed (see displayKey).
  const name = (p: PropertyKey) => (typeof p === 'string' && !/^[\w$.:/@+-]{1,64}$/.test(p) ? `(a key of ${p.length} characters)` : String(p));
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${name(p)}` : name(p)), '');
}

/** The 1-based line of an offset. */
function lineAtOffset(starts: readonly number[], offset: number): number {
  return lineOfOffset(starts, offset) + 1;
}

/** The property nodes of an object node (each has children [key, value] once parsed without errors). */
function properties(node: Node): Node[] {
  return node.type === 'object' ? (node.children ?? []).filter((c) => c.type === 'property' && c.children?.[0]) : [];
}

/**
 * Work done finding lines (index entries built + path steps), for tests: finding the line of every one of n keys must
 * cost O(n), not O(n²) (issue 17: 40,000 unknown keys took 83 s when each lookup re-scanned all keys).
 */
export const lineLookupStats = { steps: 0 };

/** Each object's key → value node (the LAST occurrence of a repeated key), built on first use. */
const jsonIndexes = new WeakMap<Node, Map<string, Node>>();

function jsonIndex(node: Node): Map<string, Node> {
  let index = jsonIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const p of properties(node)) {
      lineLookupStats.steps++;
      const value = p.children![1];
      if (value) index.set(String(p.children![0]!.value), value);
    }
    jsonIndexes.set(node, index);
  }
  return index;
}

/**
 * The node at `path`. Unlike jsonc-parser's `findNodeAtLocation` (which stops at the first matching key), an object
 * key that occurs more than once resolves to its LAST occurrence: that is the value `getNodeValue` and `JSON.parse`
 * keep, so lines in messages point at the value actually used. Keys are looked up in a per-object index.
 */
function nodeAt(root: Node, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    lineLookupStats.steps++;
    if (typeof seg === 'number') {
      node = node.type === 'array' ? node.children?.[seg] : undefined;
    } else {
      node = node.type === 'object' ? jsonIndex(node).get(seg) : undefined;
    }
  }
  return node;
}

/** Each YAML map's key → value node (the last occurrence), built on first use; `doc.getIn` scans the map per call. */
const yamlIndexes = new WeakMap<object, Map<string, unknown>>();

function yamlNodeAt(doc: Document, path: readonly (string | number)[]): unknown {
  let node: unknown = doc.contents;
  for (const seg of path) {
    lineLookupStats.steps++;
    if (isSeq(node)) {
      node = typeof seg === 'number' ? node.items[seg] : undefined;
    } else if (isMap(node)) {
      let index = yamlIndexes.get(node);
      if (!index) {
        index = new Map();
        for (const pair of node.items) {
          lineLookupStats.steps++;
          index.set(String(isScalar(pair.key) ? pair.key.value : pair.key), pair.value);
        }
        yamlIndexes.set(node, index);
      }
      node = index.get(String(seg));
    } else return undefined;
  }
  return node;
}

/**
 * Duplicate keys in every map of a YAML document (parsed with `uniqueKeys: false`, so that one repeated key does not
 * drop the whole file): the last value is used, as in JSON. Iterative.
 */
function yamlDuplicateKeys(doc: Document): { key: string; offset: number; firstOffset: number }[] {
  const found: { key: string; offset: number; firstOffset: number }[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isMap(node)) {
      const first = new Map<string, number>();
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const offset = isNode(pair.key) && pair.key.range ? pair.key.range[0] : 0;
        const seen = first.get(key);
        if (seen === undefined) first.set(key, offset);
        else found.push({ key, offset, firstOffset: seen });
        stack.push(pair.value);
      }
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/**
 * Duplicate keys in every object of a JSON tree. JSON itself does not forbid them (RFC 8259 §4 says names
 * "SHOULD be unique") and jsonc-parser reports nothing, but a second `"currency"` silently overriding the first is a
 * mistake worth a warning, as the YAML loader's `uniqueKeys` gives for YAML. Iterative, so a deeply nested file
 * cannot overflow the stack.
 */
function duplicateKeys(root: Node): { key: string; object: Node; offset: number; firstOffset: number }[] {
  const found: { key: string; object: Node; offset: number; firstOffset: number }[] = [];
  // Nodes only: paths are rebuilt from parent links for the few duplicates reported, so deep nesting and many
  // duplicates in a long array stay linear.
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'array') {
      for (const c of node.children ?? []) stack.push(c); // not push(...): a 100,000-element array would overflow the argument list
      continue;
    }
    if (node.type !== 'object') continue;
    const first = new Map<string, number>();
    for (const p of properties(node)) {
      const key = String(p.children![0]!.value);
      const seen = first.get(key);
      if (seen === undefined) first.set(key, p.offset);
      else found.push({ key, object: node, offset: p.offset, firstOffset: seen });
      const value = p.children![1];
      if (value) stack.push(value);
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** The path of a value node, from jsonc-parser's parent links. */
function pathOf(node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  let n: Node | undefined = node;
  while (n?.parent) {
    const parent: Node = n.parent;
    if (parent.type === 'property') {
      path.push(String(parent.children![0]!.value));
      n = parent.parent;
    } else {
      path.push(parent.children!.indexOf(n));
      n = parent;
    }
  }
  return path.reverse();
}

/**
 * A key from a team file, quoted for a message, or a description of it when it does not look like a name: a file
 * that is not a team file at all (a `.env` behind a symbolic link, issue 17) has keys like `AWS_SECRET_ACCESS_KEY=…`,
 * and a message must never carry such text into a report. Names of up to 64 letters, digits and `_ - . / : @ $ +`
 * are shown; anything else is "a key of N characters".
 */
export function displayKey(key: string): string {
  return /^[\w$.:/@+-]{1,64}$/.test(key) ? `"${key}"` : `(a key of ${key.length} characters)`;
}

/** A diagnostic about a team file (code e.g. `price-book`, `usage-file`, `policy-file`). */
export function fileDiagnostic(code: string, file: string, line: number | undefined, message: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic {
  const l = Math.max(0, (line ?? 1) - 1);
  return { severity, code, message: `${file}${line ? `:${line}` : ''}: ${message}`, file, range: { start: { line: l, character: 0 }, end: { line: l, character: 1000 } } };
}

/** Parses JSON (comments and trailing commas allowed) or YAML by extension. Never throws. */
export function parseStructured(text: string, path: string, code: string): { file?: ParsedFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const starts = lineStarts(text);
  try {
    if (path.endsWith('.json')) {
      const errors: ParseError[] = [];
      const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
      for (const e of errors.slice(0, 5)) diagnostics.push(fileDiagnostic(code, path, lineAtOffset(starts, e.offset), `JSON syntax error: ${printParseErrorCode(e.error)}`, 'error'));
      if (!tree || errors.length) return { diagnostics };
      const dups = duplicateKeys(tree);
      for (const d of dups.slice(0, 5)) {
        const where = d.object === tree ? '' : `${formatPath(pathOf(d.object))}: `;
        diagnostics.push(fileDiagnostic(code, path, lineAtOffset(starts, d.offset), `${where}duplicate key ${displayKey(d.key)} (first on line ${lineAtOffset(starts, d.firstOffset)}); the last value is used, as in JSON.parse`));
      }
      if (dups.length > 5) diagnostics.push(fileDiagnostic(code, path, lineAtOffset(starts, dups[5]!.offset), `${dups.length - 5} more duplicate keys; the last value of each is used`));
      return {
        file: {
          path,
          value: getNodeValue(tree) as unknown,
          lineAt: (p) => {
            for (let n = p.length; n >= 0; n--) {
              const node = nodeAt(tree, p.slice(0, n));
              if (node) return lineAtOffset(starts, node.offset);
            }
            return undefined;
          },
        },
        diagnostics,
      };
    }
    const lineCounter = new LineCounter();
    // uniqueKeys: false: a repeated key is a warning below (the last value is used), not an error that drops the file.
    // logLevel 'error': a hostile file (a map used as a key) must not make yaml print warnings on the process's stderr.
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    // The yaml package quotes the offending source text (`Unexpected scalar token in YAML stream: "…"`): cut it, so a
    // file that is not YAML at all (a `.env`) cannot have its contents copied into a report (issue 17).
    for (const e of doc.errors.slice(0, 5)) diagnostics.push(fileDiagnostic(code, path, lineAtOffset(starts, e.pos[0]), `YAML syntax error: ${e.message.split('\n')[0]!.replace(/:?\s*["'`].*$/, '')}`, 'error'));
    if (doc.errors.length) return { diagnostics };
    const dups = yamlDuplicateKeys(doc);
    for (const d of dups.slice(0, 5)) diagnostics.push(fileDiagnostic(code, path, lineAtOffset(starts, d.offset), `duplicate key ${displayKey(d.key)} (first on line ${lineAtOffset(starts, d.firstOffset)}); the last value is used`));
    if (dups.length > 5) diagnostics.push(fileDiagnostic(code, path, lineAtOffset(starts, dups[5]!.offset), `${dups.length - 5} more duplicate keys; the last value of each is used`));
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    return {
      file: {
        path,
        value,
        lineAt: (p) => {
          for (let n = p.length; n >= 0; n--) {
            const node = n === 0 ? doc.contents : yamlNodeAt(doc, p.slice(0, n));
            if (isNode(node) && (node as YamlNode).range) return lineCounter.linePos((node as YamlNode).range![0]).line;
          }
          return undefined;
        },
      },
      diagnostics,
    };
  } catch (e) {
    diagnostics.push(fileDiagnostic(code, path, undefined, `could not be parsed: ${String(e)}`, 'error'));
    return { diagnostics };
  }
}

/** The provenance of a value in a team file (or the `priceBook` setting). */
export function teamSource(file: ParsedFile, path: readonly (string | number)[], fromSetting: boolean): Provenance {
  const line = file.lineAt(path);
  if (fromSetting && file.path === 'tokentier.priceBook') return { source: 'settings', label: 'tokentier.priceBook (inline)' };
  return { source: fromSetting ? 'settings' : 'team-file', label: fromSetting ? `tokentier.priceBook → ${file.path}` : file.path, file: file.path, ...(line ? { line } : {}) };
}
