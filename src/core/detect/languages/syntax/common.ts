/** Small node helpers shared by the syntax views of the multi-language front end. */
import type { Node } from 'web-tree-sitter';

export function named(n: Node | null | undefined): Node[] {
  if (!n) return [];
  const out: Node[] = [];
  for (let i = 0; i < n.namedChildCount; i++) {
    const c = n.namedChild(i);
    if (c && c.type !== 'comment' && !c.isExtra) out.push(c);
  }
  return out;
}

export function field(n: Node, name: string): Node | undefined {
  return n.childForFieldName(name) ?? undefined;
}

/** The text of the anonymous operator child of a binary node. */
export function operatorOf(n: Node): string {
  const op = n.childForFieldName('operator');
  if (op) return op.text;
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c && !c.isNamed) return c.text;
  }
  return '';
}

/** Decodes the common backslash escapes of a quoted literal's body. */
export function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

/** Every descendant of `n` of one of `types`, not descending into `stop` types (nested functions). */
export function descendants(n: Node, types: ReadonlySet<string>, stop: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  const stack: Node[] = named(n);
  while (stack.length) {
    const c = stack.pop() as Node;
    if (types.has(c.type)) out.push(c);
    if (stop.has(c.type)) continue;
    stack.push(...named(c));
  }
  return out;
}

export function numberOf(text: string): number | undefined {
  const t = text.replace(/_/g, '').replace(/[lLuUfFdDmM]+$/, '');
  const v = /^0x/i.test(t) ? parseInt(t, 16) : Number(t);
  return Number.isFinite(v) ? v : undefined;
}
