/**
 * The Ruby syntax view: calls with or without parentheses (`client.messages.create model: …`), keyword arguments and
 * hashes as keyed values, symbols as strings, constants (`OpenAI::Client`) as fully-qualified names, `@x` fields,
 * `attr_reader` names read bare, RSpec `let(:x) { … }`, a block's parameter bound to the call that yields it
 * (`client.realtime.connect(…) do |connection|`), and `require`s as the file's modules.
 */
import type { Node } from 'web-tree-sitter';
import type { ArgView, CallView, Decl, ExprView, ImportTable, SyntaxView } from '../types';
import { binaryExpr, callExpr, condExpr, descendants, field, lambdaExpr, memberWriteOf, named, numberExpr, scopeKindOf, unescape } from './common';

const STRING = new Set(['string', 'simple_symbol', 'delimited_symbol', 'hash_key_symbol', 'heredoc_body', 'bare_string', 'bare_symbol', 'subshell', 'regex', 'string_array', 'symbol_array']);
const FN = new Set(['method', 'singleton_method', 'lambda']);
const CLASS = new Set(['class', 'module', 'singleton_class']);
const LOOP_METHODS = /^(each|each_with_index|each_with_object|map|flat_map|collect|times|upto|downto|each_slice|select|filter_map|loop)$/;

function stringExpr(n: Node): ExprView {
  const parts = named(n).filter((c) => c.type === 'string_content' || c.type === 'escape_sequence');
  const holes = named(n).filter((c) => c.type === 'interpolation').length;
  if (n.type === 'simple_symbol') return { k: 'str', value: n.text.replace(/^:/, '') };
  if (n.type === 'hash_key_symbol') return { k: 'str', value: n.text };
  const text = parts.map((c) => (c.type === 'escape_sequence' ? unescape(c.text) : c.text)).join('');
  return holes ? { k: 'str', parts: parts.map((c) => c.text), holes } : { k: 'str', value: text };
}

function args(list: Node | undefined): ArgView[] {
  const out: ArgView[] = [];
  for (const a of named(list)) {
    if (a.type === 'pair') {
      const k = field(a, 'key');
      const v = field(a, 'value');
      if (k && v) out.push({ name: keyText(k), value: v });
    } else if (a.type === 'hash_splat_argument' || a.type === 'splat_argument' || a.type === 'block_argument') {
      const v = named(a)[0];
      if (v) out.push({ value: v, splat: true });
    } else {
      out.push({ value: a });
    }
  }
  return out;
}

function keyText(k: Node): string {
  const e = stringExpr(k);
  return e.k === 'str' && e.value !== undefined ? e.value : k.text;
}

function call(n: Node): CallView | undefined {
  if (n.type !== 'call') return undefined;
  const method = field(n, 'method');
  if (!method) return undefined;
  const receiver = field(n, 'receiver');
  const block = field(n, 'block');
  return { node: n, ...(receiver ? { receiver } : {}), name: method.text, nameNode: method, args: args(field(n, 'arguments')), ...(block ? { extra: block } : {}) };
}

function scopedParts(n: Node): string[] | undefined {
  if (n.type === 'constant') return [n.text];
  if (n.type !== 'scope_resolution') return undefined;
  const name = field(n, 'name');
  const scope = field(n, 'scope');
  if (!name) return undefined;
  const head = scope ? scopedParts(scope) : [];
  return head ? [...head, name.text] : undefined;
}

function expr(n: Node): ExprView {
  if (STRING.has(n.type)) return stringExpr(n);
  switch (n.type) {
    case 'call':
      return callExpr(call(n));
    case 'identifier':
    case 'instance_variable':
    case 'class_variable':
      return { k: 'name', name: n.text };
    case 'constant':
    case 'scope_resolution': {
      const parts = scopedParts(n);
      return parts ? { k: 'scoped', parts } : { k: 'other' };
    }
    case 'self':
      return { k: 'self' };
    case 'integer':
    case 'float':
      return numberExpr(n.text);
    case 'hash':
      return { k: 'obj', pairs: named(n).filter((p) => p.type === 'pair').flatMap((p) => {
        const k = field(p, 'key');
        const v = field(p, 'value');
        return k && v ? [[keyText(k), v] as [string, Node]] : [];
      }) };
    case 'array':
      return { k: 'list', items: named(n) };
    case 'parenthesized_statements':
    case 'block_body':
    case 'body_statement': {
      const last = named(n).pop();
      return last ? { k: 'wrap', inner: last } : { k: 'other' };
    }
    case 'block':
    case 'do_block':
    case 'lambda':
      return lambdaExpr(field(n, 'body') ?? named(n).pop());
    case 'binary':
      return binaryExpr(n);
    case 'conditional':
      return condExpr(n);
    case 'element_reference': {
      const o = field(n, 'object');
      const i = named(n).find((c) => c.id !== o?.id);
      return o && i ? { k: 'index', object: o, index: i } : { k: 'other' };
    }
    default:
      return { k: 'other' };
  }
}

