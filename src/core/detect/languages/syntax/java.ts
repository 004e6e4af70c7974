/**
 * The Java syntax view: method invocations (fluent chains split over lines), `new X(…)`, field access, lambdas (AWS
 * request consumers), text blocks, local/field/parameter declarations, `this.x = …` in constructors, and imports
 * (single-type, on-demand `.*`, static).
 */
import type { Node } from 'web-tree-sitter';
import type { CallView, Decl, ExprView, ImportTable, SyntaxView } from '../types';
import { assignmentDecls, binaryExpr, callExpr, condExpr, field, funcDecl, lambdaExpr, loopKindOf, memberExpr, memberWriteOf, named, numberExpr, returnValues, scopeKindOf, unescape, type MemberSyntax } from './common';

const STRING = new Set(['string_literal', 'character_literal', 'text_block']);
const FN = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression', 'compact_constructor_declaration']);
const CLASS = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration']);
const MEMBER: MemberSyntax = { assign: 'assignment_expression', member: new Set(['field_access']), object: 'object', prop: 'field', variable: 'identifier' };
const NUMBER = new Set(['decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal', 'decimal_floating_point_literal']);

/** A string literal's value; text blocks lose their common indentation. */
function stringValue(n: Node): string {
  const t = n.text;
  if (t.startsWith('"""')) {
    const body = t.slice(3, -3).replace(/^[ \t]*\n/, '');
    const lines = body.split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0));
    return unescape(lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n'));
  }
  return unescape(t.slice(1, -1));
}

function call(n: Node): CallView | undefined {
  if (n.type === 'method_invocation') {
    const name = field(n, 'name');
    if (!name) return undefined;
    const object = field(n, 'object');
    const args = named(field(n, 'arguments')).map((value) => ({ value }));
    return { node: n, ...(object ? { receiver: object } : {}), name: name.text, nameNode: name, args };
  }
  if (n.type === 'object_creation_expression') {
    const type = field(n, 'type');
    if (!type) return undefined;
    const last = type.type === 'generic_type' ? type.namedChild(0) ?? type : type;
    const args = named(field(n, 'arguments')).map((value) => ({ value }));
    const body = named(n).find((c) => c.type === 'class_body');
    return { node: n, name: last.text.split('.').pop() ?? last.text, nameNode: type, args, newType: type, ...(body ? { extra: body } : {}) };
  }
  return undefined;
}

function expr(n: Node): ExprView {
  switch (n.type) {
    case 'method_invocation':
    case 'object_creation_expression':
      return callExpr(call(n));
    case 'field_access':
      return memberExpr(n, 'object', 'field');
    case 'scoped_identifier':
      return memberExpr(n, 'scope', 'name');
    case 'identifier':
    case 'type_identifier':
      return { k: 'name', name: n.text };
    case 'this':
      return { k: 'self' };
    case 'string_literal':
    case 'text_block':
      return { k: 'str', value: stringValue(n) };
    case 'lambda_expression':
      return lambdaExpr(field(n, 'body'));
    case 'parenthesized_expression': {
      const inner = named(n)[0];
      return inner ? { k: 'wrap', inner } : { k: 'other' };
    }
    case 'cast_expression': {
      const v = field(n, 'value');
      return v ? { k: 'wrap', inner: v } : { k: 'other' };
    }
    case 'ternary_expression':
      return condExpr(n);
    case 'binary_expression':
      return binaryExpr(n);
    case 'array_initializer':
      return { k: 'list', items: named(n) };
    case 'array_creation_expression': {
      const init = field(n, 'value');
      return init ? { k: 'list', items: named(init) } : { k: 'other' };
    }
    default: {
      return NUMBER.has(n.type) ? numberExpr(n.text) : { k: 'other' };
    }
  }
}

function declaratorDecls(n: Node, kind: 'var' | 'field'): Decl[] {
  const type = field(n, 'type');
  const t = type && type.text !== 'var' ? type : undefined;
  return n.childrenForFieldName('declarator').filter((x): x is Node => !!x).flatMap((d) => {
    const name = field(d, 'name');
    const value = field(d, 'value');
    return name ? [{ name: name.text, kind, ...(value ? { value } : {}), ...(t ? { type: t } : {}), at: n }] : [];
  });
}

