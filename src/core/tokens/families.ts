import type { Settings } from '../config/settings';
import { familyId } from '../models/modelIds';
import type { NumberRange, Provenance } from '../types';
import multipliers from './multipliers.json';
import type { EncodingName } from './tokenizer';

/** How a model's tokens are counted: an exact OpenAI encoding, or o200k × a calibrated multiplier range. */
export interface TokenizerChoice {
  readonly encoding: EncodingName;
  /** True when `encoding` is the model's own tokenizer. */
  readonly exact: boolean;
  /** Applied to the o200k count; `{1,1,1}` when exact. */
  readonly multiplier: NumberRange;
  /** Family id (`openai`, `claude`, …) — the key of the `tokens.multipliers` setting. */
  readonly family: string;
  /** For display: `o200k_base`, `o200k_base × 1.20 (Claude 3.x–4.6)`. */
  readonly label: string;
  readonly source: Provenance;
}

interface FamilyRow {
  readonly id: string;
  readonly label: string;
  readonly pattern: string;
  readonly expected: number;
  readonly min: number;
  readonly max: number;
  readonly basis: string;
}

const families: readonly (FamilyRow & { readonly re: RegExp })[] = multipliers.families.map((f) => ({ ...f, re: new RegExp(f.pattern, 'i') }));

/** OpenAI models on cl100k_base: GPT-4 (not 4o/4.1/4.5), GPT-3.5, the ada-002 and v3 embeddings. */
const CL100K = /^(gpt-4(?![o.])|gpt-3\.5|gpt-35|text-embedding-(3|ada)|text-davinci|davinci-002|babbage-002)/;
/** OpenAI models on o200k_base (o200k_harmony for gpt-oss differs only in special tokens). */
const O200K = /^(gpt-4o|gpt-4\.[15]|gpt-[5-9]|o\d|chatgpt-|gpt-oss|gpt-image|gpt-realtime|gpt-audio|codex|omni-moderation|computer-use)/;

const calibrated: Provenance = {
  source: 'bundled',
  label: 'Tokentier token multipliers (src/core/tokens/multipliers.json)',
  date: multipliers.checked,
};

/** The encoding for an OpenAI model id, or undefined when the id is not an OpenAI model. */
export function openAiEncoding(modelId: string): EncodingName | undefined {
  const id = familyId(modelId);
  if (CL100K.test(id)) return 'cl100k_base';
  if (O200K.test(id)) return 'o200k_base';
  return undefined;
}

const choices = new WeakMap<Settings, Map<string, TokenizerChoice>>();

/** Chooses how to count tokens for `modelId` (null: unresolved model → o200k with the uncalibrated range). */
export function tokenizerFor(modelId: string | null, settings: Settings): TokenizerChoice {
  let memo = choices.get(settings);
  if (!memo) choices.set(settings, (memo = new Map()));
  const key = modelId ?? '';
  let c = memo.get(key);
  if (!c) {
    c = chooseTokenizer(modelId, settings);
    if (memo.size > 2000) memo.clear();
    memo.set(key, c);
  }
  return c;
}

function chooseTokenizer(modelId: string | null, settings: Settings): TokenizerChoice {
  const exact = modelId ? openAiEncoding(modelId) : undefined;
  if (exact) {
    return {
      encoding: exact,
      exact: true,
      multiplier: { min: 1, expected: 1, max: 1 },
      family: 'openai',
      label: exact,
      source: { source: 'bundled', label: `gpt-tokenizer 4.0.0 ${exact}`, rule: 'OpenAI model: exact count with its own encoding' },
    };
  }
  const id = modelId ? familyId(modelId) : '';
  const row: FamilyRow = (modelId ? families.find((f) => f.re.test(id)) : undefined) ?? { ...multipliers.fallback, pattern: '' };
  const override = settings['tokens.multipliers'][row.id];
  if (override !== undefined) {
    return {
      encoding: 'o200k_base',
      exact: false,
      // The user's factor replaces the calibrated one; keep the calibrated spread around it.
      multiplier: { min: override * (row.min / row.expected), expected: override, max: override * (row.max / row.expected) },
      family: row.id,
      label: `o200k_base × ${override.toFixed(2)} (${row.label})`,
      source: { source: 'settings', label: 'tokentier.tokens.multipliers', rule: `${row.id}: × ${override}` },
    };
  }
  return {
    encoding: 'o200k_base',
    exact: false,
    multiplier: { min: row.min, expected: row.expected, max: row.max },
    family: row.id,
    label: `o200k_base × ${row.expected.toFixed(2)} (${row.label})`,
    source: { ...calibrated, rule: `${row.label}: × ${row.expected} (range ${row.min}–${row.max}); ${row.basis}` },
  };
}
