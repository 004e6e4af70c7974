/** Where the lines of a text start, and the binary search that finds the entry a sorted position falls in. */

/** The index of the last of `count` entries, sorted by `keyAt`, whose key is at most `value` (0 when none is, or none exist). */
export function lastAtOrBefore(count: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keyAt(mid) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The offset each line of `text` starts at (`\n` ends a line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The 0-based line an offset is on, given the text's {@link lineStarts}. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  return lastAtOrBefore(starts.length, (i) => starts[i]!, offset);
}
