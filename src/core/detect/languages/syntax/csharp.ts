/**
 * The C# syntax view: invocations (generic `Create<T>(…)`, `await`, `?.`), `new X(…) { A = … }` and target-typed
 * `new(…)`, named arguments, object initializers and anonymous objects as keyed values, `??` defaults, local and
 * field declarations, properties with initializers, primary-constructor parameters, top-level statements, and
 * `using` directives (namespaces, aliases, the file's own namespace).
 */
import type { Node } from 'web-tree-sitter';
import type { ArgView, CallView, Decl, ExprView, ImportTable, SyntaxView } from '../types';
import { assignmentDecls, binaryExpr, callExpr, condExpr, descendants, field, funcDecl, lambdaExpr, loopKindOf, memberWriteOf, named, numberExpr, returnValues, scopeKindOf, unescape, type MemberSyntax } from './common';

const STRING = new Set(['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'interpolated_string_expression', 'character_literal']);
const FN = new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression', 'operator_declaration', 'accessor_declaration']);
const CLASS = new Set(['class_declaration', 'record_declaration', 'struct_declaration', 'interface_declaration', 'record_struct_declaration']);
const MEMBER: MemberSyntax = { assign: 'assignment_expression', member: new Set(['member_access_expression']), object: 'expression', prop: 'name', variable: 'identifier' };

function stringExpr(n: Node): ExprView {
  switch (n.type) {
    case 'string_literal':
      return { k: 'str', value: unescape(named(n).map((c) => c.text).join('')) };
    case 'verbatim_string_literal':
      return { k: 'str', value: n.text.slice(2, -1).replace(/""/g, '"') };
    case 'raw_string_literal':
      return { k: 'str', value: named(n).filter((c) => c.type === 'raw_string_content').map((c) => c.text).join('') };
    case 'interpolated_string_expression': {
      const parts = named(n).filter((c) => c.type === 'string_content' || c.type === 'string_literal_content').map((c) => c.text);
      const holes = named(n).filter((c) => c.type === 'interpolation').length;
      return holes ? { k: 'str', parts, holes, seq: interpolationSeq(n) } : { k: 'str', value: parts.join('') };
    }
    default:
      return { k: 'other' };
  }
}

/** The literal text and the holes' expressions of `$"…{x}…"`, in order (a hole's alignment and format clauses left out). */
function interpolationSeq(n: Node): (string | Node)[] {
  const out: (string | Node)[] = [];
  for (const c of named(n)) {
    if (c.type === 'string_content' || c.type === 'string_literal_content') out.push(c.text);
    else if (c.type === 'interpolation') {
      const e = named(c).find((x) => x.type !== 'interpolation_brace' && x.type !== 'interpolation_alignment_clause' && x.type !== 'interpolation_format_clause');
      out.push(e ?? c);
    }
  }
  return out;
}

function args(list: Node | undefined): ArgView[] {
  return named(list).filter((a) => a.type === 'argument').flatMap((a) => {
    const name = field(a, 'name');
    const value = named(a).filter((c) => c.id !== name?.id).pop();
    return value ? [{ ...(name ? { name: name.text } : {}), value }] : [];
  });
}

/** The type a target-typed `new(…)` creates: the declared type of the variable, field or property it initialises. */
function targetType(n: Node): Node | undefined {
  let p = n.parent;
  // `X x = cond ? new(…) : new(…)`: both branches are an X.
  while (p && (p.type === 'conditional_expression' || p.type === 'parenthesized_expression')) p = p.parent;
  if (p?.type === 'variable_declarator') return field(p.parent ?? p, 'type') ?? undefined;
  if (p?.type === 'property_declaration') return field(p, 'type');
  return undefined;
}

function nameOf(fn: Node): { name: Node; typeArgs?: Node } | undefined {
  if (fn.type === 'identifier') return { name: fn };
  if (fn.type === 'generic_name') {
    const id = named(fn).find((c) => c.type === 'identifier');
    const ta = named(fn).find((c) => c.type === 'type_argument_list');
    return id ? { name: id, ...(ta ? { typeArgs: ta } : {}) } : undefined;
  }
  return undefined;
}

function call(n: Node): CallView | undefined {
  if (n.type === 'invocation_expression') {
    const fn = field(n, 'function');
    if (!fn) return undefined;
    const a = args(field(n, 'arguments'));
    if (fn.type === 'member_access_expression' || fn.type === 'member_binding_expression') {
      const nm = nameOf(field(fn, 'name') ?? fn);
      const recv = fn.type === 'member_access_expression' ? field(fn, 'expression') : conditionalTarget(n);
      return nm ? { node: n, ...(recv ? { receiver: recv } : {}), name: nm.name.text, nameNode: nm.name, args: a, ...(nm.typeArgs ? { typeArgs: nm.typeArgs } : {}) } : undefined;
    }
    const nm = nameOf(fn);
    return nm ? { node: n, name: nm.name.text, nameNode: nm.name, args: a, ...(nm.typeArgs ? { typeArgs: nm.typeArgs } : {}) } : undefined;
  }
  if (n.type === 'object_creation_expression' || n.type === 'implicit_object_creation_expression') {
    const type = n.type === 'object_creation_expression' ? field(n, 'type') : targetType(n);
    if (!type) return undefined;
    const init = field(n, 'initializer') ?? named(n).find((c) => c.type === 'initializer_expression');
    const last = type.text.replace(/<.*$/, '').split('.').pop() ?? type.text;
    return { node: n, name: last, nameNode: n.type === 'object_creation_expression' ? type : n, args: args(field(n, 'arguments') ?? named(n).find((c) => c.type === 'argument_list')), newType: type, ...(init ? { extra: init } : {}) };
  }
  return undefined;
}

/** `a?.B(…)`: the `a` of the conditional access around a member binding. */
function conditionalTarget(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'conditional_access_expression') return named(p)[0];
  }
  return undefined;
}

