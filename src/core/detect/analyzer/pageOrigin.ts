/**
 * Requests to the page's own origin (issue 25): browser code's `fetch('/api/chat')` or `fetch(`${WEBUI_BASE_URL}/…`)`
 * with a base that is the page's origin asks the app's own server, which makes the model request itself (a site of its
 * own when its code is in the workspace). JavaScript only. Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts,
 * passed as `fa`), reached by the other sections through it.
 */
import type { Node } from 'web-tree-sitter';
import { callee, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import { providerOfUrl } from './rawHttp';

/** The global fetch of browser code: a path with no origin is the page's (`ofetch` and `$fetch` take a `baseURL`). */
export const PAGE_FETCH = /^(?:(?:window|globalThis|self)\.)?fetch$/;
/** What the parts of the page's `location` stand for in {@link pagePath}'s text. */
const LOC = { origin: '\uE001', host: '\uE002', hostname: '\uE003', protocol: '\uE004', port: '\uE005' } as const;
const LOCATION_PART = /^(?:(?:window|self|globalThis|document)\.)?location\.(origin|host|hostname|protocol|port)$/;
/**
 * A URL on the page's origin: its origin, or a scheme (`location.protocol`, `http:`) and its host (`location.host`, or
 * `location.hostname` with `location.port` or a port the catalogue does not give a model server), then a path.
 */
// (A conditional of page URLs reads as the origin: `http://${HOST}` with `HOST = dev ? `${location.hostname}:8080` : ''`.)
const PAGE_URL = /^(?:\uE004\/\/|https?:\/\/|\/\/)?(?:\uE001|\uE002|\uE003(?::(?:\uE005|(\d+)))?)(\/[^\uE001-\uE005]*)?$/;

/**
 * A JS expression that is a URL on the page's own origin at run time, as its path ('' for the origin itself), or
 * undefined: `window.location.origin`, an empty string (relative to the page), a template of `location` parts and a
 * path (`http://${location.hostname}:8080/ollama`), a conditional whose branches are such URLs with the same path, or
 * a `const` (also an imported one) holding one. A request there goes to one of the app's own routes (Open WebUI's
 * `${WEBUI_BASE_URL}/api/…` with `WEBUI_BASE_URL = dev ? `http://${location.hostname}:8080` : ``` and
 * `OLLAMA_API_BASE_URL = `${WEBUI_BASE_URL}/ollama``). `location.protocol` with another host, or `location.hostname`
 * with Ollama's port, is another server.
 */
export function pagePath(fa: FileAnalyzer, n: Node, depth: number): string | undefined {
  const p = pageUrlParts(fa, n, depth);
  return p && !p.port ? p.path : undefined;
}

/**
 * {@link pagePath}, with `port` true when the URL names a port of its own on the page's host
 * (`http://${location.hostname}:8080`): another server, unless a conditional pairs it with the page itself (a
 * development switch: Open WebUI's `dev ? `http://${location.hostname}:8080` : ``).
 */
function pageUrlParts(fa: FileAnalyzer, n: Node, depth: number): { path: string; port: boolean } | undefined {
  const t = pageText(fa, n, depth);
  if (t === undefined) return undefined;
  if (t === '') return { path: '', port: false };
  // A path from the page's root (`const API_BASE = '/api'`).
  if (/^\/(?!\/)[^\uE001-\uE005]*$/.test(t)) return { path: t, port: false };
  const m = PAGE_URL.exec(t);
  if (!m) return undefined;
  // A model server's own port (Ollama's) is never the app's.
  if (m[1] !== undefined && providerOfUrl(`http://localhost:${m[1]}`) !== 'other') return undefined;
  return { path: m[2] ?? '', port: m[1] !== undefined };
}

/** An expression's text with the page's `location` parts as {@link LOC} markers, or undefined when a part is unknown. */
function pageText(fa: FileAnalyzer, n: Node, depth: number): string | undefined {
  if (depth > 12) return undefined;
  const u = unwrap(n);
  const loc = LOCATION_PART.exec(u.text);
  if (loc) return LOC[loc[1] as keyof typeof LOC];
  if (u.type === 'string' || u.type === 'template_string') {
    let text = '';
    for (const c of u.namedChildren) {
      if (!c) continue;
      if (c.type === 'template_substitution') {
        const e = c.namedChildren.find((x): x is Node => x !== null);
        const p = e ? pageText(fa, e, depth + 1) : undefined;
        if (p === undefined) return undefined;
        text += p;
      } else if (c.type === 'string_fragment' || c.type === 'string_content' || c.type === 'escape_sequence') text += c.text;
    }
    return text;
  }
  if (u.type === 'ternary_expression') {
    const a = u.childForFieldName('consequence');
    const b = u.childForFieldName('alternative');
    const pa = a ? pageUrlParts(fa, a, depth + 1) : undefined;
    const pb = b ? pageUrlParts(fa, b, depth + 1) : undefined;
    // '' (relative to the page) and the page's origin are the same base; a port of its own on the page's host only
    // beside the page itself.
    return pa && pb && pa.path === pb.path && !(pa.port && pb.port) ? `${LOC.origin}${pa.path}` : undefined;
  }
  if (u.type !== 'identifier') return undefined;
  const b = fa.lookup(u.text, u);
  if (b?.kind === 'assign') return isConst(b.at) ? pageText(fa, b.value, depth + 1) : undefined;
  if (b?.kind === 'import' && b.member) {
    const f = fa.foreignFor(b);
    const fb = f?.analyzer.topLevel(b.member);
    if (f === undefined || fb?.kind !== 'assign' || !isConst(fb.at)) return undefined;
    const p = f.analyzer.pagePathOf(fb.value, depth + 1);
    return p === undefined ? undefined : `${LOC.origin}${p}`;
  }
  return undefined;
}

/** A JS `const` declaration (a `let` may be set to another server later: `configure(url) { apiBase = url }`). */
function isConst(at: Node): boolean {
  const decl = at.type === 'variable_declarator' ? at.parent : null;
  return decl?.type === 'lexical_declaration' && decl.text.startsWith('const');
}

/** A request URL on the page's origin: a path literal (`'/api/chat'`), or a URL {@link pagePath} reads. */
export function pageUrl(fa: FileAnalyzer, n: Node, depth: number): boolean {
  const u = unwrap(n);
  if (u.type === 'string' || u.type === 'template_string') {
    const first = u.namedChildren.find((c): c is Node => c !== null);
    // `'/api/chat'`, `` `/api/chat/${provider}` ``: a path from the page's root.
    if (first && (first.type === 'string_fragment' || first.type === 'string_content') && /^\/(?!\/)/.test(first.text)) return true;
    if (first?.type === 'template_substitution') {
      const e = first.namedChildren.find((x): x is Node => x !== null);
      return e !== undefined && pagePath(fa, e, depth + 1) !== undefined;
    }
    return false;
  }
  if (u.type === 'identifier') {
    const b = fa.lookup(u.text, u);
    return b?.kind === 'assign' && isConst(b.at) && depth < 4 && pageUrl(fa, b.value, depth + 1);
  }
  return false;
}

/** A WebSocket URL on the page's origin: a path, or `` `ws://${window.location.host}/…` `` (the page's host). */
export function pageSocketUrl(fa: FileAnalyzer, n: Node): boolean {
  if (pageUrl(fa, n, 0)) return true;
  const u = unwrap(n);
  const [scheme, host] = u.type === 'template_string' ? u.namedChildren : [];
  if (!scheme || !host || !/^wss?:\/\/$/.test(scheme.text) || host.type !== 'template_substitution') return false;
  const e = host.namedChildren.find((x): x is Node => x !== null);
  return e !== undefined && /(?:^|\.)location\.(?:host|hostname)$/.test(e.text);
}

/** A call of the page's global fetch with a URL on the page's origin (see the module comment). */
export function isPageFetch(fa: FileAnalyzer, call: Node, urlNode: Node): boolean {
  return PAGE_FETCH.test(callee(call)?.text ?? '') && pageUrl(fa, urlNode, 0);
}
