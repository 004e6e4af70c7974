/** True when the text looks binary (a NUL in its first 8 KiB), the same heuristic git uses. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}