function initializerPairs(n: Node): [string, Node][] {
  const out: [string, Node][] = [];
  for (const c of named(n)) {
    if (c.type !== 'assignment_expression') continue;
    const l = field(c, 'left');
    const r = field(c, 'right');
    if (l && r) out.push([l.text, r]);
  }
  return out;
}

function anonymousPairs(n: Node): [string, Node][] {
  const out: [string, Node][] = [];
  let pending: Node | undefined;
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (!c) continue;
    if (c.type === '=') continue;
    if (!c.isNamed) {
      pending = undefined;
      continue;
    }
    const next = n.child(i + 1);
    if (c.type === 'identifier' && next?.type === '=') pending = c;
    else if (pending) {
      out.push([pending.text, c]);
      pending = undefined;
    } else {
      // A shorthand member takes the name of what it holds: `new { model = _model, input }`, `new { x.Prompt }`.
      const key = c.type === 'identifier' ? c.text : c.type === 'member_access_expression' ? field(c, 'name')?.text : undefined;
      if (key) out.push([key, c]);
    }
  }
  return out;
}

function expr(n: Node): ExprView {
  if (STRING.has(n.type)) return stringExpr(n);
  return callOrName(n) ?? literal(n) ?? operator(n) ?? { k: 'other' };
}

/** Calls, constructions, member access and names. */
function callOrName(n: Node): ExprView | undefined {
  switch (n.type) {
    case 'invocation_expression':
    case 'object_creation_expression':
      return callExpr(call(n));
    case 'implicit_object_creation_expression': {
      // `new() { Model = … }` as an argument: no type to name, its initializer is still keyed values.
      const c = call(n);
      if (c) return { k: 'call', call: c };
      const init = field(n, 'initializer') ?? named(n).find((x) => x.type === 'initializer_expression');
      return init ? { k: 'obj', pairs: initializerPairs(init) } : { k: 'other' };
    }
    case 'member_access_expression': {
      const nm = field(n, 'name');
      const o = field(n, 'expression');
      return nm && o ? { k: 'member', object: o, name: nm.text.replace(/<.*$/, ''), nameNode: nm } : { k: 'other' };
    }
    case 'identifier':
      return { k: 'name', name: n.text };
    case 'qualified_name':
      return { k: 'scoped', parts: n.text.replace(/\s+/g, '').split('.') };
    case 'alias_qualified_name': {
      const a = field(n, 'alias');
      const nm = field(n, 'name');
      return a && nm ? { k: 'scoped', parts: [a.text, nm.text] } : { k: 'other' };
    }
    case 'this_expression':
    case 'this':
      return { k: 'self' };
    default:
      return undefined;
  }
}

