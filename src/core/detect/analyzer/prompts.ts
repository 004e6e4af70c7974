/**
 * Prompts: the parts of a call's prompt (system, messages, prompt, input, contents, tools, response format) as
 * literal, template, file or dynamic parts with their roles, for token estimation.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import type { PromptPart } from '../../types';
import type { ArgRef, SiteSpec } from '../catalog/types';
import { callArgs, callee, FUNCTION_TYPES, isCall, isMember, isSelfRef, isStringNode, memberName, memberObject, pairKey, SCOPE_TYPES, stringParts, toRange, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Binding, Value } from './types';

export function promptParts(fa: FileAnalyzer, call: Node, spec: SiteSpec, km: Map<string, Node[]>, inst: (Value & { kind: 'inst' }) | undefined): PromptPart[] {
  const parts: PromptPart[] = [];
  const p = spec.prompt ?? {};
  const find = (ref: ArgRef | undefined): Node | undefined => {
    if (!ref) return undefined;
    const direct = fa.getArg(call, ref);
    if (direct) return direct;
    for (const k of ref.kw ?? []) {
      const v = km.get(k);
      if (v?.[0]) return v[0];
    }
    return undefined;
  };
  const sys = find(p.system) ?? km.get('system_instruction')?.[0] ?? km.get('systemInstruction')?.[0];
  if (sys) parts.push(...contentParts(fa, sys, 'system'));
  else if (inst?.ctor) {
    const ckm = inst.ctor.ctx.keyMap(inst.ctor.node);
    const s = ckm.get('system_instruction')?.[0] ?? ckm.get('systemInstruction')?.[0];
    if (s) parts.push(...inst.ctor.ctx.contentParts(s, 'system'));
  }
  const msgs = find(p.messages);
  if (msgs) parts.push(...messageParts(fa, msgs));
  const prompt = find(p.prompt);
  if (prompt) parts.push(...contentParts(fa, prompt, 'prompt'));
  const input = find(p.input);
  if (input) {
    const u = listValue(fa, input);
    if (u && u.namedChildren.some((c) => c && (c.type === 'dictionary' || c.type === 'object'))) parts.push(...messageParts(fa, input));
    else parts.push(...contentParts(fa, input, 'input'));
  }
  const user = find(p.user);
  if (user) {
    if (listValue(fa, user)) parts.push(...messageParts(fa, user));
    else parts.push(...contentParts(fa, user, 'user'));
  }
  // A conversation kept on the server (Responses `previous_response_id`, `conversation`): its turns are input too.
  const history = km.get('previous_response_id')?.[0] ?? km.get('conversation')?.[0];
  if (history) parts.push({ role: 'other', kind: 'dynamic', range: toRange(history) });
  const ctorKm = inst?.ctor ? inst.ctor.ctx.keyMap(inst.ctor.node) : undefined;
  for (const [key, role] of [['tools', 'tools'], ['functions', 'tools'], ['response_format', 'response_format']] as const) {
    const v = km.get(key)?.[0];
    // Gemini's GenerativeModel(tools=[…]) holds the tools of every call made with it.
    const c = v ? undefined : key === 'tools' ? ctorKm?.get(key)?.[0] : undefined;
    if (v) parts.push(structuredPart(fa, v, role));
    else if (c && inst?.ctor) parts.push(structuredPart(inst.ctor.ctx, c, role));
  }
  return parts;
}

/**
 * A tools list or response format as the JSON the SDK sends (issue #19 item 3): a literal, or a name bound to one in
 * this file or one import away, read into JSON (Python `True`/`None` become `true`/`null`), never its source text.
 * Values only known at run time inside it (a variable, a call, an f-string hole) are counted as `placeholders`.
 */