/** Parameters: of a method (`positional`: their positions, for values its callers pass), or of a block. */
function paramDecls(params: Node | undefined, at: Node, positional: boolean, value?: Node): Decl[] {
  return named(params).flatMap((p, index) => {
    const name = p.type === 'identifier' ? p : field(p, 'name');
    const def = p.type === 'identifier' ? undefined : field(p, 'value');
    return name ? [{ name: name.text, kind: 'param' as const, ...(def ? { def } : {}), ...(value ? { value } : {}), ...(positional && p.type === 'identifier' ? { index } : {}), ...(positional && p.type === 'keyword_parameter' ? { keyword: name.text } : {}), at: positional ? p : at }] : [];
  });
}

function declares(n: Node): Decl[] {
  switch (n.type) {
    case 'assignment':
    case 'operator_assignment': {
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (!l || !r) return [];
      if (l.type === 'identifier' || l.type === 'constant') return [{ name: l.text, kind: 'var', value: r, at: n }];
      if (l.type === 'instance_variable' || l.type === 'class_variable') return [{ name: l.text, kind: 'field', value: r, inClass: true, at: n }];
      return [];
    }
    case 'method':
    case 'singleton_method': {
      const name = field(n, 'name');
      return [...(name ? [{ name: name.text, kind: 'func' as const, at: n }] : []), ...paramDecls(field(n, 'parameters'), n, true)];
    }
    case 'call': {
      // RSpec `let(:model) { "gpt-4o" }` / `let!(…)`: a name for the block's value.
      const c = call(n);
      if (c && !c.receiver && (c.name === 'let' || c.name === 'let!' || c.name === 'subject') && c.extra) {
        const sym = c.args[0] ? expr(c.args[0].value) : undefined;
        const name = sym?.k === 'str' ? sym.value : c.name === 'subject' ? 'subject' : undefined;
        const value = field(c.extra, 'body') ?? c.extra;
        return name ? [{ name, kind: 'var', value, at: n }] : [];
      }
      return [];
    }
    case 'block':
    case 'do_block': {
      // `x.connect(…) do |connection|`: the parameter stands for what the call yields, read as the call's value.
      const owner = n.parent?.type === 'call' ? n.parent : undefined;
      return paramDecls(field(n, 'parameters'), n, false, owner && !LOOP_METHODS.test(field(owner, 'method')?.text ?? '') ? owner : undefined);
    }
    default:
      return [];
  }
}

function rubyImports(root: Node): ImportTable {
  const modules: string[] = [];
  for (const c of descendants(root, new Set(['call']), new Set(['method', 'class']))) {
    const m = field(c, 'method')?.text;
    if (m !== 'require' && m !== 'require_relative' && m !== 'gem') continue;
    const a = named(field(c, 'arguments'))[0];
    const e = a ? stringExpr(a) : undefined;
    if (e?.k === 'str' && e.value) modules.push(e.value.split('/').pop()?.replace(/\.rb$/, '') ?? e.value, e.value);
  }
  return { names: new Map(), wildcards: [], modules };
}

export function rubyView(): SyntaxView {
  return {
    lang: 'ruby',
    sep: '::',
    expr,
    call,
    declares,
    // `client.prop = value` parses as an assignment to a call of `prop` on `client`.
    memberWrite: memberWriteOf({ assign: 'assignment', member: new Set(['call']), object: 'receiver', prop: 'method', variable: 'identifier' }),
    scopeKind: scopeKindOf(FN, CLASS),
    className: (n) => field(n, 'name')?.text.split('::').pop(),
    functionName: (n) => (n.type === 'lambda' ? undefined : field(n, 'name')?.text),
    returns: (fn) => {
      const body = field(fn, 'body');
      if (!body) return [];
      const explicit = descendants(body, new Set(['return']), FN).map((r) => named(named(r)[0])[0]).filter((x): x is Node => !!x);
      const last = named(body).pop();
      return last ? [...explicit, last] : explicit;
    },
    imports: rubyImports,
    typeName: (n) => scopedParts(n)?.join('::'),
    loopKind: (n) => {
      if (n.type === 'for' || n.type === 'until') return 'for';
      if (n.type === 'while') return 'while';
      if ((n.type === 'do_block' || n.type === 'block') && n.parent?.type === 'call' && LOOP_METHODS.test(field(n.parent, 'method')?.text ?? '')) return 'for';
      return undefined;
    },
    isOpaque: (n) => n.type === 'comment' || STRING.has(n.type),
    implicitField: (name) => `@${name}`,
  };
}