/** Numbers, initializers, anonymous objects, collections, lambdas. */
function literal(n: Node): ExprView | undefined {
  switch (n.type) {
    case 'integer_literal':
    case 'real_literal':
      return numberExpr(n.text);
    case 'initializer_expression': {
      const pairs = initializerPairs(n);
      return pairs.length ? { k: 'obj', pairs } : { k: 'list', items: named(n) };
    }
    case 'anonymous_object_creation_expression':
      return { k: 'obj', pairs: anonymousPairs(n) };
    case 'collection_expression':
    case 'array_creation_expression':
    case 'implicit_array_creation_expression':
    case 'element_binding_expression':
      return { k: 'list', items: named(n).flatMap((c) => (c.type === 'initializer_expression' || c.type === 'argument' ? named(c) : [c])) };
    case 'lambda_expression':
    case 'anonymous_method_expression':
      return lambdaExpr(field(n, 'body') ?? named(n).pop());
    default:
      return undefined;
  }
}

/** Wrappers, casts, `??`, `?:`, indexers. */
function operator(n: Node): ExprView | undefined {
  switch (n.type) {
    case 'await_expression':
    case 'parenthesized_expression':
    case 'postfix_unary_expression':
    case 'argument':
    case 'conditional_access_expression': {
      const inner = named(n).pop();
      return inner ? { k: 'wrap', inner } : { k: 'other' };
    }
    case 'cast_expression': {
      const v = field(n, 'value');
      return v ? { k: 'wrap', inner: v } : { k: 'other' };
    }
    case 'binary_expression':
      return binaryExpr(n);
    case 'conditional_expression':
      return condExpr(n);
    case 'element_access_expression': {
      const o = field(n, 'expression');
      const sub = field(n, 'subscript');
      const i = sub ? named(named(sub)[0])[0] ?? named(sub)[0] : undefined;
      return o && i ? { k: 'index', object: o, index: i } : { k: 'other' };
    }
    default:
      return undefined;
  }
}

function variableDecls(decl: Node, kind: 'var' | 'field', at: Node): Decl[] {
  const type = field(decl, 'type');
  const t = type && type.type !== 'implicit_type' ? type : undefined;
  return named(decl).filter((c) => c.type === 'variable_declarator').flatMap((d) => {
    const name = field(d, 'name');
    const value = named(d).filter((c) => c.id !== name?.id && c.type !== 'bracketed_argument_list').pop();
    return name ? [{ name: name.text, kind, ...(value ? { value } : {}), ...(t ? { type: t } : {}), at }] : [];
  });
}

function declares(n: Node): Decl[] {
  switch (n.type) {
    case 'local_declaration_statement':
    case 'using_statement': {
      const d = named(n).find((c) => c.type === 'variable_declaration');
      return d ? variableDecls(d, 'var', n) : [];
    }
    case 'field_declaration':
    case 'event_field_declaration': {
      const d = named(n).find((c) => c.type === 'variable_declaration');
      return d ? variableDecls(d, 'field', n) : [];
    }
    case 'property_declaration': {
      const name = field(n, 'name');
      const type = field(n, 'type');
      // `T P { get; } = x` and the expression-bodied `T P => x`: what the property holds.
      const v = field(n, 'value');
      const value = v?.type === 'arrow_expression_clause' ? named(v)[0] : v;
      return name ? [{ name: name.text, kind: 'field', ...(type ? { type } : {}), ...(value ? { value } : {}), at: n }] : [];
    }
    case 'parameter': {
      const name = field(n, 'name');
      const type = field(n, 'type');
      const def = named(n).filter((c) => c.id !== name?.id && c.id !== type?.id && c.type !== 'modifier' && c.type !== 'attribute_list').pop();
      const index = n.parent ? named(n.parent).filter((c) => c.type === 'parameter').findIndex((c) => c.id === n.id) : -1;
      return name ? [{ name: name.text, kind: 'param', ...(type ? { type } : {}), ...(def ? { def } : {}), ...(index >= 0 ? { index } : {}), at: n }] : [];
    }
    case 'assignment_expression':
      return assignmentDecls(n, MEMBER, 'this_expression');
    case 'foreach_statement': {
      const l = field(n, 'left');
      return l?.type === 'identifier' ? [{ name: l.text, kind: 'loop', at: n }] : [];
    }
    case 'method_declaration':
    case 'local_function_statement':
      return funcDecl(n);
    default:
      return [];
  }
}

