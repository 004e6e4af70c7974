/**
 * A shell request's JSON body (or HTTPie items) as the estimator needs it: the model, the parameters that change the
 * cost and the prompt text. Bodies written in shell scripts are often not strict JSON (trailing commas, a
 * `'"$(base64 …)"'` spliced in, `${VAR}` inside), so the body is first read as JSON with run-time parts stood in
 * for, and, when that fails, searched for the same keys as text.
 */
import type { CallParams, ModelResolution, PromptPart, Range } from '../../types';
import { CACHE_KEYS, MAX_TOKEN_KEYS, N_KEYS, RESPONSE_FORMAT_KEYS, THINKING_KEYS, TOOLS_KEYS } from '../catalog/params';
import { joinSegments, UNKNOWN, type Segment } from './words';

/** The model named in a request and how it was found. */
export interface FoundModel {
  readonly id: string | null;
  readonly resolution: ModelResolution;
}

export interface BodyFacts {
  readonly model?: FoundModel;
  readonly params: CallParams;
  readonly prompt: PromptPart[];
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** What a visible body says. `range`: where the prompt parts point (the command). */
export function readBody(body: readonly Segment[] | undefined, items: readonly { key: string; value: Segment[]; json: boolean }[] | undefined, range: Range): BodyFacts {
  if (items?.length) return readItems(items, range);
  if (!body) return { params: {}, prompt: [{ role: 'input', kind: 'dynamic', range }] };
  const text = joinSegments(body);
  const json = parseLenient(text);
  const model = modelIn(body, text);
  if (json !== undefined && typeof json === 'object' && json !== null) {
    return { ...(model ? { model } : {}), params: paramsOf(json), prompt: promptOf(json, range) };
  }
  return { ...(model ? { model } : {}), params: paramsOfText(text), prompt: promptOfText(text, range) };
}

/** The `"model": "…"` value and where its text came from (a literal, a shell variable, an earlier cell). */
function modelIn(body: readonly Segment[], text: string): FoundModel | undefined {
  const m = /"model"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  if (!m) return undefined;
  const start = m.index + m[0].length - 1 - (m[1] ?? '').length;
  return modelAt(body, start, start + (m[1] ?? '').length);
}

/** The model text between two offsets of the joined segments, with the origin of the segment that holds it. */
export function modelAt(segments: readonly Segment[], from: number, to: number): FoundModel {
  const value = joinSegments(segments).slice(from, to);
  let at = 0;
  let origin: ModelResolution | undefined;
  for (const s of segments) {
    const end = at + s.text.length;
    if (end > from && at < to && s.origin && s.origin.kind !== 'unknown') origin = origin ?? s.origin;
    at = end;
  }
  if (!value || value.includes(UNKNOWN)) {
    const unknownOrigin = segments.find((s) => s.origin?.kind === 'unknown')?.origin;
    return { id: null, resolution: unknownOrigin ?? { kind: 'unknown', expression: value.replace(new RegExp(UNKNOWN, 'g'), '…') } };
  }
  return { id: value, resolution: origin ?? { kind: 'literal' } };
}

/** JSON with trailing commas allowed and run-time parts standing in as strings (or `0` outside strings). */
function parseLenient(text: string): Json | undefined {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  let out = '';
  let inString = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] ?? '';
    if (inString) {
      if (ch === '\\') {
        out += ch + (t[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') inString = false;
      if (ch === '\n') out += '\\n';
      else out += ch === UNKNOWN ? HOLE : ch;
      continue;
    }
    if (ch === '"') inString = true;
    out += ch === UNKNOWN ? '0' : ch;
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1')) as Json;
  } catch {
    return undefined;
  }
}

function isObject(j: Json | undefined): j is { [k: string]: Json } {
  return typeof j === 'object' && j !== null && !Array.isArray(j);
}

/** Every value under one of `keys`, anywhere in the body. */
function valuesOf(j: Json, keys: readonly string[], out: Json[] = [], depth = 0): Json[] {
  if (depth > 12) return out;
  if (Array.isArray(j)) for (const v of j) valuesOf(v, keys, out, depth + 1);
  else if (isObject(j)) {
    for (const [k, v] of Object.entries(j)) {
      if (keys.includes(k)) out.push(v);
      valuesOf(v, keys, out, depth + 1);
    }
  }
  return out;
}

function paramsOf(j: Json): CallParams {
  const num = (keys: readonly string[]): number | undefined => valuesOf(j, keys).find((v): v is number => typeof v === 'number');
  const has = (keys: readonly string[]): boolean => valuesOf(j, keys).some((v) => v !== null && v !== false);
  const maxKey = MAX_TOKEN_KEYS.find((k) => typeof valuesOf(j, [k])[0] === 'number');
  const maxTokens = num(MAX_TOKEN_KEYS);
  const n = num(N_KEYS);
  const thinking = num(THINKING_KEYS);
  return {
    ...(maxTokens !== undefined && maxKey ? { maxTokens, maxTokensParam: maxKey } : {}),
    ...(n !== undefined ? { n } : {}),
    ...(valuesOf(j, ['stream']).includes(true) ? { stream: true } : {}),
    ...(has([...TOOLS_KEYS, 'function_declarations', 'functionDeclarations', 'google_search', 'code_execution']) ? { tools: true } : {}),
    ...(has(RESPONSE_FORMAT_KEYS) ? { responseFormat: true } : {}),
    ...(thinking !== undefined ? { thinkingBudget: thinking } : {}),
    ...(has(CACHE_KEYS) ? { cacheControl: true } : {}),
  };
}

function paramsOfText(text: string): CallParams {
  const keyRe = (keys: readonly string[]): RegExp => new RegExp(`"(${keys.join('|')})"\\s*:\\s*(\\d+)`);
  const max = keyRe(MAX_TOKEN_KEYS).exec(text);
  return {
    ...(max ? { maxTokens: Number(max[2]), maxTokensParam: max[1] ?? '' } : {}),
    ...(/"stream"\s*:\s*true/.test(text) ? { stream: true } : {}),
    ...(new RegExp(`"(${[...TOOLS_KEYS, 'function_declarations', 'functionDeclarations'].join('|')})"\\s*:`).test(text) ? { tools: true } : {}),
  };
}

const SYSTEM_KEYS = ['system', 'system_instruction', 'systemInstruction', 'instructions'];
const MEDIA_KEYS = ['inline_data', 'inlineData', 'image_url', 'file_data', 'fileData', 'images', 'input_audio'];

/** An attached file's part by its MIME type (`image/png`, `audio/mp3`); a video or an unnamed type is `other`. */
function mediaRole(v: Json): PromptPart['role'] {
  const mime = isObject(v) ? v.mime_type ?? v.mimeType : undefined;
  if (typeof mime === 'string') return mime.startsWith('image/') ? 'image' : mime.startsWith('audio/') ? 'audio' : 'other';
  return isObject(v) && (v.url !== undefined || v.detail !== undefined) ? 'image' : typeof v === 'string' ? 'image' : 'other';
}

/** The prompt's text parts: chat `messages`, Gemini `contents[].parts[].text`, `prompt`, `input`, a system prompt. */
function promptOf(j: Json, range: Range): PromptPart[] {
  const out: PromptPart[] = [];
  const push = (role: PromptPart['role'], v: Json | undefined): void => {
    for (const s of textsOf(v)) out.push(textPart(role, s, range));
  };
  if (isObject(j)) {
    for (const k of SYSTEM_KEYS) push('system', j[k]);
    const messages = j.messages;
    if (Array.isArray(messages)) {
      for (const m of messages) push(isObject(m) && typeof m.role === 'string' ? roleOf(m.role) : 'user', isObject(m) ? m.content : m);
    }
    const contents = j.contents;
    for (const c of Array.isArray(contents) ? contents : contents !== undefined ? [contents] : []) {
      push(isObject(c) && typeof c.role === 'string' ? roleOf(c.role) : 'user', isObject(c) ? c.parts ?? c : c);
    }
    for (const k of ['prompt', 'input', 'text', 'content']) push(k === 'prompt' ? 'prompt' : 'input', j[k]);
    // `:batchEmbedContents`: `{"requests": [{"model": …, "content": {"parts": [{"text": …}]}}]}`.
    if (Array.isArray(j.requests)) for (const r of j.requests) if (isObject(r)) push('input', r.content);
    if (has(j, TOOLS_KEYS.concat(['function_declarations']))) out.push({ role: 'tools', kind: 'literal', text: JSON.stringify(valuesOf(j, [...TOOLS_KEYS, 'function_declarations'])), range });
  }
  for (const media of valuesOf(j, MEDIA_KEYS)) out.push({ role: mediaRole(media), kind: 'dynamic', range });
  return out.length ? out : [{ role: 'input', kind: 'dynamic', range }];
}

function has(j: { [k: string]: Json }, keys: readonly string[]): boolean {
  return keys.some((k) => j[k] !== undefined);
}

function roleOf(r: string): PromptPart['role'] {
  if (r === 'model') return 'assistant';
  return (['system', 'user', 'assistant', 'tool', 'developer'] as const).find((x) => x === r) ?? 'user';
}

/** The strings of a message's content: a string, `parts[].text`, `[{type: 'text', text}]`. */
function textsOf(v: Json | undefined, depth = 0): string[] {
  if (v === undefined || v === null || depth > 6) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => textsOf(x, depth + 1));
  if (isObject(v)) {
    if (typeof v.text === 'string') return [v.text];
    if (v.parts !== undefined) return textsOf(v.parts, depth + 1);
    if (v.content !== undefined) return textsOf(v.content, depth + 1);
  }
  return [];
}

/** Marks, inside a parsed string, where a run-time part (`$VAR`, `$(cmd)`) stood. */
const HOLE = '\uE000';

function textPart(role: PromptPart['role'], s: string, range: Range): PromptPart {
  const holes = s.split(HOLE).length - 1;
  if (!holes) return { role, kind: 'literal', text: s, range };
  return { role, kind: 'template', text: s.split(HOLE).join(''), placeholders: holes, range };
}

function promptOfText(text: string, range: Range): PromptPart[] {
  const out: PromptPart[] = [];
  const re = /"(text|content|prompt|input)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[2] ?? '';
    const holes = raw.split(UNKNOWN).length - 1;
    let s: string;
    try {
      s = JSON.parse(`"${raw.replace(new RegExp(UNKNOWN, 'g'), '').replace(/\n/g, '\\n')}"`) as string;
    } catch {
      s = raw.replace(new RegExp(UNKNOWN, 'g'), '');
    }
    out.push(holes ? { role: 'user', kind: 'template', text: s, placeholders: holes, range } : { role: 'user', kind: 'literal', text: s, range });
  }
  return out.length ? out : [{ role: 'input', kind: 'dynamic', range }];
}

/** HTTPie items: `model=gpt-4o`, `max_tokens:=256`, `messages:='[…]'`. */
function readItems(items: readonly { key: string; value: Segment[]; json: boolean }[], range: Range): BodyFacts {
  const obj: { [k: string]: Json } = {};
  let model: FoundModel | undefined;
  for (const it of items) {
    const text = joinSegments(it.value);
    if (it.key === 'model' && !it.json) model = modelAt(it.value, 0, text.length);
    if (it.json) {
      const j = parseLenient(text) ?? (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text === 'true' ? true : undefined);
      if (j !== undefined) obj[it.key] = j;
    } else obj[it.key] = text;
  }
  return { ...(model ? { model } : {}), params: paramsOf(obj), prompt: promptOf(obj, range) };
}