export function structuredPart(fa: FileAnalyzer, n: Node, role: PromptPart['role']): PromptPart {
  const r = jsonValue(fa, n, 0);
  if (!r) return { role, kind: 'dynamic', range: toRange(n) };
  const text = JSON.stringify(r.value);
  return r.holes ? { role, kind: 'template', text, placeholders: r.holes, range: toRange(n) } : { role, kind: 'literal', text, range: toRange(n) };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A value read from a run-time expression inside a literal: counted as a hole, written as `null` in the JSON. */
const HOLE = { value: null, holes: 1 } as const;

/**
 * The JSON value of a literal data expression (dict/object, list/array/tuple, string, number, boolean, null), through
 * names bound to one (`TOOLS = [...]`, one import hop). Undefined when `n` is not data at all (a call, a parameter).
 */
export function jsonValue(fa: FileAnalyzer, n: Node, depth: number): { value: Json; holes: number } | undefined {
  if (depth > 12) return undefined;
  const u = unwrap(n);
  switch (u.type) {
    case 'dictionary':
    case 'object':
      return objectJson(fa, u, depth);
    case 'list':
    case 'array':
    case 'tuple': {
      const out: Json[] = [];
      let holes = 0;
      for (const c of u.namedChildren) {
        if (!c || c.type === 'comment') continue;
        const inner = c.type === 'list_splat' || c.type === 'spread_element' ? c.namedChildren[0] : c;
        const v = inner ? jsonValue(fa, inner, depth + 1) : undefined;
        if (c !== inner && Array.isArray(v?.value)) out.push(...v.value);
        else out.push(v?.value ?? null);
        holes += v ? v.holes : 1;
      }
      return { value: out, holes };
    }
    case 'string':
    case 'template_string':
    case 'concatenated_string': {
      const { text, holes } = stringParts(u);
      return { value: text, holes: holes.length };
    }
    case 'integer':
    case 'float':
    case 'number':
      return Number.isFinite(Number(u.text.replace(/_/g, ''))) ? { value: Number(u.text.replace(/_/g, '')), holes: 0 } : HOLE;
    case 'true':
    case 'false':
      return { value: u.type === 'true', holes: 0 };
    case 'none':
    case 'null':
      return { value: null, holes: 0 };
    case 'unary_operator':
    case 'unary_expression': {
      const num = fa.constNumber(u);
      return num !== undefined ? { value: num, holes: 0 } : HOLE;
    }
    case 'identifier':
    case 'shorthand_property_identifier': {
      if (u.text === 'True' || u.text === 'False') return { value: u.text === 'True', holes: 0 };
      if (u.text === 'None' || u.text === 'undefined') return { value: null, holes: 0 };
      const b = fa.lookup(u.text, u);
      if (b?.kind === 'assign') return jsonValue(fa, b.value, depth + 1);
      if (b?.kind === 'func' && b.node.type === 'function_definition') return { value: pythonFunctionDeclaration(b.node), holes: 0 };
      if (b?.kind === 'import') {
        const f = fa.foreignFor(b);
        const fb = f && b.member ? f.analyzer.topLevel(b.member) : undefined;
        if (f && fb?.kind === 'assign') return jsonValue(f.analyzer, fb.value, depth + 1);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** JSON-schema types of Python annotations, as the Gemini SDKs map them when a function is passed as a tool. */
const PY_TYPES: Readonly<Record<string, string>> = { str: 'string', int: 'integer', float: 'number', bool: 'boolean', list: 'array', dict: 'object' };

/**
 * The function declaration the Gemini SDKs build from a Python function passed as a tool (`tools=[add]`): its name,
 * docstring, and parameters with their annotated types (required unless they have a default).
 */
function pythonFunctionDeclaration(fn: Node): Json {
  const name = fn.childForFieldName('name')?.text ?? 'function';
  const body = fn.childForFieldName('body');
  const first = body?.namedChildren[0];
  const doc = first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string' ? stringParts(first.namedChildren[0]).text.trim() : undefined;
  const properties: { [k: string]: Json } = {};
  const required: Json[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    if (!id || id.text === 'self' || id.text === 'cls') continue;
    const ann = p.childForFieldName('type')?.text.replace(/\[.*$/, '') ?? '';
    properties[id.text] = { type: PY_TYPES[ann] ?? 'string' };
    if (p.type === 'identifier' || p.type === 'typed_parameter') required.push(id.text);
  }
  return { name, ...(doc ? { description: doc } : {}), parameters: { type: 'object', properties, required } };
}

function objectJson(fa: FileAnalyzer, u: Node, depth: number): { value: Json; holes: number } {
  const out: { [k: string]: Json } = {};
  let holes = 0;
  for (const c of u.namedChildren) {
    if (!c || c.type === 'comment') continue;
    if (c.type === 'pair') {
      const key = pairKey(c) ?? (c.childForFieldName('key') ? fa.constString(c.childForFieldName('key')!) : undefined);
      const val = c.childForFieldName('value');
      if (key === undefined || !val) {
        holes++;
        continue;
      }
      const v = jsonValue(fa, val, depth + 1);
      out[key] = v?.value ?? null;
      holes += v ? v.holes : 1;
    } else if (c.type === 'shorthand_property_identifier') {
      const v = jsonValue(fa, c, depth + 1);
      out[c.text] = v?.value ?? null;
      holes += v ? v.holes : 1;
    } else if (c.type === 'dictionary_splat' || c.type === 'spread_element') {
      const inner = c.namedChildren[0];
      const v = inner ? jsonValue(fa, inner, depth + 1) : undefined;
      if (v && v.value !== null && typeof v.value === 'object' && !Array.isArray(v.value)) {
        Object.assign(out, v.value);
        holes += v.holes;
      } else holes++;
    } else holes++;
  }
  return { value: out, holes };
}

/** A messages list: roles from dicts/objects, LangChain tuples and message classes. */
export function messageParts(fa: FileAnalyzer, n: Node, hops = 0): PromptPart[] {
  const u = unwrap(n);
  // `messages=msgs`, or `{ model, messages }` (a shorthand property names the variable).
  if ((u.type === 'identifier' || u.type === 'shorthand_property_identifier') && hops < 3) {
    const b = fa.lookup(u.text, u);
    if (b?.kind === 'assign') {
      const v = unwrap(b.value);
      if (v.type === 'list' || v.type === 'array' || isListConcat(v)) return [...messageParts(fa, v, hops + 1), ...builtInSteps(fa, u, b, hops)];
    }
    return [{ role: 'other', kind: 'dynamic', range: toRange(n) }];
  }
  if (isListConcat(u) && hops < 6) {
    const l = u.childForFieldName('left');
    const r = u.childForFieldName('right');
    if (l && r) return [...messageParts(fa, l, hops + 1), ...messageParts(fa, r, hops + 1)];
  }
  if (u.type === 'string' || u.type === 'template_string' || u.type === 'concatenated_string') return contentParts(fa, u, 'user');
  if (u.type !== 'list' && u.type !== 'array') return [{ role: 'other', kind: 'dynamic', range: toRange(n) }];
  const out: PromptPart[] = [];
  for (const el of u.namedChildren) {
    if (!el || el.type === 'comment') continue;
    out.push(...messageOf(fa, el, hops));
  }
  return out;
}

/** One element of a messages list: a dict/object with role and content, a LangChain tuple or message class, a spread. */
function messageOf(fa: FileAnalyzer, el: Node, hops: number): PromptPart[] {
  const e = unwrap(el);
  if (e.type === 'dictionary' || e.type === 'object') {
    const roleNode = fa.objectKey(e, ['role']);
    const roleText = roleNode ? fa.constString(roleNode) : undefined;
    // A turn without a role is the user's (Gemini `contents=[{"parts": […]}]`).
    const role = roleNode ? normRole(roleText) : 'user';
    const content = fa.objectKey(e, ['content', 'parts', 'text']);
    const msg = content ? contentParts(fa, content, role) : [{ role, kind: 'dynamic' as const, range: toRange(e) }];
    // OpenAI's `name` field (an example speaker): its text and one more token are part of the message.
    const nameNode = fa.objectKey(e, ['name']);
    const name = nameNode ? fa.constString(nameNode) : undefined;
    if (name !== undefined && msg[0]) msg[0] = { ...msg[0], name };
    return msg;
  }
  if (e.type === 'tuple' || e.type === 'array') {
    const [r, c] = e.namedChildren;
    const role = normRole(r ? fa.constString(r) : undefined);
    return c ? contentParts(fa, c, role) : [];
  }
  if (isCall(e)) {
    const cls = (callee(e)?.text ?? '').split('.').pop() ?? '';
    const role = cls.startsWith('System') ? 'system' : cls.startsWith('Human') || cls.startsWith('User') ? 'user' : cls.startsWith('AI') || cls.startsWith('Assistant') ? 'assistant' : cls.startsWith('Tool') ? 'tool' : undefined;
    const arg = fa.getArg(e, { pos: 0, kw: ['content'] });
    if (role && arg) return contentParts(fa, arg, role);
    return [{ role: role ?? 'other', kind: 'dynamic', range: toRange(e) }];
  }
  if (e.type === 'list_splat' || e.type === 'spread_element') {
    // `[...history, {…}]`: the spread list's own messages when it is a visible list, else a run-time part.
    const inner = e.namedChildren[0];
    if (inner && unwrap(inner).type === 'identifier' && hops < 3) return messageParts(fa, inner, hops + 1);
    return [{ role: 'other', kind: 'dynamic', range: toRange(e) }];
  }
  return contentParts(fa, e, 'user');
}

/** The list literal an expression is, or a name is bound to (a messages/contents list held in a variable). */
function listValue(fa: FileAnalyzer, n: Node): Node | undefined {
  const u = unwrap(n);
  if (u.type === 'list' || u.type === 'array' || isListConcat(u)) return u;
  if (u.type !== 'identifier' && u.type !== 'shorthand_property_identifier') return undefined;
  const b = fa.lookup(u.text, u);
  const v = b?.kind === 'assign' ? unwrap(b.value) : undefined;
  return v && (v.type === 'list' || v.type === 'array' || isListConcat(v)) ? v : undefined;
}

/** `a + b` of lists (Python) — a messages list built by concatenation. */
function isListConcat(n: Node): boolean {
  if (n.type !== 'binary_operator') return false;
  const op = n.childForFieldName('operator')?.text;
  const l = n.childForFieldName('left');
  const r = n.childForFieldName('right');
  const listy = (x: Node | null): boolean => !!x && (unwrap(x).type === 'list' || unwrap(x).type === 'identifier' || isListConcat(unwrap(x)));
  return op === '+' && listy(l) && listy(r) && (unwrap(l!).type === 'list' || unwrap(r!).type === 'list');
}

/** Statements under which a step may or may not run. */
const CONDITIONAL = new Set(['if_statement', 'elif_clause', 'else_clause', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'try_statement', 'except_clause', 'catch_clause', 'finally_clause', 'switch_statement', 'switch_case', 'match_statement', 'case_clause', 'conditional_expression', 'ternary_expression']);
const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);
/** Calls that only read a list passed to them. */
const READERS = /^(len|print|str|repr|list|tuple|sorted|reversed|enumerate|json\.dumps|JSON\.stringify|console\.\w+|logger\.\w+|logging\.\w+|pprint|copy\.deepcopy|deepcopy)$/;
const ADDERS = new Set(['append', 'push', 'insert', 'unshift']);
const EXTENDERS = new Set(['extend']);
const READ_METHODS = new Set(['copy', 'count', 'index', 'concat', 'slice', 'map', 'filter', 'join', 'includes', 'indexOf', 'forEach', 'length', 'find', 'some', 'every', 'reduce', 'at']);

/**
 * Messages added to a list between its assignment and the call (issue #19 item 4): `msgs.append({...})`,
 * `msgs.extend([...])`, `msgs += [...]`, `msgs.push(...)`. A step under a condition or loop the call is not in, a use
 * that may change the list (`pop`, `msgs[0] = …`, passing it to a function) or a list that grows with each turn of a
 * loop around the call adds a run-time part instead, so the count is never labelled exact.
 */
function builtInSteps(fa: FileAnalyzer, use: Node, b: Binding & { kind: 'assign' }, hops: number): PromptPart[] {
  const name = use.text;
  const defAnc = fa.ancestors(b.at);
  const scope = defAnc.find((a) => SCOPE_TYPES.has(a.type)) ?? fa.root;
  const useAnc = fa.ancestors(use);
  const inScope = (a: Node): boolean => a.startIndex >= scope.startIndex && a.endIndex <= scope.endIndex && a.id !== scope.id;
  // A loop around the call (inside the list's scope) that the assignment is not in: the list outlives each turn.
  const turnLoop = useAnc.find((a) => LOOPS.has(a.type) && inScope(a) && !(b.at.startIndex >= a.startIndex && b.at.endIndex <= a.endIndex));
  const out: PromptPart[] = [];
  let grows = false;
  for (const ref of identifiersIn(scope, name)) {
    if (ref.id === use.id || ref.startIndex < b.at.endIndex) continue;
    const after = ref.startIndex > use.startIndex;
    if (after && !(turnLoop && ref.startIndex < turnLoop.endIndex)) continue;
    const step = classifyUse(fa, ref);
    if (step.kind === 'read') continue;
    if (turnLoop && ref.startIndex >= turnLoop.startIndex && ref.endIndex <= turnLoop.endIndex) grows = true;
    if (after) continue;
    const refAnc = fa.ancestors(ref);
    const uncertain = refAnc.some((a) => inScope(a) && CONDITIONAL.has(a.type) && !(use.startIndex >= a.startIndex && use.endIndex <= a.endIndex));
    if (step.kind === 'unknown' || uncertain) {
      out.push({ role: 'other', kind: 'dynamic', range: toRange(ref) });
      continue;
    }
    for (const el of step.messages) out.push(...messageOf(fa, el, hops + 1));
    for (const list of step.lists) out.push(...messageParts(fa, list, hops + 1));
  }
  if (grows) out.push({ role: 'other', kind: 'dynamic', range: toRange(turnLoop!) });
  return out;
}

/** Identifier nodes named `name` in `scope`, outside nested functions, in source order. */
function identifiersIn(scope: Node, name: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node, depth: number): void => {
    if (depth > 200) return;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (FUNCTION_TYPES.has(c.type)) continue;
      if (c.type === 'identifier' && c.text === name) out.push(c);
      else if (c.namedChildCount > 0) walk(c, depth + 1);
    }
  };
  walk(scope.type === 'module' || scope.type === 'program' ? scope : scope.childForFieldName('body') ?? scope, 0);
  return out;
}

type Step = { readonly kind: 'read' } | { readonly kind: 'unknown' } | { readonly kind: 'add'; readonly messages: readonly Node[]; readonly lists: readonly Node[] };

/** What one use of the list does to it. */
function classifyUse(fa: FileAnalyzer, ref: Node): Step {
  const parent = fa.ancestors(ref)[0];
  if (!parent) return { kind: 'read' };
  if (isMember(parent) && memberObject(parent)?.id === ref.id) {
    const method = memberName(parent) ?? '';
    const call = fa.ancestors(parent)[0];
    if (!call || !isCall(call) || callee(call)?.id !== parent.id) return { kind: 'read' };
    const args = callArgs(call);
    if (ADDERS.has(method)) {
      const els = method === 'insert' ? args.slice(1) : args;
      const spread = els.filter((a) => a.type === 'spread_element' || a.type === 'list_splat');
      return { kind: 'add', messages: els.filter((a) => !spread.includes(a)), lists: spread.map((x) => x.namedChildren[0] ?? x) };
    }
    if (EXTENDERS.has(method) && args[0]) return { kind: 'add', messages: [], lists: [args[0]] };
    return READ_METHODS.has(method) ? { kind: 'read' } : { kind: 'unknown' };
  }
  if (parent.type === 'augmented_assignment' && parent.childForFieldName('left')?.id === ref.id) {
    const right = parent.childForFieldName('right');
    return parent.childForFieldName('operator')?.text === '+=' && right ? { kind: 'add', messages: [], lists: [right] } : { kind: 'unknown' };
  }
  if (parent.type === 'subscript' || parent.type === 'subscript_expression') {
    const gp = fa.ancestors(parent)[0];
    const assigned = gp && (gp.type === 'assignment' || gp.type === 'assignment_expression' || gp.type === 'augmented_assignment' || gp.type === 'delete_statement') && gp.childForFieldName('left')?.id === parent.id;
    return assigned || gp?.type === 'delete_statement' ? { kind: 'unknown' } : { kind: 'read' };
  }
  if (parent.type === 'argument_list' || parent.type === 'arguments') {
    const call = fa.ancestors(parent)[0];
    return call && READERS.test(callee(call)?.text ?? '') ? { kind: 'read' } : { kind: 'unknown' };
  }
  if ((parent.type === 'assignment' || parent.type === 'variable_declarator') && (parent.childForFieldName('right') ?? parent.childForFieldName('value'))?.id === ref.id) return { kind: 'unknown' };
  return { kind: 'read' };
}

/** A content value: a string (literal/template/file/dynamic) or a list of content blocks. */
export function contentParts(fa: FileAnalyzer, n: Node, role: PromptPart['role'], depth = 0): PromptPart[] {
  const u = unwrap(n);
  if ((u.type === 'list' || u.type === 'array') && depth < 3) {
    const out: PromptPart[] = [];
    for (const c of u.namedChildren) {
      if (!c) continue;
      const e = unwrap(c);
      if (e.type === 'dictionary' || e.type === 'object') {
        const t = fa.objectKey(e, ['type']);
        const type = t ? fa.constString(t) : undefined;
        if (type && /image/.test(type)) {
          const detailNode = fa.deepObjectKey(e, 'detail');
          const detail = detailNode ? fa.constString(detailNode) : undefined;
          out.push({ role: 'image', kind: 'dynamic', range: toRange(e), ...(detail ? { image: { detail } } : {}) });
          continue;
        }
        const text = fa.objectKey(e, ['text', 'content', 'input_text']);
        if (text) out.push(...contentParts(fa, text, role, depth + 1));
        else out.push({ role, kind: 'dynamic', range: toRange(e) });
      } else out.push(...contentParts(fa, e, role, depth + 1));
    }
    return out;
  }
  return [stringPart(fa, n, role)];
}

/** One string-valued prompt slot as literal / template / file / dynamic. */
export function stringPart(fa: FileAnalyzer, n: Node, role: PromptPart['role'], depth = 0): PromptPart {
  const range = toRange(n);
  const info = stringInfo(fa, n, depth);
  return { role, range, ...info };
}

export function stringInfo(fa: FileAnalyzer, n: Node, depth: number): Omit<PromptPart, 'role' | 'range'> {
  const dynamic = { kind: 'dynamic' as const };
  if (depth > 8) return dynamic;
  const u = unwrap(n);
  if (isStringNode(u)) {
    const { text, holes } = stringParts(u);
    if (!holes.length) return { kind: 'literal', text };
    return { kind: 'template', text, placeholders: holes.length };
  }
  if (u.type === 'identifier') {
    const b = fa.lookup(u.text, u);
    if (b?.kind === 'assign') return stringInfo(fa, b.value, depth + 1);
    if (b?.kind === 'param' && b.def && unwrap(b.def).type !== 'none' && unwrap(b.def).type !== 'null') {
      return dynamic;
    }
    if (b?.kind === 'import') {
      const f = fa.foreignFor(b);
      const fb = f && b.member ? f.analyzer.topLevel(b.member) : undefined;
      if (f && fb?.kind === 'assign') return f.analyzer.stringInfo(fb.value, depth + 1);
    }
    return dynamic;
  }
  if (isMember(u) && depth < 8) {
    const obj = memberObject(u);
    const name = memberName(u);
    if (obj && name && isSelfRef(obj)) {
      const b = fa.lookupSelfAttr(name, u);
      if (b?.kind === 'assign') return stringInfo(fa, b.value, depth + 1);
    }
    return dynamic;
  }
  if (isCall(u)) {
    const fn = callee(u);
    const fnText = fn?.text ?? '';
    const last = fn && isMember(fn) ? memberName(fn) ?? '' : fnText;
    // `open("p").read()`, `Path("p").read_text()`, `fs.readFileSync("p")`, `await readFile("p")`.
    const file = filePath(fa, u);
    if (file) return { kind: 'file', file };
    if (last === 'format' && fn && isMember(fn)) {
      const obj = memberObject(fn);
      const base = obj ? stringInfo(fa, obj, depth + 1) : dynamic;
      if (base.kind === 'literal' && base.text !== undefined) {
        const holes = (base.text.match(/\{[^{}]*\}/g) ?? []).length;
        return { kind: 'template', text: base.text.replace(/\{[^{}]*\}/g, ''), placeholders: holes };
      }
      return dynamic;
    }
    if (/^(strip|dedent|trim|rstrip|lstrip|trimStart|trimEnd)$/.test(last) || /(^|\.)dedent$/.test(fnText)) {
      const target = /dedent$/.test(fnText) ? callArgs(u)[0] : fn && isMember(fn) ? memberObject(fn) : undefined;
      if (target) return stringInfo(fa, target, depth + 1);
    }
    return dynamic;
  }
  if (u.type === 'binary_operator' || u.type === 'binary_expression') {
    const op = u.childForFieldName('operator')?.text;
    const l = u.childForFieldName('left');
    const r = u.childForFieldName('right');
    if (op === '+' && l && r) {
      const a = stringInfo(fa, l, depth + 1);
      const b = stringInfo(fa, r, depth + 1);
      if (a.kind === 'file' || b.kind === 'file') return dynamic;
      const text = (a.text ?? '') + (b.text ?? '');
      const holes = (a.kind === 'dynamic' ? 1 : a.placeholders ?? 0) + (b.kind === 'dynamic' ? 1 : b.placeholders ?? 0);
      if (!text) return dynamic;
      return holes ? { kind: 'template', text, placeholders: holes } : { kind: 'literal', text };
    }
    if (op === '%' && l) {
      const a = stringInfo(fa, l, depth + 1);
      if (a.kind === 'literal' && a.text !== undefined) {
        const holes = (a.text.match(/%[sdrf]|%\([^)]*\)[sdrf]/g) ?? []).length;
        return { kind: 'template', text: a.text.replace(/%[sdrf]|%\([^)]*\)[sdrf]/g, ''), placeholders: holes };
      }
    }
  }
  return dynamic;
}

export function filePath(fa: FileAnalyzer, call: Node): string | undefined {
  const fn = callee(call);
  if (!fn) return undefined;
  const last = isMember(fn) ? memberName(fn) ?? '' : fn.text;
  if (last === 'read' || last === 'read_text' || last === 'readlines') {
    const obj = isMember(fn) ? memberObject(fn) : undefined;
    const inner = obj ? unwrap(obj) : undefined;
    if (inner && isCall(inner)) {
      const ifn = callee(inner)?.text ?? '';
      if (/^(open|io\.open|Path|pathlib\.Path|codecs\.open)$/.test(ifn)) {
        const a = callArgs(inner)[0];
        return a ? fa.constString(a) : undefined;
      }
    }
    if (inner?.type === 'identifier') {
      const b = fa.lookup(inner.text, inner);
      if (b?.kind === 'assign' && isCall(unwrap(b.value))) {
        const c = unwrap(b.value);
        if (/^(open|Path|pathlib\.Path)$/.test(callee(c)?.text ?? '')) {
          const a = callArgs(c)[0];
          return a ? fa.constString(a) : undefined;
        }
      }
    }
    return undefined;
  }
  if (/^(readFileSync|readFile)$/.test(last)) {
    const a = callArgs(call)[0];
    return a ? fa.constString(a) : undefined;
  }
  return undefined;
}

/** The prompt role a `role` value names. */
function normRole(r: string | undefined): PromptPart['role'] {
  switch ((r ?? '').toLowerCase()) {
    case 'system': return 'system';
    case 'developer': return 'developer';
    case 'user': case 'human': return 'user';
    case 'assistant': case 'ai': case 'model': case 'chatbot': return 'assistant';
    case 'tool': case 'function': return 'tool';
    default: return r ? 'other' : 'other';
  }
}
