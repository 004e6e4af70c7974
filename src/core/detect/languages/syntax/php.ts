/**
 * The PHP syntax view: `$x->m(…)`, `$x?->m(…)`, static calls `X::m(…)` (a class used statically, a Laravel facade),
 * `new X(…)`, PHP 8 named arguments (`model: 'x'`), arrays with keys as keyed values, `'single'`/`"double"` strings and
 * heredocs, `$this->x` and promoted constructor parameters as fields, class constants (`self::MODEL`, `Model::X`), and
 * `use` statements (aliases, groups) with the file's namespace as the imports.
 *
 * Variables keep their `$` (`$client`); properties and constants do not (`$this->client`, `self::MODEL`), as PHP
 * writes them.
 */
import type { Node } from 'web-tree-sitter';
import type { ArgView, CallView, Decl, ExprView, ImportTable, SyntaxView } from '../types';
import { binaryExpr, callExpr, descendants, field, funcDecl, lambdaExpr, loopKindOf, memberWriteOf, named, numberExpr, returnValues, scopeKindOf, unescape } from './common';

const STRING = new Set(['string', 'encapsed_string', 'heredoc', 'nowdoc', 'shell_command_expression']);
const FN = new Set(['method_declaration', 'function_definition', 'anonymous_function', 'arrow_function']);
const CLASS = new Set(['class_declaration', 'trait_declaration', 'interface_declaration', 'enum_declaration']);
const PARAMS = new Set(['simple_parameter', 'property_promotion_parameter', 'variadic_parameter']);
const MEMBER_CALL = new Set(['member_call_expression', 'nullsafe_member_call_expression']);
const MEMBER = new Set(['member_access_expression', 'nullsafe_member_access_expression']);

