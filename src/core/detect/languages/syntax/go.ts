/**
 * The Go syntax view: calls (`pkg.F(…)`, `x.A.B(…)`), selectors, struct literals as keyed values, `:=`/`var`/`const`
 * bindings, struct fields, method receivers, and imports (an import path's default name is the package name the
 * catalogue records for it, else its last element without a `/vN` major-version suffix).
 */
import type { Node } from 'web-tree-sitter';
import type { ArgView, CallView, Decl, ExprView, ImportTable, MemberWrite, SyntaxView } from '../types';
import { binaryExpr, callExpr, descendants, field, funcDecl, lambdaExpr, memberExpr, named, numberExpr, numberOf, operatorOf, unescape } from './common';

/** `github.com/openai/openai-go/v3` → `github.com/openai/openai-go` (the catalogue names modules without the major version). */
export function goModule(path: string): string {
  return path.replace(/\/v\d+$/, '');
}

const STRING = new Set(['interpreted_string_literal', 'raw_string_literal']);
const FN = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const RETURN = new Set(['return_statement']);

function stringValue(n: Node): string {
  if (n.type === 'raw_string_literal') return n.text.slice(1, -1);
  return unescape(n.text.slice(1, -1));
}

function call(n: Node): CallView | undefined {
  if (n.type !== 'call_expression') return undefined;
  const fn = field(n, 'function');
  const argList = field(n, 'arguments');
  if (!fn) return undefined;
  const args: ArgView[] = named(argList).map((a) => (a.type === 'variadic_argument' && a.namedChild(0) ? { value: a.namedChild(0) as Node, splat: true } : { value: a }));
  if (fn.type === 'selector_expression') {
    const f = field(fn, 'field');
    const operand = field(fn, 'operand');
    if (!f || !operand) return undefined;
    return { node: n, receiver: operand, name: f.text, nameNode: f, args };
  }
  if (fn.type === 'identifier') return { node: n, name: fn.text, nameNode: fn, args };
  if (fn.type === 'generic_type' || fn.type === 'index_expression') {
    const inner = fn.namedChild(0);
    if (inner?.type === 'selector_expression') {
      const f = field(inner, 'field');
      const operand = field(inner, 'operand');
      if (f && operand) return { node: n, receiver: operand, name: f.text, nameNode: f, args };
    }
  }
  return undefined;
}

function literalValue(body: Node | undefined, typeNode?: Node): ExprView {
  const els = named(body);
  const pairs: [string, Node][] = [];
  const items: Node[] = [];
  for (const e of els) {
    if (e.type === 'keyed_element') {
      const [k, v] = named(e);
      const key = k ? (k.namedChild(0) ?? k) : undefined;
      if (key && v) pairs.push([STRING.has(key.type) ? stringValue(key) : key.text, v]);
    } else {
      items.push(e);
    }
  }
  if (pairs.length || (!items.length && typeNode)) return { k: 'obj', ...(typeNode ? { typeNode } : {}), pairs };
  return { k: 'list', items };
}

