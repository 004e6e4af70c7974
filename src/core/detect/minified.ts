/**
 * Whether a file looks minified or generated (every language's front end skips such a file with a `minified-file`
 * diagnostic: parsing a bundle costs much and finds the bundled SDK's own code, not the project's calls).
 */

/** A line longer than this is not hand-written. */
export const MINIFIED_LINE = 5000;

/**
 * Whether a line holds more than {@link MINIFIED_LINE} characters (exported for tests). From a line's start it looks
 * back from the farthest end a short line may have for the last newline: none means a long line; else every line
 * up to that newline is short, and the search goes on after it (a jump of up to a line limit, not a line).
 */
export function hasMinifiedLine(text: string, limit: number = MINIFIED_LINE): boolean {
  let start = 0;
  while (text.length - start > limit) {
    const nl = text.lastIndexOf('\n', start + limit);
    if (nl < start) return true;
    start = nl + 1;
  }
  return false;
}

/**
 * A minified or generated file (exported for tests; the other languages' front end uses it too): it has a line over
 * {@link MINIFIED_LINE} characters that reads as code, and such lines hold most of its text or its lines average over
 * {@link MINIFIED_MEAN_LINE} characters (a bundle re-wrapped into lines of a few thousand). A hand-written file with one
 * long line among many short ones (a docstring of captured stream events) is analysed: skipping it lost its calls. So
 * is a long line of prose (a prompt written on one line: at least {@link PROSE_SPACE_SHARE} of it spaces, where a
 * minified bundle's lines have 1–5 %); it is left out of both measures, as it says nothing about the code around it.
 */
export function looksMinified(text: string, limit: number = MINIFIED_LINE): boolean {
  if (!hasMinifiedLine(text, limit)) return false;
  let long = 0;
  let prose = 0;
  let lines = 0;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > limit) {
      if (isProse(text, start, end)) prose += end - start;
      else long += end - start;
    }
    lines++;
    if (nl < 0) break;
    start = end + 1;
  }
  const code = text.length - prose;
  return long > 0 && (long * 2 > code || code > lines * MINIFIED_MEAN_LINE);
}

/** The share of spaces and tabs from which a long line reads as prose, not minified code (see {@link looksMinified}). */
export const PROSE_SPACE_SHARE = 0.1;

function isProse(text: string, start: number, end: number): boolean {
  let spaces = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) spaces++;
  }
  return spaces >= (end - start) * PROSE_SPACE_SHARE;
}
/** Hand-written code averages well under 100 characters a line; generated data and bundles far more. */
export const MINIFIED_MEAN_LINE = 300;
