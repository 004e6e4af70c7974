/**
 * The permissive candidate finder of the recall audit (issue 25, part 2; eval/README.md "Which files"): every line
 * that names a generation verb of any catalogue SDK, a provider endpoint path or a provider hostname. It reads text
 * only (no parsing, no import resolution), so it finds what the scanner cannot see, at the price of noise; the noise
 * is sorted into classes so a triage can skip whole classes at once.
 *
 * Pure: the caller walks the tree and reads the files. The verb list comes from the detection catalogue
 * (src/core/detect/catalog/sdks.ts); endpoint paths and hostnames are listed here as literal text and a unit test
 * checks that every endpoint and host pattern of the catalogue (params.ts) is covered by one of them.
 */
import { MODULES, TYPES } from '../../src/core/detect/catalog/sdks';
import type { Member } from '../../src/core/detect/catalog/types';

/** Candidate classes, strongest first. */
export const CLASSES = ['sdk-method', 'verb', 'bare-call', 'endpoint', 'host', 'generic-verb'] as const;
export type CandidateClass = (typeof CLASSES)[number];

export interface Candidate {
  readonly file: string;
  readonly line: number;
  readonly cell?: number;
  /** The strongest class on the line. */
  readonly cls: CandidateClass;
  /** What matched: a catalogue path tail (`completions.create`), a verb, an endpoint fragment or a host. */
  readonly pattern: string;
  /** Other class:pattern pairs on the same line. */
  readonly also: readonly string[];
  /** The line's text (trimmed, at most 240 characters). */
  readonly text: string;
}

/**
 * Method names that are everyday words in code at large: a `.run(` or `.create(` is a candidate only in a file that
 * names an LLM library or model family (see {@link LLM_WORDS}), and then in its own class, `generic-verb`.
 */
export const GENERIC_VERBS: ReadonlySet<string> = new Set([
  'call', 'run', 'arun', 'send', 'stream', 'astream', 'batch', 'abatch', 'generate', 'agenerate', 'predict', 'apredict',
  'chat', 'achat', 'complete', 'acomplete', 'embed', 'embeddings', 'embedding', 'completion', 'invoke', 'ainvoke',
  'query', 'aquery', 'parse', 'create', 'acreate', 'speech', 'transcription', 'responses', 'rerank', 'converse', 'edit',
  'evaluate', 'post',
]);

/** Receivers whose generic verbs are never model calls (`asyncio.run(`, `subprocess.run(`, `app.run(`). */
export const GENERIC_STOP_RECEIVERS: ReadonlySet<string> = new Set([
  'asyncio', 'anyio', 'trio', 'subprocess', 'uvicorn', 'app', 'os', 're', 'json', 'JSON', 'threading', 'loop', 'argparse',
  'parser', 'Promise', 'path', 'fs', 'np', 'pd', 'torch', 'Object', 'Array', 'Math', 'console', 'cursor', 'conn', 'db', 'session.exec',
  // HTTP libraries: a raw request is a candidate by its endpoint or host, not by `post(`.
  'requests', 'httpx', 'axios', 'aiohttp',
]);

/**
 * Framework entry points that run a model but are not in the catalogue today (eval/README.md, "What is a site";
 * issue 25's framework list). Kept apart so the audit sees them; each one the catalogue gains can leave this list.
 */
export const EXTRA_VERBS: readonly string[] = [
  'query', 'aquery', 'kickoff', 'kickoff_async', 'initiate_chat', 'a_initiate_chat', 'generate_reply', 'a_generate_reply',
  'run_sync', 'run_stream', 'with_structured_output', 'bind_tools',
];
export const EXTRA_PATHS: readonly string[] = ['interactions.create', 'chat.send_message', 'chats.send_message'];

/**
 * Endpoint paths of model APIs, as literal text found in URLs (`/v1/chat/completions`, `:generateContent`).
 * test/unit/evalCandidates.test.ts checks each `HTTP_ENDPOINTS` pattern of the catalogue against these.
 */
