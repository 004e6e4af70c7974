/**
 * Raw HTTP: `fetch`/`axios`/`requests`/`httpx`/`urllib` calls whose URL is an inference endpoint and that send a body;
 * the provider named by the URL's host.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import type { ModelResolution, Provider } from '../../types';
import type { SiteSpec } from '../catalog/types';
import { HOST_PROVIDERS, HTTP_ENDPOINTS, OLLAMA_PORT } from '../catalog/params';
import { callArgs, callee, FUNCTION_TYPES, isCall, isMember, isStringNode, stringParts, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { ResolvedModel, SiteDraft } from './types';
import { canonicalModel } from './models';

const FETCH_NAMES = new Set(['fetch', '$fetch', 'ofetch', 'ky', 'got']);

export function analyzeHttp(fa: FileAnalyzer, call: Node, nameNode: Node, root: Node, path: readonly string[]): SiteDraft | undefined {
  const name = nameNode.text;
  const full = [root.type === 'identifier' ? root.text : '', ...path].filter(Boolean).join('.');
  const target = requestTarget(fa, call, name);
  const urlNode = target?.urlNode;
  let bodyCall = target?.bodyCall ?? call;
  if (!urlNode) return undefined;
  // `app.post('/v1/chat/completions', handler)` and `@app.post(...)` declare a route; they do not call one.
  if (callArgs(call).some((a) => FUNCTION_TYPES.has(unwrap(a).type) || unwrap(a).type === 'identifier' && /handler|route|controller/i.test(a.text))) return undefined;
  if (fa.ancestors(call)[0]?.type === 'decorator') return undefined;
  // A request that sends nothing is not an inference call; this also drops HTTP mocks (`respx.post(url)`,
  // `nock(host).post(path)`), which name the endpoint without a body.
  if (!hasBody(fa, bodyCall, name)) return undefined;
  if (/^(respx|nock|responses|httpretty|aioresponses|requests_mock|fetchMock|mock|mocker|httpx_mock)$/.test(root.type === 'identifier' ? root.text : '')) return undefined;
  let url = urlText(fa, urlNode);
  if (!url) return undefined;
  if (!url.host && root.type === 'identifier') {
    // `httpx.Client(base_url=...)` / `axios.create({ baseURL })` then `client.post("/chat/completions")`.
    const b = fa.lookup(root.text, root);
    const made = b?.kind === 'assign' ? unwrap(b.value) : undefined;
    const base = made && isCall(made) ? fa.getArg(made, { kw: ['base_url', 'baseURL'] }) : undefined;
    const baseUrl = base ? urlText(fa, base) : undefined;
    if (baseUrl?.host) url = { host: baseUrl.host, path: `${baseUrl.path.replace(/\/$/, '')}/${url.path.replace(/^\//, '')}` };
  }
  const ep = HTTP_ENDPOINTS.find((e) => e.path.test(url.path));
  if (!ep) return undefined;
  const provider = endpointProvider(url, ep.provider);
  if (!provider) return undefined;
  if (fa.lang === 'python' && name === 'urlopen') {
    const a0 = callArgs(call)[0];
    if (a0 && isCall(unwrap(a0))) bodyCall = unwrap(a0);
  }
  const km = fa.keyMap(bodyCall);
  const model = requestModel(fa, km, url.path, urlNode);
  const spec: SiteSpec = { api: ep.api, prompt: { messages: { kw: ['messages'] }, system: { kw: ['system'] }, prompt: { kw: ['prompt'] }, input: { kw: ['input'] }, user: { kw: ['contents'] } } };
  const params = fa.callParams(km, undefined, spec);
  const prompt = fa.promptParts(bodyCall, spec, km, undefined).filter((p) => p.role !== 'other' || p.kind !== 'dynamic');
  const stream = params.stream === true || /stream/i.test(url.path);
  return {
    call, nameNode, method: full || name, provider, via: 'http', api: ep.api, model: model.ref, stream, params: stream ? { ...params, stream: true } : params,
    prompt, confidence: model.ref.id !== null && url.host ? 'high' : 'medium',
  };
}

/**
 * The URL argument of an HTTP call and the call that carries the body: `fetch(url, init)`, `axios({ url })`,
 * `requests.post(url, json=…)`, `httpx.stream("POST", url)`, urllib's `urlopen(Request(url, data))`.
 */
