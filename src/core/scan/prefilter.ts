import { PREFILTER } from '../detect/detector';

/**
 * The cheap text test run before a file is handed to the engine. It is the detector's own prefilter
 * (`PREFILTER` in src/core/detect/detector.ts), so the two can never disagree: a file the scanner skips is
 * one the detector would not parse either. Skipping here also saves the estimator call and the per-file
 * bookkeeping.
 */
export const PREFILTER_PATTERN: RegExp = PREFILTER;

/** True when the text might contain an LLM API call and should be analysed. */
export function mightContainLlmCall(text: string): boolean {
  return PREFILTER_PATTERN.test(text);
}

export { looksBinary } from './binary';