function declares(n: Node): Decl[] {
  switch (n.type) {
    case 'local_variable_declaration':
      return declaratorDecls(n, 'var');
    case 'field_declaration':
    case 'constant_declaration':
      return declaratorDecls(n, 'field');
    case 'formal_parameter':
    case 'spread_parameter': {
      const name = field(n, 'name') ?? named(n).find((c) => c.type === 'variable_declarator')?.childForFieldName('name') ?? undefined;
      const type = field(n, 'type') ?? named(n).find((c) => c.type !== 'modifiers' && c.type !== 'variable_declarator' && c.type !== 'identifier');
      const index = n.parent ? named(n.parent).filter((c) => c.type === 'formal_parameter' || c.type === 'spread_parameter').findIndex((c) => c.id === n.id) : -1;
      return name ? [{ name: name.text, kind: 'param', ...(type ? { type } : {}), ...(index >= 0 ? { index } : {}), at: n }] : [];
    }
    case 'lambda_expression': {
      const p = field(n, 'parameters');
      const ids = p?.type === 'identifier' ? [p] : p?.type === 'inferred_parameters' ? named(p) : [];
      return ids.map((i) => ({ name: i.text, kind: 'param' as const, at: n }));
    }
    case 'assignment_expression':
      return assignmentDecls(n, MEMBER, 'this');
    case 'enhanced_for_statement': {
      const name = field(n, 'name');
      return name ? [{ name: name.text, kind: 'loop', at: n }] : [];
    }
    case 'method_declaration':
      return funcDecl(n);
    default:
      return [];
  }
}

function typeName(n: Node): string | undefined {
  let t: Node | undefined = n;
  if (t.type === 'generic_type') t = t.namedChild(0) ?? undefined;
  if (!t) return undefined;
  if (t.type === 'type_identifier' || t.type === 'identifier') return t.text;
  if (t.type === 'scoped_type_identifier' || t.type === 'scoped_identifier') return t.text.replace(/\s+/g, '').replace(/<[^>]*>/g, '');
  return undefined;
}

function javaImports(root: Node): ImportTable {
  const names = new Map<string, string>();
  const wildcards: string[] = [];
  const modules: string[] = [];
  for (const top of named(root)) {
    if (top.type === 'package_declaration') {
      const p = named(top)[0]?.text;
      if (p) wildcards.push(p);
    }
    if (top.type !== 'import_declaration') continue;
    const id = named(top).find((c) => c.type === 'scoped_identifier' || c.type === 'identifier');
    if (!id) continue;
    const fqn = id.text.replace(/\s+/g, '');
    const star = named(top).some((c) => c.type === 'asterisk');
    modules.push(fqn);
    if (star) wildcards.push(fqn);
    else names.set(fqn.slice(fqn.lastIndexOf('.') + 1), fqn);
  }
  return { names, wildcards, modules };
}

export function javaView(): SyntaxView {
  return {
    lang: 'java',
    sep: '.',
    expr,
    call,
    declares,
    memberWrite: memberWriteOf(MEMBER),
    scopeKind: scopeKindOf(FN, CLASS),
    className: (n) => field(n, 'name')?.text,
    functionName: (n) => (n.type === 'lambda_expression' ? undefined : field(n, 'name')?.text),
    returns: (fn) => {
      if (fn.type === 'lambda_expression') {
        const body = field(fn, 'body');
        return body && body.type !== 'block' ? [body] : body ? returnValues(body, FN) : [];
      }
      const body = field(fn, 'body');
      return body ? returnValues(body, new Set([...FN, ...CLASS])) : [];
    },
    imports: javaImports,
    typeName: (n) => typeName(n),
    loopKind: loopKindOf(['for_statement', 'enhanced_for_statement'], ['while_statement', 'do_statement']),
    isOpaque: (n) => n.type === 'line_comment' || n.type === 'block_comment' || STRING.has(n.type),
  };
}
