/**
 * Generators for the configuration a repository controls (issue 17): team files (`.tokentier/prices|usage|policy`,
 * JSON and YAML, structured and then mutated as text), `.vscode/settings.json` (JSONC with `tokentier.*` keys, deep
 * nesting, prototype keys) and glob patterns with the paths they are matched against.
 */
import * as fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';

/** A string that must never appear in a message or a report: values are never echoed (finding 9). */
export const SECRET = 'SECRETabc123XYZ';

/** Keys a repository could write: the schema's own, prototype names, hostile and random ones. */
const knownKeys = [
  'version', 'currency', 'exchangeRate', 'models', 'adjustments', 'batchDiscounts', 'litellm', 'defaults', 'profiles', 'sites', 'budgets', 'rules',
  'id', 'provider', 'aliases', 'prices', 'input_mtok', 'output_mtok', 'cache_read_mtok', 'requests_kcount', 'contextWindow', 'base', 'tiers', 'start', 'price',
  'model', 'discount', 'markup', 'uplift', 'multiplier', 'reason', 'chat', 'embeddings', 'messages', 'callsPerDay', 'callsPerMonth', 'outputTokens', 'cacheHitRate',
  'cacheTtl', 'batchShare', 'retryRate', 'fanOut', 'match', 'file', 'function', 'line', 'callsMultiplier', 'totalPerMonth', 'perSitePerMonth', 'perCall',
  'severity', 'message', 'when', 'perMonthOver', 'require', 'forbidModels', 'high', 'low', 'expected',
];
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...knownKeys) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', `AWS_SECRET_ACCESS_KEY=${SECRET}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Glob-shaped strings: catastrophic-backtracking shapes among ordinary ones. */
export const globPattern = fc.oneof(
  fc.constantFrom('*.py', '**/*.ts', 'src/**', 'gpt-4o*', '*a*a*a*a*a*a*a*a*b', '{a,b}/**', '[!a]*', '**/x/**/y', '', '!', '\\', '[', '{'),
  fc.array(fc.constantFrom('*', '**', '?', 'a', 'b', '.', '/', '[a-c]', '[!b]', '{a,b}', '{', '}', ',', '\\', '!', '[', ']'), { maxLength: 24 }).map((p) => p.join('')),
  fc.string({ maxLength: 30 }),
);

/** A path (or model id) to match globs against. */
export const globInput = fc.oneof(
  fc.array(fc.constantFrom('a', 'b', 'c', '.', '/', 'aaaa', 'x.py', '*'), { maxLength: 40 }).map((p) => p.join('')),
  fc.string({ maxLength: 60 }),
  fc.nat({ max: 300 }).map((n) => `${'a'.repeat(n)}.py`),
);

/** A value a team file could hold: numbers of every kind (NaN and Infinity appear through YAML), strings, nesting. */
const leaf = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -1, 1e308, 0.5, 3, 1_000_001),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('gpt-4o', 'openai', 'USD', 'EUR', 'a.py', '5m', 'error', SECRET, `x${SECRET}`),
  globPattern,
  fc.string({ maxLength: 20 }),
);
const { value: teamValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
}));

/** The top level of a team file: mostly an object with known keys. */
const teamObject = fc.dictionary(key, teamValue, { maxKeys: 8 });

/** A textual mutation: cut, insert junk, or duplicate a slice (a repeated key). */
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom('cut', 'insert', 'duplicate', 'none'), junk: fc.constantFrom(':', '- ', '{', '}', '[', '"', '\n', '  ', '&a ', '*a', '!!binary ', '\t', '#', ',', '\u0000', '\ufeff') });

function applyEdit(text: string, e: { at: number; kind: string; junk: string }): string {
  const i = Math.floor(e.at * text.length);
  if (e.kind === 'cut') return text.slice(0, i);
  if (e.kind === 'insert') return `${text.slice(0, i)}${e.junk}${text.slice(i)}`;
  if (e.kind === 'duplicate') {
    const start = text.lastIndexOf('\n', i) + 1;
    const end = text.indexOf('\n', i);
    const line = text.slice(start, end < 0 ? text.length : end + 1);
    return `${text.slice(0, start)}${line}${line}${text.slice(start + line.length)}`;
  }
  return text;
}

/** A team file: the kind, the extension, and its text (an object serialised as JSON or YAML, then perhaps mutated). */
export const teamFile = fc.record({
  kind: fc.constantFrom('prices', 'usage', 'policy'),
  ext: fc.constantFrom('json', 'yml'),
  value: teamObject,
  edit,
}).map(({ kind, ext, value, edit: e }) => {
  let text: string;
  try {
    text = ext === 'json' ? JSON.stringify(value, null, 2) : yamlStringify(value);
  } catch {
    text = String(value);
  }
  return { path: `.tokentier/${kind}.${ext}`, text: applyEdit(text, e) };
});

/** Deep nesting, as `[[[…]]]` or `{"a":{"a":…}}`. */
const nested = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.boolean()).map(([n, arrays]) => (arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));

/** A `.vscode/settings.json` text: `tokentier.*` keys (and prototype keys) with any values, comments, junk and depth. */
export const settingsText = fc.record({
  entries: fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('currency', 'profile', 'priceBook', 'maxFileSize', 'include', 'exclude', 'display', 'usage.callsPerDay', 'usage.cacheHitRate', '__proto__', 'constructor', 'languages').map((k) => `tokentier.${k}`),
        fc.constantFrom('files.exclude', '__proto__', 'editor.fontSize'),
        fc.string({ maxLength: 15 }),
      ),
      fc.oneof(teamValue.map((v) => JSON.stringify(v) ?? 'null'), nested, fc.constantFrom('"EUR"', '"eur"', '"XXXX"', '{"currency":"EUR"}', '-1', '1e999', '[ "*a*a*a*a*a*a*a*a*b" ]')),
    ),
    { maxLength: 8 },
  ),
  comment: fc.boolean(),
  edit,
}).map(({ entries, comment, edit: e }) => {
  const body = entries.map(([k, v]) => `${comment ? '  // a comment\n' : ''}  ${JSON.stringify(k)}: ${v}`).join(',\n');
  return applyEdit(`{\n${body}\n}\n`, e);
});