function typeName(n: Node): string | undefined {
  let t: Node | undefined = n;
  while (t && (t.type === 'nullable_type' || t.type === 'ref_type')) t = named(t)[0];
  if (!t) return undefined;
  if (t.type === 'generic_name') return named(t).find((c) => c.type === 'identifier')?.text;
  if (t.type === 'identifier') return t.text;
  if (t.type === 'qualified_name') return t.text.replace(/\s+/g, '').replace(/<.*$/, '');
  if (t.type === 'alias_qualified_name') return t.text.replace('::', '.');
  return undefined;
}

function csharpImports(root: Node): ImportTable {
  const names = new Map<string, string>();
  const wildcards: string[] = [];
  const modules: string[] = [];
  for (const u of descendants(root, new Set(['using_directive', 'file_scoped_namespace_declaration', 'namespace_declaration']), new Set(['class_declaration', 'block']))) {
    if (u.type !== 'using_directive') {
      const nm = field(u, 'name')?.text.replace(/\s+/g, '');
      if (nm) wildcards.push(nm);
      continue;
    }
    const alias = field(u, 'name');
    const target = named(u).filter((c) => c.id !== alias?.id && (c.type === 'qualified_name' || c.type === 'identifier')).pop();
    if (!target) continue;
    const fqn = target.text.replace(/\s+/g, '');
    modules.push(fqn);
    if (alias) names.set(alias.text, fqn);
    else wildcards.push(fqn);
  }
  // `#:package Azure.AI.OpenAI@2.1.0` (file-based apps) names the package the file uses.
  const text = root.text;
  for (const m of text.matchAll(/^#:package\s+([\w.]+)/gm)) if (m[1]) modules.push(m[1]);
  return { names, wildcards, modules };
}

export function csharpView(): SyntaxView {
  return {
    lang: 'csharp',
    sep: '.',
    expr,
    call,
    declares,
    memberWrite: memberWriteOf(MEMBER),
    scopeKind: scopeKindOf(FN, CLASS),
    className: (n) => field(n, 'name')?.text,
    functionName: (n) => (n.type === 'lambda_expression' || n.type === 'anonymous_method_expression' || n.type === 'accessor_declaration' ? undefined : field(n, 'name')?.text),
    returns: (fn) => {
      const body = field(fn, 'body') ?? named(fn).find((c) => c.type === 'block' || c.type === 'arrow_expression_clause');
      if (!body) return [];
      if (body.type === 'arrow_expression_clause') return named(body).slice(0, 1);
      if (body.type !== 'block') return [body];
      return returnValues(body, new Set([...FN, ...CLASS]));
    },
    imports: csharpImports,
    typeName: (n) => typeName(n),
    loopKind: loopKindOf(['for_statement', 'foreach_statement'], ['while_statement', 'do_statement']),
    isOpaque: (n) => n.type === 'comment' || STRING.has(n.type),
    // File-based apps start with `#:package X@1.0` and `#!` lines the grammar does not know; a BOM may follow them.
    prepare: (text) => (/^#[:!]|\uFEFF/m.test(text) ? text.replace(/^#[:!][^\n]*/gm, (m) => ' '.repeat(m.length)).replace(/\uFEFF/g, ' ') : text),
  };
}