function expr(n: Node): ExprView {
  switch (n.type) {
    case 'call_expression':
      return callExpr(call(n));
    case 'selector_expression':
      return memberExpr(n, 'operand', 'field');
    case 'identifier':
    case 'field_identifier':
    case 'package_identifier':
    case 'type_identifier':
      return { k: 'name', name: n.text };
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return { k: 'str', value: stringValue(n) };
    case 'int_literal':
    case 'float_literal':
      return numberExpr(n.text);
    case 'composite_literal':
      return literalValue(field(n, 'body'), field(n, 'type'));
    case 'literal_value':
      return literalValue(n);
    case 'literal_element':
    case 'parenthesized_expression':
    case 'expression_list': {
      const inner = named(n)[0];
      return inner && named(n).length === 1 ? { k: 'wrap', inner } : { k: 'other' };
    }
    case 'unary_expression': {
      const op = operatorOf(n);
      const operand = field(n, 'operand');
      if (!operand) return { k: 'other' };
      if (op === '&') return { k: 'wrap', inner: operand };
      if (op === '*') return { k: 'wrap', inner: operand, deref: true };
      if (op === '-' && (operand.type === 'int_literal' || operand.type === 'float_literal')) {
        const v = numberOf(operand.text);
        return v === undefined ? { k: 'other' } : { k: 'num', value: -v };
      }
      return { k: 'other' };
    }
    case 'type_conversion_expression': {
      // `[]byte(`{"model": …}`)`: the value converted.
      const operand = field(n, 'operand');
      return operand ? { k: 'wrap', inner: operand } : { k: 'other' };
    }
    case 'func_literal':
      return lambdaExpr(field(n, 'body'));
    case 'binary_expression':
      return binaryExpr(n);
    case 'index_expression': {
      const o = field(n, 'operand');
      const i = field(n, 'index');
      return o && i ? { k: 'index', object: o, index: i } : { k: 'other' };
    }
    default:
      return { k: 'other' };
  }
}

function namesOf(list: Node | undefined): Node[] {
  if (!list) return [];
  return list.type === 'expression_list' ? named(list) : [list];
}

/** `a, b := x, y` / `a, err := f()`: each name with its value (one value for several names goes to the first). */
function assigned(left: Node | undefined, right: Node | undefined, at: Node, assign: boolean): Decl[] {
  const ls = namesOf(left);
  const rs = namesOf(right);
  const out: Decl[] = [];
  ls.forEach((l, i) => {
    if (l.type !== 'identifier' || l.text === '_') return;
    const value = rs.length === ls.length ? rs[i] : i === 0 ? rs[0] : undefined;
    out.push({ name: l.text, kind: 'var', ...(value ? { value } : {}), ...(assign ? { assign } : {}), at });
  });
  return out;
}

function specDecls(n: Node): Decl[] {
  const names = n.childrenForFieldName('name').filter((x): x is Node => !!x);
  const type = field(n, 'type');
  const values = namesOf(field(n, 'value'));
  return names.map((nm, i) => {
    const value = values.length === names.length ? values[i] : i === 0 ? values[0] : undefined;
    return { name: nm.text, kind: 'var' as const, ...(value ? { value } : {}), ...(type ? { type } : {}), at: n };
  });
}

function declares(n: Node): Decl[] {
  switch (n.type) {
    case 'short_var_declaration':
      return assigned(field(n, 'left'), field(n, 'right'), n, false);
    case 'assignment_statement':
      return assigned(field(n, 'left'), field(n, 'right'), n, operatorOf(n) === '=');
    case 'var_spec':
    case 'const_spec':
      return specDecls(n);
    case 'parameter_declaration':
    case 'variadic_parameter_declaration': {
      const type = field(n, 'type');
      // The position among the function's parameters (not the method receiver's list): `a, b int` counts two.
      const list = n.parent;
      const isReceiver = list?.parent?.type === 'method_declaration' && list.parent.childForFieldName('receiver')?.id === list.id;
      let index = 0;
      for (const p of named(list)) {
        if (p.id === n.id) break;
        index += Math.max(1, p.childrenForFieldName('name').length);
      }
      return n.childrenForFieldName('name').filter((x): x is Node => !!x).map((nm, i) => ({ name: nm.text, kind: 'param' as const, ...(type ? { type } : {}), ...(isReceiver ? {} : { index: index + i }), at: n }));
    }
    case 'field_declaration': {
      const type = field(n, 'type');
      return n.childrenForFieldName('name').filter((x): x is Node => !!x).map((nm) => ({ name: nm.text, kind: 'field' as const, ...(type ? { type } : {}), at: n }));
    }
    case 'function_declaration':
      return funcDecl(n);
    case 'range_clause':
      return namesOf(field(n, 'left')).filter((x) => x.type === 'identifier').map((x) => ({ name: x.text, kind: 'loop' as const, at: n }));
    default:
      return [];
  }
}