/** A string's value (escapes decoded in double-quoted strings), or its literal parts and how many holes it has. */
function stringExpr(n: Node): ExprView {
  if (n.type === 'string') {
    const body = named(n).map((c) => c.text).join('');
    // Single quotes: only `\\` and `\'` are escapes.
    return { k: 'str', value: body.replace(/\\([\\'])/g, '$1') };
  }
  const holder = n.type === 'heredoc' || n.type === 'nowdoc' ? field(n, 'value') : n;
  const kids = named(holder);
  const lit = kids.filter((c) => c.type === 'string_content' || c.type === 'escape_sequence' || c.type === 'nowdoc_string' || c.type === 'string_value');
  const holes = kids.length - lit.length;
  const text = lit.map((c) => (c.type === 'escape_sequence' ? unescape(c.text) : c.text));
  return holes ? { k: 'str', parts: text, holes } : { k: 'str', value: text.join('') };
}

function argValue(a: Node): Node | undefined {
  const name = field(a, 'name');
  return named(a).find((c) => c.id !== name?.id);
}

function args(list: Node | undefined): ArgView[] {
  const out: ArgView[] = [];
  for (const a of named(list)) {
    if (a.type !== 'argument') continue;
    const v = argValue(a);
    if (!v) continue;
    const name = field(a, 'name');
    if (v.type === 'variadic_unpacking') {
      const inner = named(v)[0];
      if (inner) out.push({ value: inner, splat: true });
    } else {
      out.push({ ...(name ? { name: name.text } : {}), value: v });
    }
  }
  return out;
}

/** `\A\B`, `A\B`, `B`: the parts (a leading `\` is dropped: the name is already fully qualified). */
function nameParts(n: Node): string[] | undefined {
  if (n.type === 'name') return [n.text];
  if (n.type === 'qualified_name' || n.type === 'namespace_name') return n.text.replace(/^\\/, '').split('\\').filter(Boolean);
  if (n.type === 'named_type' || n.type === 'optional_type') {
    const inner = named(n)[0];
    return inner ? nameParts(inner) : undefined;
  }
  return undefined;
}

function call(n: Node): CallView | undefined {
  if (MEMBER_CALL.has(n.type) || n.type === 'scoped_call_expression') {
    const name = field(n, 'name');
    const receiver = field(n, 'object') ?? field(n, 'scope');
    if (!name || name.type !== 'name') return undefined;
    return { node: n, ...(receiver ? { receiver } : {}), name: name.text, nameNode: name, args: args(field(n, 'arguments')) };
  }
  if (n.type === 'function_call_expression') {
    const fn = field(n, 'function');
    const parts = fn ? nameParts(fn) : undefined;
    const last = parts?.[parts.length - 1];
    if (!fn || !last) return undefined;
    return { node: n, name: last, nameNode: fn, args: args(field(n, 'arguments')) };
  }
  if (n.type === 'object_creation_expression') {
    const type = named(n).find((c) => c.type === 'name' || c.type === 'qualified_name');
    const parts = type ? nameParts(type) : undefined;
    const last = parts?.[parts.length - 1];
    if (!type || !last) return undefined;
    return { node: n, name: last, nameNode: type, args: args(named(n).find((c) => c.type === 'arguments')), newType: type };
  }
  return undefined;
}

function arrayExpr(n: Node): ExprView {
  const els = named(n).filter((c) => c.type === 'array_element_initializer');
  const pairs: [string, Node][] = [];
  const items: Node[] = [];
  for (const el of els) {
    const kids = named(el);
    if (kids.length === 2) {
      const k = stringExpr(kids[0] as Node);
      if ((kids[0] as Node).type === 'string' || (kids[0] as Node).type === 'encapsed_string') {
        if (k.k === 'str' && k.value !== undefined) pairs.push([k.value, kids[1] as Node]);
      }
    } else if (kids[0] && kids[0].type !== 'variadic_unpacking') {
      items.push(kids[0]);
    }
  }
  return pairs.length ? { k: 'obj', pairs } : { k: 'list', items };
}

function expr(n: Node): ExprView {
  if (STRING.has(n.type)) return n.type === 'shell_command_expression' ? { k: 'other' } : stringExpr(n);
  switch (n.type) {
    case 'member_call_expression':
    case 'nullsafe_member_call_expression':
    case 'scoped_call_expression':
    case 'function_call_expression':
    case 'object_creation_expression':
      return callExpr(call(n));
    case 'member_access_expression':
    case 'nullsafe_member_access_expression':
    case 'class_constant_access_expression':
    case 'scoped_property_access_expression': {
      const kids = named(n);
      const object = field(n, 'object') ?? field(n, 'scope') ?? kids[0];
      const nameNode = field(n, 'name') ?? kids[kids.length - 1];
      if (!object || !nameNode || object.id === nameNode.id) return { k: 'other' };
      return { k: 'member', object, name: nameNode.text.replace(/^\$/, ''), nameNode };
    }
    case 'variable_name':
      return n.text === '$this' ? { k: 'self' } : { k: 'name', name: n.text };
    case 'relative_scope':
      return { k: 'self' };
    case 'name':
    case 'qualified_name': {
      const parts = nameParts(n);
      return parts ? { k: 'scoped', parts } : { k: 'other' };
    }
    case 'integer':
    case 'float':
      return numberExpr(n.text);
    case 'array_creation_expression':
      return arrayExpr(n);
    case 'parenthesized_expression':
    case 'cast_expression':
    case 'reference_modifier': {
      const inner = field(n, 'value') ?? named(n).pop();
      return inner ? { k: 'wrap', inner } : { k: 'other' };
    }
    case 'binary_expression':
      return binaryExpr(n);
    case 'conditional_expression': {
      const c = field(n, 'condition');
      const a = field(n, 'body');
      const b = field(n, 'alternative');
      if (!b) return { k: 'other' };
      if (!a) return c ? { k: 'binary', op: '?:', left: c, right: b } : { k: 'other' };
      return { k: 'cond', then: a, else: b };
    }
    case 'subscript_expression': {
      const [o, i] = named(n);
      return o && i ? { k: 'index', object: o, index: i } : { k: 'other' };
    }
    case 'arrow_function':
    case 'anonymous_function':
      return lambdaExpr(field(n, 'body'));
    default:
      return { k: 'other' };
  }
}

function paramDecl(p: Node): Decl[] {
  const nameNode = field(p, 'name');
  if (!nameNode) return [];
  const name = nameNode.text;
  const type = field(p, 'type');
  const def = field(p, 'default_value');
  const list = p.parent;
  const index = list ? named(list).filter((c) => PARAMS.has(c.type)).findIndex((c) => c.id === p.id) : -1;
  const out: Decl[] = [{ name, kind: 'param', ...(type ? { type } : {}), ...(def ? { def } : {}), ...(index >= 0 ? { index } : {}), keyword: name.replace(/^\$/, ''), at: p }];
  // `public function __construct(private Client $client)`: also a property of the class.
  if (p.type === 'property_promotion_parameter') out.push({ name: name.replace(/^\$/, ''), kind: 'field', ...(type ? { type } : {}), ...(def ? { value: def } : {}), inClass: true, at: p });
  return out;
}

function declares(n: Node): Decl[] {
  if (PARAMS.has(n.type)) return paramDecl(n);
  switch (n.type) {
    case 'assignment_expression':
    case 'augmented_assignment_expression': {
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (!l || !r) return [];
      if (l.type === 'variable_name' && l.text !== '$this') return [{ name: l.text, kind: 'var', value: r, at: n }];
      if (MEMBER.has(l.type) && field(l, 'object')?.text === '$this') {
        const f = field(l, 'name');
        return f ? [{ name: f.text, kind: 'field', value: r, inClass: true, at: n }] : [];
      }
      if (l.type === 'scoped_property_access_expression' && field(l, 'scope')?.type === 'relative_scope') {
        const f = field(l, 'name');
        return f ? [{ name: f.text.replace(/^\$/, ''), kind: 'field', value: r, inClass: true, at: n }] : [];
      }
      return [];
    }
    case 'property_declaration': {
      const type = field(n, 'type');
      return named(n).filter((c) => c.type === 'property_element').flatMap((el) => {
        const name = field(el, 'name');
        const value = field(el, 'default_value');
        return name ? [{ name: name.text.replace(/^\$/, ''), kind: 'field' as const, ...(value ? { value } : {}), ...(type ? { type } : {}), at: n }] : [];
      });
    }
    case 'const_declaration': {
      const inClass = n.parent?.type === 'declaration_list';
      return named(n).filter((c) => c.type === 'const_element').flatMap((el) => {
        const [name, value] = named(el);
        return name && value ? [{ name: name.text, kind: inClass ? ('field' as const) : ('var' as const), value, at: n }] : [];
      });
    }
    case 'foreach_statement': {
      const vars = named(n).filter((c) => c.type === 'variable_name' || c.type === 'pair').slice(1);
      return vars.flatMap((v) => (v.type === 'variable_name' ? [v] : named(v).filter((x) => x.type === 'variable_name'))).map((v) => ({ name: v.text, kind: 'loop' as const, at: n }));
    }
    case 'method_declaration':
    case 'function_definition':
      return funcDecl(n);
    default:
      return [];
  }
}

function phpImports(root: Node): ImportTable {
  const names = new Map<string, string>();
  const wildcards: string[] = [];
  const modules: string[] = [];
  const add = (fqn: string, alias?: string): void => {
    const clean = fqn.replace(/^\\/, '');
    modules.push(clean);
    names.set(alias ?? clean.slice(clean.lastIndexOf('\\') + 1), clean);
  };
  for (const top of descendants(root, new Set(['namespace_definition', 'namespace_use_declaration']), new Set([...FN, ...CLASS]))) {
    if (top.type === 'namespace_definition') {
      const name = field(top, 'name');
      if (name) wildcards.push(name.text.replace(/^\\/, ''));
      continue;
    }
    // `use function x;` / `use const X;` name no classes.
    if (named(top).some((c) => c.type === 'function' || c.type === 'const') || /^use\s+(function|const)\b/.test(top.text)) continue;
    const group = field(top, 'body');
    const prefix = group ? named(top).find((c) => c.type === 'namespace_name')?.text : undefined;
    const clauses = group ? named(group) : named(top);
    for (const cl of clauses) {
      if (cl.type !== 'namespace_use_clause') continue;
      const alias = field(cl, 'alias');
      const target = named(cl).find((c) => c.id !== alias?.id && (c.type === 'qualified_name' || c.type === 'name' || c.type === 'namespace_name'));
      if (!target) continue;
      add(prefix ? `${prefix}\\${target.text}` : target.text, alias?.text);
    }
  }
  return { names, wildcards, modules };
}

function typeName(n: Node, imports: ImportTable): string | undefined {
  const parts = nameParts(n);
  if (!parts?.length) return undefined;
  // A leading `\` is absolute; otherwise the first part may be an alias.
  if (n.text.startsWith('\\')) return parts.join('\\');
  const head = imports.names.get(parts[0] as string);
  return head ? [head, ...parts.slice(1)].join('\\') : parts.join('\\');
}

export function phpView(): SyntaxView {
  return {
    lang: 'php',
    sep: '\\',
    expr,
    call,
    declares,
    memberWrite: memberWriteOf({ assign: 'assignment_expression', member: MEMBER, object: 'object', prop: 'name', variable: 'variable_name', self: '$this' }),
    scopeKind: scopeKindOf(FN, CLASS),
    className: (n) => field(n, 'name')?.text,
    functionName: (n) => (n.type === 'anonymous_function' || n.type === 'arrow_function' ? undefined : field(n, 'name')?.text),
    returns: (fn) => {
      const body = field(fn, 'body');
      if (!body) return [];
      if (fn.type === 'arrow_function') return [body];
      return returnValues(body, new Set([...FN, ...CLASS]));
    },
    imports: phpImports,
    typeName,
    loopKind: loopKindOf(['for_statement', 'foreach_statement'], ['while_statement', 'do_statement']),
    isOpaque: (n) => n.type === 'comment' || STRING.has(n.type),
  };
}