function requestTarget(fa: FileAnalyzer, call: Node, name: string): { urlNode: Node | undefined; bodyCall: Node } | undefined {
  let urlNode: Node | undefined;
  let bodyCall = call;
  if (fa.lang === 'js') {
    if (FETCH_NAMES.has(name) || name === 'post' || name === 'request' || name === 'axios') {
      const a0 = callArgs(call)[0];
      if (a0 && unwrap(a0).type === 'object') urlNode = fa.objectKey(unwrap(a0), ['url']);
      else urlNode = a0;
    }
  } else if (name === 'urlopen') {
    // urllib: the site is `urlopen(req)`; the URL and body are in the `Request(...)` it opens.
    const a0 = callArgs(call)[0];
    let req = a0 ? unwrap(a0) : undefined;
    if (req?.type === 'identifier') {
      const b = fa.lookup(req.text, req);
      req = b?.kind === 'assign' ? unwrap(b.value) : undefined;
    }
    if (req && isCall(req) && /(^|\.)Request$/.test(callee(req)?.text ?? '')) {
      bodyCall = req;
      urlNode = fa.getArg(req, { kw: ['url'], pos: 0 });
    } else urlNode = a0;
  } else if (name === 'post' || name === 'request' || name === 'stream') {
    // `httpx.stream("POST", url, ...)` takes the method first, like `requests.request`.
    const args = callArgs(call);
    const positional = args.filter((a) => a.type !== 'keyword_argument');
    urlNode = fa.getArg(call, { kw: ['url'] }) ?? (name === 'post' ? positional[0] : positional[1]);
  }
  return { urlNode, bodyCall };
}

/** The provider of an endpoint: the URL's host, else the endpoint's own provider; undefined for an ambiguous path on an unseen host. */
function endpointProvider(url: { host?: string; path: string }, endpoint: Provider | undefined): Provider | undefined {
  const provider: Provider | undefined = url.host ? providerOfUrl(`https://${url.host}`) : undefined;
  if (provider) return provider;
  if (!url.host && endpoint) return endpoint;
  if (url.host) return endpoint ?? 'other';
  // A host we cannot see: only an unmistakable endpoint path counts.
  if (!/\/v1\/(chat\/completions|messages|responses|embeddings)$|:generateContent$/.test(url.path)) return undefined;
  return url.path.endsWith('/v1/messages') ? 'anthropic' : 'other';
}