export const ENDPOINT_FRAGMENTS: readonly string[] = [
  '/chat/completions', '/v1/completions', '/completions', '/v1/responses', '/v1/messages', '/v1/complete', '/embeddings',
  ':embedContent', ':batchEmbedContents', ':generateContent', ':streamGenerateContent', '/api/chat', '/api/generate',
  '/api/embed', '/images/generations', '/audio/transcriptions', '/audio/translations', '/audio/speech', '/audio/generations', '/invoke',
  '/converse', '/converse-stream', '/invoke-with-response-stream', '/v1/chat', '/v2/chat', '/v1/embed', '/v2/embed',
  '/v1/rerank', '/v2/rerank', ':predict', ':rawPredict', ':streamRawPredict', '/interactions',
  ':serverStreamingPredict', ':generateMessage', ':generateText', ':embedText', ':batchEmbedText', '/text/generation',
  '/text/generation_stream', '/text/chat', '/text/chat_stream', '/text/rerank', '/generate', '/generate_stream', '/embed',
  '/rerank', '/completion', '/infill', '/images/edits', '/images/variations', '/text-to-speech', '/speech-to-speech',
  '/speech-to-text', '/sound-generation', '/predictions', '/v1/listen', '/v1/speak', 'text:synthesize', ':recognize',
  ':longrunningrecognize', ':batchRecognize', '/text2img', '/img2img', '/v1/inference', '/v1/realtime', '/openai/realtime',
  '/stream-input', '/multi-stream-input', '/speech-to-text/realtime', '/v1/ocr', '/v1/flux-pro', '/v1/flux-pro-1.1',
  '/v1/flux-pro-1.1-ultra', '/v1/flux-dev', '/v1/flux-kontext-pro', '/v1/flux-kontext-max', '/stable-image/generate',
  '/stable-image/edit', '/stable-image/control', '/stable-image/upscale', '/text-to-image', '/image-to-image',
  '/pipeline/feature-extraction', '/pipeline/sentence-similarity', '/ai/run', '/workers-ai',
];
/** Example URL paths, one per `HTTP_ENDPOINTS` entry, used by the coverage test. */
export const ENDPOINT_EXAMPLES: readonly string[] = [
  '/v1/chat/completions', '/v1/completions', '/openai/deployments/gpt4/completions', '/v1/responses', '/v1/messages',
  '/v1/complete', '/v1/embeddings', '/v1beta/models/gemini-pro:embedContent', '/v1beta/models/text-embedding-004:batchEmbedContents',
  '/v1beta/models/gemini-pro:generateContent', '/v1beta/models/gemini-pro:streamGenerateContent', '/api/chat', '/api/generate',
  '/api/embed', '/api/embeddings', '/v1/images/generations', '/v1/audio/transcriptions', '/v1/audio/translations', '/v1/audio/speech',
  '/v1/audio/generations', '/v1/ocr', '/v1/flux-pro-1.1', '/model/anthropic.claude-v2/invoke', '/model/anthropic.claude-v2/converse', '/model/x/converse-stream', '/model/x/invoke-with-response-stream',
  '/v1/chat', '/v2/chat', '/v1beta/interactions', '/v1beta1/projects/p/locations/global/interactions', '/v2/rerank', '/v2/embed',
  '/beta/completions', '/fim/completions', '/v1/projects/p/locations/l/publishers/google/models/text-embedding-005:predict',
  '/v1beta/models/chat-bison-001:generateMessage', '/v1beta/models/embedding-gecko-001:embedText', '/ml/v1/text/generation',
  '/ml/v1/text/rerank', '/generate_stream', '/embed', '/rerank', '/completion', '/v1/text-to-speech/voice123/stream',
  '/v1/speech-to-text', '/v1/models/black-forest-labs/flux-schnell/predictions', '/v1/listen', '/v1/text:synthesize',
  '/v1/speech:recognize', '/api/v6/images/text2img', '/v1/inference/BAAI/bge-large-en-v1.5', '/v1/images/edits',
  '/v1/realtime', '/v1/text-to-speech/voice123/stream-input', '/v2beta/stable-image/generate/sd3',
  '/pipeline/feature-extraction/sentence-transformers/all-MiniLM-L6-v2', '/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction',
  '/client/v4/accounts/acc/ai/run/@cf/baai/bge-base-en-v1.5', '/v1/acc/gw/workers-ai/@cf/meta/llama-3-8b-instruct',
];