function memberWrite(n: Node): MemberWrite | undefined {
  if (n.type !== 'assignment_statement') return undefined;
  const l = namesOf(field(n, 'left'))[0];
  const r = namesOf(field(n, 'right'))[0];
  if (!l || !r || l.type !== 'selector_expression') return undefined;
  const o = field(l, 'operand');
  const f = field(l, 'field');
  return o && f && o.type === 'identifier' ? { object: o.text, prop: f.text, value: r, at: n } : undefined;
}

function baseType(n: Node | undefined): Node | undefined {
  let t = n;
  while (t && (t.type === 'pointer_type' || t.type === 'parenthesized_type' || t.type === 'generic_type')) t = t.namedChild(0) ?? undefined;
  return t;
}

function typeName(n: Node, imports: ImportTable): string | undefined {
  const t = baseType(n);
  if (!t) return undefined;
  if (t.type === 'qualified_type') {
    const pkg = field(t, 'package');
    const name = field(t, 'name');
    const mod = pkg ? imports.names.get(pkg.text) : undefined;
    return mod && name ? `${mod}.${name.text}` : undefined;
  }
  if (t.type === 'type_identifier' || t.type === 'identifier') return t.text;
  return undefined;
}

/** The Go view. `packages`: module path → the package name it declares (catalogue data). */
export function goView(packages: ReadonlyMap<string, string>): SyntaxView {
  return {
    lang: 'go',
    sep: '.',
    expr,
    call,
    declares,
    memberWrite,
    scopeKind: (n) => (FN.has(n.type) ? 'fn' : n.type === 'type_spec' && field(n, 'type')?.type === 'struct_type' ? 'class' : undefined),
    classOf: (n) => {
      if (n.type !== 'method_declaration') return undefined;
      const recv = named(field(n, 'receiver'))[0];
      const t = baseType(recv ? field(recv, 'type') : undefined);
      return t?.text;
    },
    className: (n) => field(n, 'name')?.text,
    functionName: (n) => (n.type === 'func_literal' ? undefined : field(n, 'name')?.text),
    returns: (fn) => {
      const body = field(fn, 'body');
      if (!body) return [];
      return descendants(body, RETURN, FN).map((r) => namesOf(named(r)[0])[0]).filter((x): x is Node => !!x);
    },
    imports: (root) => goImports(root, packages),
    typeName,
    loopKind: (n) => (n.type === 'for_statement' ? 'for' : undefined),
    isOpaque: (n) => n.type === 'comment' || STRING.has(n.type),
  };
}

function goImports(root: Node, packages: ReadonlyMap<string, string>): ImportTable {
  const names = new Map<string, string>();
  const wildcards: string[] = [];
  const modules: string[] = [];
  let own: string | undefined;
  for (const top of named(root)) {
    if (top.type === 'package_clause') own = named(top)[0]?.text;
    if (top.type !== 'import_declaration') continue;
    for (const spec of descendants(top, new Set(['import_spec']), new Set())) {
      const p = field(spec, 'path');
      if (!p) continue;
      const raw = stringValue(p);
      const mod = goModule(raw);
      modules.push(mod);
      const alias = field(spec, 'name');
      if (alias?.type === 'dot') wildcards.push(mod);
      else if (alias?.type === 'package_identifier') names.set(alias.text, mod);
      else if (!alias) names.set(packages.get(mod) ?? defaultName(mod), mod);
    }
  }
  // A file of an SDK's own package (its tests and examples in `package genai`) calls the package's functions bare.
  if (own) for (const [mod, name] of packages) if (name === own && !names.has(own)) wildcards.push(mod);
  return { names, wildcards, modules };
}

function defaultName(mod: string): string {
  const parts = mod.split('/');
  const last = parts[parts.length - 1] ?? mod;
  return last.replace(/^go-/, '').replace(/-go$/, '').replace(/[^A-Za-z0-9_]/g, '');
}