/** The model of an HTTP call: the body's `model`, else the one in the URL (`…/models/gemini-2.0-flash:generateContent`). */
function requestModel(fa: FileAnalyzer, km: Map<string, Node[]>, urlPath: string, urlNode: Node): ResolvedModel {
  const modelNode = km.get('model')?.[0];
  const urlModel = /models\/([^/:]+):/.exec(urlPath)?.[1] ?? /\/model\/([^/]+)\/(invoke|converse)/.exec(urlPath)?.[1];
  if (modelNode) return fa.modelFromNode(modelNode);
  if (urlModel && !urlModel.includes('{')) {
    const held = unwrap(urlNode);
    let resolution: ModelResolution = held.type === 'identifier' ? { kind: 'constant', name: held.text } : { kind: 'literal' };
    if (isStringNode(held)) {
      // `f".../models/{MODEL}:generateContent"`: the model is the constant in the hole.
      for (const hole of stringParts(held).holes) {
        const e = hole.namedChildren.find((x) => x !== null);
        if (e && fa.constString(e) === decodeURIComponent(urlModel)) resolution = { kind: 'constant', name: e.text };
      }
    }
    return { ref: { id: decodeURIComponent(urlModel), canonical: canonicalModel(decodeURIComponent(urlModel)), resolution } };
  }
  return { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
}

/** True when an HTTP call passes a request body (`json=`, `data=`, `body:`, a second positional argument). */
export function hasBody(fa: FileAnalyzer, call: Node, name: string): boolean {
  const args = callArgs(call);
  if (fa.lang === 'python') {
    if (args.some((a) => a.type === 'keyword_argument' && /^(json|data|content|body)$/.test(a.childForFieldName('name')?.text ?? ''))) return true;
    if (args.some((a) => a.type === 'dictionary_splat')) return true;
    const positional = args.filter((a) => a.type !== 'keyword_argument');
    return name === 'request' || name === 'stream' ? positional.length >= 3 : positional.length >= 2;
  }
  if (FETCH_NAMES.has(name) || name === 'request' || name === 'axios') {
    const opts = args[FETCH_NAMES.has(name) ? 1 : 0];
    const o = opts ? fa.resolveObject(opts) : undefined;
    if (!opts) return false;
    if (!o) return true;
    return fa.objectKey(o, ['body', 'data', 'json']) !== undefined || o.namedChildren.some((c) => c?.type === 'spread_element');
  }
  return args.length >= 2;
}

/** The visible URL text of an expression: literal parts, with holes for what is only known at run time. */
export function urlText(fa: FileAnalyzer, n: Node, depth = 0): { host?: string; path: string } | undefined {
  if (depth > 4) return undefined;
  const u = unwrap(n);
  let text: string | undefined;
  if (isStringNode(u)) {
    const { holes } = stringParts(u);
    text = '';
    for (const c of u.namedChildren) {
      if (!c) continue;
      if (c.type === 'interpolation' || c.type === 'template_substitution') {
        const e = c.namedChildren.find((x) => x !== null);
        const s = e ? fa.constString(e) : undefined;
        text += s ?? '\uFFFF';
      } else if (c.type === 'string_content' || c.type === 'string_fragment') text += c.text;
    }
    void holes;
  } else if (u.type === 'identifier' || isMember(u)) {
    const s = fa.constString(u);
    if (s !== undefined) text = s;
    else if (u.type === 'identifier') {
      const b = fa.lookup(u.text, u);
      if (b?.kind === 'assign') return urlText(fa, b.value, depth + 1);
      if (b?.kind === 'param' && b.def) return urlText(fa, b.def, depth + 1);
    }
  } else if (u.type === 'binary_operator' || u.type === 'binary_expression') {
    const l = u.childForFieldName('left');
    const r = u.childForFieldName('right');
    const op = u.childForFieldName('operator')?.text;
    if (op === '+' && l && r) {
      const a = urlText(fa, l, depth + 1);
      const b = urlText(fa, r, depth + 1);
      const left = a ? `${a.host ? `https://${a.host}` : '\uFFFF'}${a.path}` : '\uFFFF';
      const right = b ? `${b.host ? `https://${b.host}` : ''}${b.path}` : '\uFFFF';
      text = left + right;
    } else if ((op === '??' || op === '||' || op === 'or') && r) return urlText(fa, r, depth + 1);
  } else if (u.type === 'boolean_operator') {
    const r = u.childForFieldName('right');
    if (r) return urlText(fa, r, depth + 1);
  } else if (u.type === 'call' && /(^|\.)(getenv|environ\.get)$/.test(callee(u)?.text ?? '')) {
    const d = callArgs(u)[1];
    if (d) return urlText(fa, d, depth + 1);
  }
  if (text === undefined) return undefined;
  const m = /^https?:\/\/([^/\uFFFF?#]+)([^?#]*)/.exec(text);
  if (m) return { host: m[1], path: (m[2] ?? '').replace(/\uFFFF/g, '{}') };
  const path = text.replace(/^\uFFFF/, '').replace(/\uFFFF/g, '{}');
  return { path: path.replace(/[?#].*$/, '') };
}

/** Provider named by a base URL / endpoint URL, or undefined when it is not visible. */
export function providerOfUrl(url: string): Provider | undefined {
  const m = /^[a-z]+:\/\/([^/:?#]+)(?::(\d+))?/i.exec(url.trim());
  if (!m) return undefined;
  const host = (m[1] ?? '').toLowerCase();
  const port = m[2];
  if (host === 'localhost' || host === '127.0.0.1' || host === '0.0.0.0' || host === 'host.docker.internal' || host === 'ollama') {
    return port === OLLAMA_PORT || host === 'ollama' ? 'ollama' : 'other';
  }
  const hit = HOST_PROVIDERS.find((h) => h.host.test(host));
  return hit ? hit.provider : 'other';
}