/** Provider hostnames as literal text. The coverage test checks each `HOST_PROVIDERS` pattern against these. */
export const HOSTS: readonly string[] = [
  'api.openai.com', 'openai.azure.com', 'cognitiveservices.azure.com', 'services.ai.azure.com', 'api.anthropic.com',
  'generativelanguage.googleapis.com', 'aiplatform.googleapis.com', 'bedrock-runtime', 'api.mistral.ai', 'api.cohere.ai',
  'api.cohere.com', 'api.groq.com', 'api.together.xyz', 'api.together.ai', 'api.fireworks.ai', 'api.deepseek.com',
  'openrouter.ai', 'api.x.ai', 'huggingface.co', 'hf.space', 'localhost:11434', '127.0.0.1:11434',
  // The hosts of endpoints bound to one (HTTP_ENDPOINTS `hostWords`).
  'api.elevenlabs.io', 'api.replicate.com', 'api.deepgram.com', 'texttospeech.googleapis.com', 'speech.googleapis.com',
  'modelslab.com', 'api.deepinfra.com', 'api.cloudflare.com', 'gateway.ai.cloudflare.com',
];

/** Words that make a generic verb worth a look: catalogue module roots and model-family names. */
export const LLM_WORDS: RegExp = (() => {
  const roots = new Set<string>();
  for (const m of MODULES) {
    const root = m.name.replace(/^@/, '').split(/[./]/)[0] ?? '';
    if (root.length >= 4) roots.add(root.replace(/[-_]/g, '[-_]?'));
  }
  for (const w of ['llm', 'gpt', 'claude', 'gemini', 'llama', 'mistral', 'chat_?model', 'chatmodel', '@ai-sdk', "from 'ai'", 'from "ai"', 'genai', 'openai', 'bedrock', 'ollama', 'litellm', 'crewai', 'autogen', 'smolagents', 'dspy', 'pydantic_ai']) roots.add(w);
  return new RegExp([...roots].join('|'), 'i');
})();

