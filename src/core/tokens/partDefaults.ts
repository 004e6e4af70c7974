import type { NumberRange, PromptPart } from '../types';

/**
 * Assumed sizes, in tokens, for prompt text only known at run time. These are Tokentier's documented defaults
 * (docs/estimates.md), not measurements: a dynamic part spans a short to a long message, and a template hole
 * (`{name}`, `${x}`) spans one word to a paragraph.
 */
export const PLACEHOLDER_TOKENS: NumberRange = { min: 1, expected: 20, max: 200 };

/** Per role: a run-time value (a variable, a function result, a file read from an unknown path). */
export const DYNAMIC_PART_TOKENS: Readonly<Record<PromptPart['role'], NumberRange>> = {
  system: { min: 10, expected: 150, max: 2000 },
  developer: { min: 10, expected: 150, max: 2000 },
  user: { min: 5, expected: 200, max: 4000 },
  prompt: { min: 5, expected: 200, max: 4000 },
  input: { min: 5, expected: 200, max: 4000 },
  assistant: { min: 5, expected: 150, max: 2000 },
  tool: { min: 10, expected: 300, max: 4000 },
  tools: { min: 50, expected: 300, max: 3000 },
  response_format: { min: 20, expected: 150, max: 1500 },
  image: { min: 85, expected: 765, max: 1600 },
  audio: { min: 50, expected: 600, max: 6000 },
  other: { min: 5, expected: 200, max: 4000 },
};

/**
 * Output tokens per call by API kind when neither the code, an annotation, a usage file nor a setting says. Nothing
 * bounds an answer from below (a one-token answer or a bare tool call is common), so the range starts at 1; the
 * expected 300 is Tokentier's assumption for an unconstrained chat answer (docs/estimates.md).
 */
export const DEFAULT_OUTPUT_TOKENS: Readonly<Record<string, NumberRange>> = {
  chat: { min: 1, expected: 300, max: 4096 },
  completion: { min: 1, expected: 300, max: 4096 },
  responses: { min: 1, expected: 300, max: 4096 },
  messages: { min: 1, expected: 300, max: 4096 },
  generate: { min: 1, expected: 300, max: 4096 },
  embeddings: { min: 0, expected: 0, max: 0 },
  images: { min: 0, expected: 0, max: 0 },
  audio: { min: 0, expected: 0, max: 0 },
  rerank: { min: 0, expected: 0, max: 0 },
  // Agent and realtime turns, OCR, classification: text out, like a chat reply (video: priced per second, see estimator).
  other: { min: 50, expected: 300, max: 4096 },
};

/** Roles that are chat messages (framing overhead applies), as opposed to plain prompts or schemas. */
export const MESSAGE_ROLES: ReadonlySet<PromptPart['role']> = new Set(['system', 'user', 'assistant', 'tool', 'developer']);
