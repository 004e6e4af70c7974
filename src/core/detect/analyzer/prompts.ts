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
import { callArgs, callee, isCall, isMember, isStringNode, memberName, memberObject, stringParts, toRange, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Value } from './types';

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
    const u = unwrap(input);
    if ((u.type === 'list' || u.type === 'array') && u.namedChildren.some((c) => c && (c.type === 'dictionary' || c.type === 'object'))) parts.push(...messageParts(fa, input));
    else parts.push(...contentParts(fa, input, 'input'));
  }
  const user = find(p.user);
  if (user) {
    const u = unwrap(user);
    if (u.type === 'list' || u.type === 'array') parts.push(...messageParts(fa, user));
    else parts.push(...contentParts(fa, user, 'user'));
  }
  for (const [key, role] of [['tools', 'tools'], ['functions', 'tools'], ['response_format', 'response_format']] as const) {
    const v = km.get(key)?.[0];
    if (v) parts.push(structuredPart(v, role));
  }
  return parts;
}

export function structuredPart(n: Node, role: PromptPart['role']): PromptPart {
  const u = unwrap(n);
  const literal = u.type === 'list' || u.type === 'array' || u.type === 'dictionary' || u.type === 'object';
  return literal ? { role, kind: 'literal', text: u.text, range: toRange(n) } : { role, kind: 'dynamic', range: toRange(n) };
}

/** A messages list: roles from dicts/objects, LangChain tuples and message classes. */
export function messageParts(fa: FileAnalyzer, n: Node, hops = 0): PromptPart[] {
  const u = unwrap(n);
  if (u.type === 'identifier' && hops < 3) {
    const b = fa.lookup(u.text, u);
    if (b?.kind === 'assign') {
      const v = unwrap(b.value);
      if (v.type === 'list' || v.type === 'array') return messageParts(fa, v, hops + 1);
    }
    return [{ role: 'other', kind: 'dynamic', range: toRange(n) }];
  }
  if (u.type === 'string' || u.type === 'template_string' || u.type === 'concatenated_string') return contentParts(fa, u, 'user');
  if (u.type !== 'list' && u.type !== 'array') return [{ role: 'other', kind: 'dynamic', range: toRange(n) }];
  const out: PromptPart[] = [];
  for (const el of u.namedChildren) {
    if (!el || el.type === 'comment') continue;
    const e = unwrap(el);
    if (e.type === 'dictionary' || e.type === 'object') {
      const roleNode = fa.objectKey(e, ['role']);
      const roleText = roleNode ? fa.constString(roleNode) : undefined;
      const role = normRole(roleText);
      const content = fa.objectKey(e, ['content', 'parts', 'text']);
      if (content) out.push(...contentParts(fa, content, role));
      else out.push({ role, kind: 'dynamic', range: toRange(e) });
    } else if (e.type === 'tuple' || e.type === 'array') {
      const [r, c] = e.namedChildren;
      const role = normRole(r ? fa.constString(r) : undefined);
      if (c) out.push(...contentParts(fa, c, role));
    } else if (isCall(e)) {
      const cls = (callee(e)?.text ?? '').split('.').pop() ?? '';
      const role = cls.startsWith('System') ? 'system' : cls.startsWith('Human') || cls.startsWith('User') ? 'user' : cls.startsWith('AI') || cls.startsWith('Assistant') ? 'assistant' : cls.startsWith('Tool') ? 'tool' : undefined;
      const arg = fa.getArg(e, { pos: 0, kw: ['content'] });
      if (role && arg) out.push(...contentParts(fa, arg, role));
      else out.push({ role: role ?? 'other', kind: 'dynamic', range: toRange(e) });
    } else if (e.type === 'list_splat' || e.type === 'spread_element') {
      out.push({ role: 'other', kind: 'dynamic', range: toRange(e) });
    } else out.push(...contentParts(fa, e, 'user'));
  }
  return out;
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
    if (obj && name && ((obj.type === 'identifier' && obj.text === 'self') || obj.type === 'this')) {
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
