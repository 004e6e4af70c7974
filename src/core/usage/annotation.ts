import type { Diagnostic } from '../types';

/**
 * The inline annotation grammar (docs/estimates.md, "Inline annotations"):
 *
 *     annotation := <comment marker> "tokentier:" pair*
 *     pair       := key "=" value            (pairs separated by spaces or commas)
 *     key        := calls/day | calls/month | calls | out | cache | ttl | batch | retry | fanout | model
 *     number     := digits ["." digits] ["k" | "m"]  |  digits ["." digits] "%"
 *
 * `calls` is per day. Shares (`cache`, `batch`, `retry`) are 0–1 or a percentage. `ttl` is `5m` or `1h`.
 * Example: `# tokentier: calls/day=2000 cache=0.6 out=300 model=gpt-4o batch=0.5 retry=0.02 fanout=20`.
 */
export interface AnnotationValues {
  callsPerDay?: number;
  callsPerMonth?: number;
  outputTokens?: number;
  cacheHitRate?: number;
  cacheTtl?: '5m' | '1h';
  batchShare?: number;
  retryRate?: number;
  fanOut?: number;
  model?: string;
}

export interface ParsedAnnotation {
  readonly values: AnnotationValues;
  readonly diagnostics: Diagnostic[];
}

/** Parses `2000`, `2k`, `1.5m`, `60%`. Undefined when malformed. */
export function parseNumber(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(k|m|%)?$/i.exec(text.replace(/_/g, ''));
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2]?.toLowerCase();
  return suffix === 'k' ? n * 1e3 : suffix === 'm' ? n * 1e6 : suffix === '%' ? n / 100 : n;
}

type Kind = 'count' | 'share' | 'ttl' | 'model';
const KEYS: Readonly<Record<string, { field: keyof AnnotationValues; kind: Kind }>> = {
  'calls/day': { field: 'callsPerDay', kind: 'count' },
  'calls/d': { field: 'callsPerDay', kind: 'count' },
  calls: { field: 'callsPerDay', kind: 'count' },
  'calls/month': { field: 'callsPerMonth', kind: 'count' },
  'calls/mo': { field: 'callsPerMonth', kind: 'count' },
  out: { field: 'outputTokens', kind: 'count' },
  output: { field: 'outputTokens', kind: 'count' },
  cache: { field: 'cacheHitRate', kind: 'share' },
  ttl: { field: 'cacheTtl', kind: 'ttl' },
  batch: { field: 'batchShare', kind: 'share' },
  retry: { field: 'retryRate', kind: 'share' },
  fanout: { field: 'fanOut', kind: 'count' },
  model: { field: 'model', kind: 'model' },
};

/**
 * Parses an annotation comment. `line` is the 1-based line of the comment; diagnostics (`bad-annotation`) point
 * at the offending pair. Valid pairs still apply when others are malformed.
 */
export function parseAnnotation(text: string, line: number, file?: string): ParsedAnnotation {
  const values: AnnotationValues = {};
  const diagnostics: Diagnostic[] = [];
  const at = text.toLowerCase().indexOf('tokentier:');
  if (at < 0) return { values, diagnostics };
  const body = text.slice(at + 'tokentier:'.length);
  const offset = at + 'tokentier:'.length;
  const re = /[^\s,]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const token = m[0];
    if (token === '*/' || token === '-->') continue;
    const start = offset + m.index;
    const bad = (message: string): void => {
      diagnostics.push({
        severity: 'warning',
        code: 'bad-annotation',
        message: `tokentier annotation: ${message} (grammar: key=value with keys ${Object.keys(KEYS).join(', ')})`,
        ...(file ? { file } : {}),
        range: { start: { line: line - 1, character: start }, end: { line: line - 1, character: start + token.length } },
      });
    };
    const eq = token.indexOf('=');
    if (eq <= 0) {
      bad(`"${token}" is not key=value`);
      continue;
    }
    const key = token.slice(0, eq).toLowerCase();
    const raw = token.slice(eq + 1);
    const spec = KEYS[key];
    if (!spec) {
      bad(`unknown key "${key}"`);
      continue;
    }
    if (spec.kind === 'model') {
      if (!/^[\w.:/@-]+$/.test(raw)) bad(`model "${raw}" is not a model id`);
      else values.model = raw;
      continue;
    }
    if (spec.kind === 'ttl') {
      const t = raw.toLowerCase();
      if (t === '5m' || t === '1h') values.cacheTtl = t;
      else bad(`ttl must be 5m or 1h, not "${raw}"`);
      continue;
    }
    const n = parseNumber(raw);
    if (n === undefined) {
      bad(`"${raw}" is not a number for ${key}`);
      continue;
    }
    if (spec.kind === 'share' && n > 1) {
      bad(`${key} must be a share between 0 and 1 (or a percentage), not ${raw}`);
      continue;
    }
    if (spec.field === 'fanOut' && n < 1) {
      bad(`fanout must be at least 1, not ${raw}`);
      continue;
    }
    (values as Record<string, number>)[spec.field] = n;
  }
  return { values, diagnostics };
}
