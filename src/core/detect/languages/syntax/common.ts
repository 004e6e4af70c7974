/** Small node helpers and the view parts that several syntax views of the multi-language front end write alike. */
import type { Node } from 'web-tree-sitter';
import type { CallView, Decl, ExprView, MemberWrite } from '../types';

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

/** A number literal's value, or `other` when its text is no finite number. */
export function numberExpr(text: string): ExprView {
  const v = numberOf(text);
  return v === undefined ? { k: 'other' } : { k: 'num', value: v };
}

/** A call the view could read, or `other`. */
export function callExpr(c: CallView | undefined): ExprView {
  return c ? { k: 'call', call: c } : { k: 'other' };
}

/** A member access from its object and name fields (`client.chat`). */
export function memberExpr(n: Node, object: string, name: string): ExprView {
  const f = field(n, name);
  const o = field(n, object);
  return f && o ? { k: 'member', object: o, name: f.text, nameNode: f } : { k: 'other' };
}

/** A function literal by its body (its parameters are read as declarations). */
export function lambdaExpr(body: Node | undefined): ExprView {
  return body ? { k: 'lambda', params: [], body } : { k: 'other' };
}

/** A binary node with `left` and `right` fields. */
export function binaryExpr(n: Node): ExprView {
  const l = field(n, 'left');
  const r = field(n, 'right');
  return l && r ? { k: 'binary', op: operatorOf(n), left: l, right: r } : { k: 'other' };
}

/** A conditional node with `consequence` and `alternative` fields (`c ? a : b`). */
export function condExpr(n: Node): ExprView {
  const a = field(n, 'consequence');
  const b = field(n, 'alternative');
  return a && b ? { k: 'cond', then: a, else: b } : { k: 'other' };
}

/** A named function or method declaration: its `name` field. */
export function funcDecl(n: Node): Decl[] {
  const name = field(n, 'name');
  return name ? [{ name: name.text, kind: 'func', at: n }] : [];
}

const RETURN: ReadonlySet<string> = new Set(['return_statement']);

/** The values of the `return_statement`s in `body`, not looking into the `stop` node types (nested functions). */
export function returnValues(body: Node, stop: ReadonlySet<string>): Node[] {
  return descendants(body, RETURN, stop).map((r) => named(r)[0]).filter((x): x is Node => !!x);
}

/** A view's `scopeKind` from its function and class node types. */
export function scopeKindOf(fn: ReadonlySet<string>, cls: ReadonlySet<string>): (n: Node) => 'fn' | 'class' | undefined {
  return (n) => (fn.has(n.type) ? 'fn' : cls.has(n.type) ? 'class' : undefined);
}

/** A view's `loopKind` from its `for`-like and `while`-like statement types. */
export function loopKindOf(forTypes: readonly string[], whileTypes: readonly string[]): (n: Node) => 'for' | 'while' | undefined {
  return (n) => (forTypes.includes(n.type) ? 'for' : whileTypes.includes(n.type) ? 'while' : undefined);
}

/** How a grammar writes a member on the left of an assignment (`obj.prop = value`). */
export interface MemberSyntax {
  /** The assignment's node type (its `left` and `right` fields are read). */
  readonly assign: string;
  /** The node types of the member access. */
  readonly member: ReadonlySet<string>;
  /** The member access's fields: the object and the property name. */
  readonly object: string;
  readonly prop: string;
  /** The node type of a plain variable as the object. */
  readonly variable: string;
  /** A variable's text that stands for the instance itself, which is no member write (PHP `$this`). */
  readonly self?: string;
}

/** A view's `memberWrite`: `client.prop = value` on a plain variable. */
export function memberWriteOf(s: MemberSyntax): (n: Node) => MemberWrite | undefined {
  return (n) => {
    if (n.type !== s.assign) return undefined;
    const l = field(n, 'left');
    const r = field(n, 'right');
    if (!l || !r || !s.member.has(l.type)) return undefined;
    const o = field(l, s.object);
    const f = field(l, s.prop);
    return o && f && o.type === s.variable && o.text !== s.self ? { object: o.text, prop: f.text, value: r, at: n } : undefined;
  };
}

/**
 * A plain `=` assignment's declaration: `x = v` binds a variable, `this.x = v` (the member syntax `m` on an object of
 * node type `self`) a field of the class; other assignments declare nothing.
 */
export function assignmentDecls(n: Node, m: MemberSyntax, self: string): Decl[] {
  const l = field(n, 'left');
  const r = field(n, 'right');
  if (!l || !r || operatorOf(n) !== '=') return [];
  if (l.type === 'identifier') return [{ name: l.text, kind: 'var', value: r, assign: true, at: n }];
  if (m.member.has(l.type) && field(l, m.object)?.type === self) {
    const f = field(l, m.prop);
    return f ? [{ name: f.text, kind: 'field', value: r, inClass: true, at: n }] : [];
  }
  return [];
}
