/**
 * A unified diff of two small texts (a usage file before and after `reconcile --write`), for the CLI and the
 * Markdown report to show what changes. Longest-common-subsequence over lines after trimming the common head and tail;
 * above 4 million cell comparisons it falls back to "replace everything in between", which is still a correct diff.
 */

type Op = { readonly kind: ' ' | '-' | '+'; readonly text: string };

function lcsOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) return [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))];
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < n && (j >= m || dp[i + 1]![j]! >= dp[i]![j + 1]!)) ops.push({ kind: '-', text: a[i++]! });
    else ops.push({ kind: '+', text: b[j++]! });
  }
  return ops;
}

/** The `@@ -a,b +c,d @@` hunks of `before` → `after` with `context` lines around each change; '' when equal. */
export function unifiedDiff(before: string, after: string, name: string, context = 3): string {
  if (before === after) return '';
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [...a.slice(0, head).map((text) => ({ kind: ' ' as const, text })), ...lcsOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail)), ...a.slice(a.length - tail).map((text) => ({ kind: ' ' as const, text }))];
  const out = [`--- ${name}`, `+++ ${name} (proposed)`];
  let k = 0;
  let lineA = 1;
  let lineB = 1;
  while (k < ops.length) {
    if (ops[k]!.kind === ' ') {
      k++;
      lineA++;
      lineB++;
      continue;
    }
    // A hunk: back up `context` lines, run to the last change that is within 2 × context of the next.
    const start = Math.max(0, k - context);
    let end = k;
    for (let x = k; x < ops.length; x++) {
      if (ops[x]!.kind !== ' ') end = x;
      else if (x - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + 1 + context);
    const slice = ops.slice(start, stop);
    const fromA = lineA - (k - start);
    const fromB = lineB - (k - start);
    const countA = slice.filter((o) => o.kind !== '+').length;
    const countB = slice.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${fromA},${countA} +${fromB},${countB} @@`, ...slice.map((o) => `${o.kind}${o.text}`));
    for (let x = k; x < stop; x++) {
      if (ops[x]!.kind !== '+') lineA++;
      if (ops[x]!.kind !== '-') lineB++;
    }
    k = stop;
  }
  return `${out.join('\n')}\n`;
}