export interface Patterns {
  /** Dotted catalogue paths by their last two segments (`completions.create`). */
  readonly tails: ReadonlySet<string>;
  /** Single method names that are generation verbs (distinctive ones). */
  readonly verbs: ReadonlySet<string>;
  /** Generic method names (see {@link GENERIC_VERBS}). */
  readonly generic: ReadonlySet<string>;
  /** Segments that may sit anywhere in a chain without changing the method (`with_raw_response`, `beta`, `aio`). */
  readonly optional: ReadonlySet<string>;
  /** Module name → names it exports that are callable as a bare function site (`from ollama import chat`). */
  readonly bareByModule: ReadonlyMap<string, ReadonlySet<string>>;
  readonly endpoints: RegExp;
  readonly hosts: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Builds the patterns from the catalogue. */
export function buildPatterns(): Patterns {
  const paths = new Set<string>(EXTRA_PATHS);
  const optional = new Set<string>();
  const siteMembers = (members: Readonly<Record<string, Member>>) => Object.entries(members).filter(([, m]) => m.kind === 'site').map(([p]) => p);
  const typeSites = new Map<string, string[]>();
  for (const t of TYPES) {
    for (const o of t.optionalSegments ?? []) optional.add(o);
    const sites = siteMembers(t.members);
    typeSites.set(t.id, sites);
    for (const p of sites) paths.add(p);
  }
  const bareByModule = new Map<string, Set<string>>();
  for (const m of MODULES) {
    const own = siteMembers(m.members);
    for (const p of own) paths.add(p);
    const bare = [...own, ...(m.asType ? typeSites.get(m.asType) ?? [] : [])].filter((p) => !p.includes('.'));
    if (bare.length) {
      const set = bareByModule.get(m.name) ?? new Set<string>();
      for (const b of bare) set.add(b);
      bareByModule.set(m.name, set);
    }
  }
  const tails = new Set<string>();
  const verbs = new Set<string>();
  const generic = new Set<string>();
  for (const p of [...paths, ...EXTRA_VERBS]) {
    const segs = p.split('.');
    if (segs.length >= 2) tails.add(segs.slice(-2).join('.'));
    const verb = segs[segs.length - 1] as string;
    if (segs.length === 1) (GENERIC_VERBS.has(verb) ? generic : verbs).add(verb);
    else if (!GENERIC_VERBS.has(verb)) verbs.add(verb);
  }
  return {
    tails, verbs, generic, optional, bareByModule,
    endpoints: new RegExp(ENDPOINT_FRAGMENTS.map((e) => `${escape(e)}(?![\\w-])`).join('|'), 'g'),
    hosts: new RegExp(HOSTS.map(escape).join('|'), 'gi'),
  };
}

/** Names a file imports from catalogue modules that are bare-callable sites: local name → `module:name`. */
export function importedBareNames(text: string, p: Patterns): Map<string, string> {
  const out = new Map<string, string>();
  const take = (module: string, list: string) => {
    const names = p.bareByModule.get(module);
    if (!names) return;
    for (const part of list.replace(/[(){}\n\r]/g, ' ').split(',')) {
      const m = /^\s*(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
      if (m && names.has(m[1] as string)) out.set((m[2] ?? m[1]) as string, `${module}:${m[1] as string}`);
    }
  };
  for (const m of text.matchAll(/^[ \t]*from\s+([\w.]+)\s+import\s+(\([^)]*\)|[^\n#]+)/gm)) take(m[1] as string, m[2] as string);
  for (const m of text.matchAll(/import\s*(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) take(m[2] as string, m[1] as string);
  return out;
}

const COMMENT_LINE = /^\s*(#|\/\/|\/\*|\*)/;
const DOTTED_CALL = /(?<![\w$])((?:[A-Za-z_$][\w$]*\s*(?:\(\s*\))?\s*\.\s*)+)([A-Za-z_$][\w$]*)\s*\(/g;
const BARE_CALL = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(/g;

interface Hit {
  readonly line: number;
  readonly cls: CandidateClass;
  readonly pattern: string;
}

/** The 1-based line of each offset, by a sorted table of line starts. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Candidates in one piece of code (a file, or one notebook cell). `gate`: the whole file names an LLM word. */
function scanCode(text: string, p: Patterns, bare: Map<string, string>, gate: boolean): Hit[] {
  const hits: Hit[] = [];
  // A Python line continuation (`\` before the newline) becomes a space: same length, so offsets keep their lines.
  const code = text.replace(/\\(?=\r?\n)/g, ' ');
  const lineOf = lineIndex(code);
  for (const m of code.matchAll(DOTTED_CALL)) {
    const chain = (m[1] as string).replace(/\(\s*\)/g, '').split('.').map((s) => s.trim()).filter((s) => s && !p.optional.has(s));
    const verb = m[2] as string;
    const at = lineOf((m.index ?? 0) + (m[0] as string).lastIndexOf(verb));
    const tail = `${chain[chain.length - 1] ?? ''}.${verb}`;
    if (p.tails.has(tail)) hits.push({ line: at, cls: 'sdk-method', pattern: tail });
    else if (p.verbs.has(verb)) hits.push({ line: at, cls: 'verb', pattern: verb });
    else if (gate && p.generic.has(verb) && !GENERIC_STOP_RECEIVERS.has(chain.join('.'))) hits.push({ line: at, cls: 'generic-verb', pattern: verb });
  }
  for (const m of code.matchAll(BARE_CALL)) {
    const name = m[1] as string;
    const from = bare.get(name);
    if (!from && !(p.verbs.has(name) && /[A-Z_]/.test(name.slice(1)))) continue;
    const before = code.slice(Math.max(0, (m.index ?? 0) - 20), m.index ?? 0);
    if (/\b(def|function|fn|func|async)\s+$/.test(before)) continue;
    hits.push({ line: lineOf(m.index ?? 0), cls: 'bare-call', pattern: from ?? name });
  }
  for (const [re, cls] of [[p.endpoints, 'endpoint'], [p.hosts, 'host']] as const) {
    re.lastIndex = 0;
    for (const m of code.matchAll(re)) hits.push({ line: lineOf(m.index ?? 0), cls, pattern: cls === 'host' ? (m[0] as string).toLowerCase() : (m[0] as string) });
  }
  return hits;
}

function collapse(file: string, cell: number | undefined, lines: readonly string[], hits: Hit[]): Candidate[] {
  const byLine = new Map<number, Hit[]>();
  for (const h of hits) {
    const text = lines[h.line - 1] ?? '';
    if (COMMENT_LINE.test(text)) continue;
    const list = byLine.get(h.line);
    if (list) list.push(h);
    else byLine.set(h.line, [h]);
  }
  const out: Candidate[] = [];
  for (const [line, list] of [...byLine].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => CLASSES.indexOf(a.cls) - CLASSES.indexOf(b.cls));
    const [first, ...rest] = list as [Hit, ...Hit[]];
    const also = [...new Set(rest.map((h) => `${h.cls}:${h.pattern}`))].filter((x) => x !== `${first.cls}:${first.pattern}`);
    out.push({ file, line, ...(cell !== undefined ? { cell } : {}), cls: first.cls, pattern: first.pattern, also, text: (lines[line - 1] ?? '').trim().slice(0, 240) });
  }
  return out;
}

/** The code cells of a notebook's JSON text: `cells` index and source. Undefined when the text is not a notebook. */
export function notebookCells(text: string): { cell: number; source: string }[] | undefined {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = (nb as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) return undefined;
  const out: { cell: number; source: string }[] = [];
  cells.forEach((c: { cell_type?: unknown; source?: unknown }, i) => {
    if (!c || c.cell_type !== 'code') return;
    const src = Array.isArray(c.source) ? c.source.join('') : typeof c.source === 'string' ? c.source : '';
    out.push({ cell: i, source: src });
  });
  return out;
}

/** Every candidate line of one file (notebooks: per code cell, lines within the cell). */
export function findCandidates(file: string, text: string, p: Patterns): Candidate[] {
  if (file.toLowerCase().endsWith('.ipynb')) {
    const cells = notebookCells(text);
    if (!cells) return [];
    const all = cells.map((c) => c.source).join('\n');
    const bare = importedBareNames(all, p);
    const gate = LLM_WORDS.test(all);
    return cells.flatMap((c) => collapse(file, c.cell, c.source.split('\n'), scanCode(c.source, p, bare, gate)));
  }
  return collapse(file, undefined, text.split('\n'), scanCode(text, p, importedBareNames(text, p), LLM_WORDS.test(text)));
}

/** A scanner site as far as the audit needs it: the method line and the whole call's line range. */
export interface CoverSite {
  readonly file: string;
  readonly line: number;
  readonly cell?: number;
  readonly startLine?: number;
  readonly endLine?: number;
}

/**
 * Candidates no scanner site accounts for: the triage list. A candidate is covered by a scanner site in the same file
 * (and cell) whose method line is the candidate's line, or whose call expression spans it (a URL on the line after
 * `requests.post(`).
 */
export function minusSites(candidates: readonly Candidate[], sites: readonly CoverSite[]): Candidate[] {
  const byFile = new Map<string, CoverSite[]>();
  for (const s of sites) {
    const k = `${s.file}\u0000${s.cell ?? ''}`;
    const list = byFile.get(k);
    if (list) list.push(s);
    else byFile.set(k, [s]);
  }
  return candidates.filter((c) => {
    const list = byFile.get(`${c.file}\u0000${c.cell ?? ''}`) ?? [];
    return !list.some((s) => s.line === c.line || (s.startLine !== undefined && s.endLine !== undefined && s.startLine <= c.line && c.line <= s.endLine));
  });
}

/** Counts by class and pattern, most frequent first. */
export function groupByPattern(candidates: readonly Candidate[]): { cls: CandidateClass; pattern: string; items: Candidate[] }[] {
  const groups = new Map<string, { cls: CandidateClass; pattern: string; items: Candidate[] }>();
  for (const c of candidates) {
    const k = `${c.cls}\u0000${c.pattern}`;
    const g = groups.get(k);
    if (g) g.items.push(c);
    else groups.set(k, { cls: c.cls, pattern: c.pattern, items: [c] });
  }
  return [...groups.values()].sort((a, b) => CLASSES.indexOf(a.cls) - CLASSES.indexOf(b.cls) || b.items.length - a.items.length || (a.pattern < b.pattern ? -1 : 1));
}
