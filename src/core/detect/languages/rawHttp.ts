/**
 * Raw HTTP to a provider's inference endpoint in Go, Java, C#, Ruby and PHP, the same way as in Python: the call that
 * sends (`client.Do(req)`, `httpClient.send(request, …)`, `PostAsync(url, …)`, `Net::HTTP.post(uri, …)`,
 * `http.request(req)`, `$client->post(url, …)`, `curl_exec($ch)`) is a site when the URL it sends to — its own
 * argument, or the request object or handle it is given, followed through the file's variables — names an endpoint of
 * `HTTP_ENDPOINTS` on a known provider host (or an unmistakable path such as `/v1/chat/completions`). The URL is
 * assembled from the string pieces the file writes (concatenation, interpolation, constants), with the run-time parts
 * left unknown; the table and the URL rules are the shell front end's (`endpointOf`).
 */
import type { Node } from 'web-tree-sitter';
import type { Api, Provider } from '../../types';
import { MODEL_BODY, matchEndpoint } from '../catalog/params';
import { AZURE_DEPLOYMENT_PATH } from '../analyzer/rawHttp';
import { hintedProvider } from '../analyzer/urlHints';
import { endpointOf } from '../shell/analyze';
import { joinSegments, UNKNOWN, type Segment } from '../shell/words';
import type { FileModel } from './fileModel';
import type { CallView, ExprView, LanguageSdk, OtherLanguage, SiteSpec, TypeSpec } from './types';
import { resolveString } from './values';

/** The methods and functions that send a request, per language (by name; the URL decides). */
const SEND: Readonly<Record<OtherLanguage, ReadonlySet<string>>> = {
  go: new Set(['Do', 'Post', 'PostForm']),
  java: new Set(['send', 'sendAsync', 'execute', 'postForObject', 'postForEntity', 'exchange']),
  csharp: new Set(['PostAsync', 'PostAsJsonAsync', 'SendAsync', 'Send']),
  ruby: new Set(['post', 'request', 'post_form', 'start']),
  php: new Set(['post', 'postJson', 'request', 'curl_exec', 'sendRequest', 'send']),
};

/** Calls that only wrap a URL (`URI.create(u)`, `URI(u)`, `new Uri(u)`, `URI.parse(u)`, `url.Parse(u)`). */
const URL_WRAPPERS = /^(create|URI|Uri|parse|Parse|new|newBuilder|uri|RequestUri|Url)$/;
const MAX_NODES = 60;

const HTTP_SDK: LanguageSdk = { id: 'raw-http', language: 'go', modules: [], types: [], sites: [] };

export interface HttpFound {
  readonly spec: SiteSpec;
  readonly sdk: LanguageSdk;
  readonly type: TypeSpec;
  /** The string that held the URL (the body's model is searched beside it). */
  readonly url: Node;
}

/** The raw-HTTP site of a call, or undefined. */
export function httpSite(fm: FileModel, c: CallView): HttpFound | undefined {
  if (!SEND[fm.view.lang].has(c.name) || c.newType) return undefined;
  // Ruby's `Net::HTTP.start(host) do |http| … end` only opens the connection.
  if (c.name === 'start' && c.extra) return undefined;
  // The request object or handle: what the variable holds, a builder's calls, a constructor's arguments, its keyed values.
  return firstInRequest(fm, c, true, (n) => {
    const segs = urlSegments(fm, n, 0);
    const target = segs ? endpointOf(segs) ?? compatibleTarget(fm, c, segs) : undefined;
    if (!segs || !target) return undefined;
    const api: Api = target.api;
    // A base not shown whose name names a server (`$"{OllamaUrl}/api/chat"`), as for Python and JS.
    const hint = !target.hostKnown && segs[0]?.text === UNKNOWN && segs[0].origin?.kind === 'unknown' ? segs[0].origin.expression : undefined;
    const provider: Provider = (target.provider === 'other' && hint ? hintedProvider(hint, joinSegments(segs)) : undefined) ?? target.provider;
    const type: TypeSpec = { id: 'raw-http', provider, via: 'http' };
    return { spec: { api, ...(target.stream ? { stream: true } : {}) }, sdk: HTTP_SDK, type, url: n };
  });
}

/** The model of a raw HTTP request's JSON text (`"model": "gpt-4o-mini"` in a text block or a heredoc), one hop through variables. */
export function jsonTextModel(fm: FileModel, c: CallView): string | undefined {
  return firstInRequest(fm, c, false, (_n, e) => (e.k === 'str' ? modelInJsonText(e.value ?? (e.parts ?? []).join('')) : undefined));
}

/**
 * The first answer `visit` gives on the nodes a request is made of: breadth-first from the call's arguments through
 * what a name holds, a call's receiver and arguments, a wrapped expression and (`keyed`) an object's values, at most
 * {@link MAX_NODES} nodes.
 */
function firstInRequest<T>(fm: FileModel, c: CallView, keyed: boolean, visit: (n: Node, e: ExprView) => T | undefined): T | undefined {
  const seen = new Set<number>();
  const queue: Node[] = c.args.map((a) => a.value);
  for (let steps = 0; queue.length && steps < MAX_NODES; steps++) {
    const n = queue.shift() as Node;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    const e = fm.view.expr(n);
    const found = visit(n, e);
    if (found !== undefined) return found;
    if (e.k === 'name') {
      const d = fm.lookup(e.name, n);
      if (d?.value) queue.push(d.value);
    } else if (e.k === 'call') {
      if (e.call.receiver) queue.push(e.call.receiver);
      for (const a of e.call.args) queue.push(a.value);
      // `new HttpRequestMessage(…) { Content = JsonContent.Create(body) }`, `new EmbedRequest { Model = … }`.
      if (e.call.extra) queue.push(e.call.extra);
    } else if (e.k === 'wrap') {
      queue.push(e.inner);
    } else if (e.k === 'obj' && keyed) {
      for (const [, v] of e.pairs) queue.push(v);
    } else if (e.k === 'lambda' && lambdaRole(fm, n) === 'factory') {
      // A request factory handed to a send helper (`HttpRetryPolicy.SendAsync(http, () => new HttpRequestMessage(…), ct)`):
      // what it returns is the request.
      queue.push(...fm.view.returns(n));
    }
  }
  return undefined;
}

/** A construction or factory call that makes a request object: `new HttpRequestMessage(…)`, `new EmbedRequest { … }`, `http.NewRequest(…)`, `HttpRequest.newBuilder(…)`. */
const REQUEST_MAKER = /Request/;

const roles = new WeakMap<FileModel, Map<number, 'factory' | 'sends' | 'other'>>();

/**
 * What a lambda among a send call's arguments is: `sends` when a call in its body sends a request (that call is the
 * site, not the helper around the lambda), else `factory` when its body makes a request object (it builds what the
 * helper sends), else `other` (an executor's task, a route handler, a cache loader: no request). The whole body is
 * searched, however long.
 */
function lambdaRole(fm: FileModel, n: Node): 'factory' | 'sends' | 'other' {
  let memo = roles.get(fm);
  if (!memo) roles.set(fm, (memo = new Map()));
  const hit = memo.get(n.id);
  if (hit) return hit;
  let makes = false;
  let sends = false;
  const stack: Node[] = [n];
  while (stack.length && !sends) {
    const x = stack.pop() as Node;
    const c = fm.view.call(x);
    if (c && !c.newType && SEND[fm.view.lang].has(c.name)) sends = true;
    else if (c && REQUEST_MAKER.test(c.newType ? c.newType.text : c.name + (c.receiver?.type.endsWith('identifier') ? ` ${c.receiver.text}` : ''))) makes = true;
    for (let i = 0; i < x.namedChildCount; i++) {
      const ch = x.namedChild(i);
      if (ch) stack.push(ch);
    }
  }
  const role = sends ? 'sends' : makes ? 'factory' : 'other';
  memo.set(n.id, role);
  return role;
}

/** The text of a URL expression as pieces (run-time parts unknown), or undefined when it is not string-like. */
function urlSegments(fm: FileModel, n: Node, depth: number): Segment[] | undefined {
  if (depth > 5) return undefined;
  const e = fm.view.expr(n);
  switch (e.k) {
    case 'str':
      if (e.value !== undefined) return URL_START.test(e.value) || depth > 0 ? [{ text: e.value }] : undefined;
      if (e.seq) return interpolated(fm, e.seq, depth);
      if (e.parts) {
        const out: Segment[] = [];
        e.parts.forEach((p, i) => {
          out.push({ text: p });
          if (i < (e.holes ?? 0)) out.push({ text: UNKNOWN });
        });
        return URL_START.test(e.parts[0] ?? '') ? out : undefined;
      }
      return undefined;
    case 'binary': {
      if (e.op !== '+' && e.op !== '.') return undefined;
      const l = urlSegments(fm, e.left, depth + 1) ?? [runtime(e.left)];
      const r = urlSegments(fm, e.right, depth + 1) ?? [runtime(e.right)];
      const joined = [...l, ...r];
      return joined.some((s) => s.text !== UNKNOWN) ? joined : undefined;
    }
    case 'name':
    case 'member':
    case 'scoped': {
      const r = resolveString(fm, n);
      if (r.value !== null) return [{ text: r.value }];
      if (e.k === 'name') {
        const d = fm.lookup(e.name, n);
        return d?.value ? urlSegments(fm, d.value, depth + 1) : undefined;
      }
      return undefined;
    }
    case 'wrap':
      return urlSegments(fm, e.inner, depth + 1);
    case 'call': {
      const name = e.call.newType ? 'new' : e.call.name;
      if (URL_WRAPPERS.test(name) && e.call.args[0]) return urlSegments(fm, e.call.args[0].value, depth + 1);
      // `fmt.Sprintf("https://…/%s:generateContent", m)`, `String.format(…)`, `sprintf(…)`.
      if (/^(Sprintf|format|Format|sprintf)$/.test(e.call.name) && e.call.args[0]) {
        const f = urlSegments(fm, e.call.args[0].value, depth + 1);
        // Each verb takes the next argument's text when the file shows it (`fmt.Sprintf("%s/chat/completions", baseURL)`
        // with `const baseURL = "https://api.openai.com/v1"`), else a run-time part.
        let arg = 1;
        const verb = (): Segment => {
          const a = e.call.args[arg++];
          const v = a ? resolveString(fm, a.value).value : null;
          return { text: v ?? UNKNOWN };
        };
        return f?.flatMap((s) => s.text.split(/%[sdv]|\{\d+\}/).flatMap((t, i) => (i ? [verb(), { text: t }] : [{ text: t }])));
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

const URL_START = /^[a-z]+:\/\/|^\//i;

/** A run-time part of a URL; its source text is kept, as a name may say whose server it is (`OLLAMA_URL`). */
function runtime(n: Node): Segment {
  return { text: UNKNOWN, origin: { kind: 'unknown', expression: n.text.slice(0, 120) } };
}

/**
 * An interpolated string in order (C# `$"…"`): a hole's text when the file shows it, else a run-time part. One that
 * starts with a hole (`$"{baseUrl}/v1/messages"`, `$"{config.BaseUrl.TrimEnd('/')}/api/embed"`) reads as the
 * concatenation `baseUrl + "/v1/messages"` does; one that starts with text must start like a URL.
 */
function interpolated(fm: FileModel, seq: readonly (string | Node)[], depth: number): Segment[] | undefined {
  const out = seq.flatMap((p): Segment[] => (typeof p === 'string' ? [{ text: p }] : urlSegments(fm, p, depth + 1) ?? [runtime(p)]));
  const first = seq[0];
  if (typeof first === 'string') return URL_START.test(first) ? out : undefined;
  return out.some((s) => s.text !== UNKNOWN) ? out : undefined;
}

/**
 * An OpenAI-compatible path after a base the file does not show (`fmt.Sprintf("%s/chat/completions", c.ApiUrl)`: LM
 * Studio, vLLM, a configured gateway), as Python and JS read it: a site of an unknown server when the request it sends
 * is a model request (a keyed literal with a `model` key, or JSON text naming one).
 */
function compatibleTarget(fm: FileModel, c: CallView, segs: readonly Segment[]): ReturnType<typeof endpointOf> {
  const text = joinSegments(segs);
  if (!text.startsWith(UNKNOWN)) return undefined;
  const path = (text.split('?')[0] ?? '').slice(UNKNOWN.length);
  // An Azure OpenAI deployment's path names its service whatever the resource's host (the deployment is the model).
  if (AZURE_DEPLOYMENT_PATH.test(`/${path.replace(/^\//, '')}`.replace(new RegExp(UNKNOWN, 'g'), '{}'))) {
    const ep = matchEndpoint(path.replace(new RegExp(UNKNOWN, 'g'), '{}'), undefined);
    if (ep) return { provider: 'azure-openai', api: ep.api, hostKnown: false, stream: false };
  }
  const body = firstInRequest(fm, c, true, (_n, e) => (e.k === 'obj' && e.pairs.some(([k]) => keyOf(k) === 'model') ? new Set(e.pairs.map(([k]) => keyOf(k))) : e.k === 'str' && modelInJsonText(e.value ?? (e.parts ?? []).join('')) ? new Set(['model']) : undefined));
  if (!body) return undefined;
  // Only the endpoint (after an optional version) right after the base: `%s/v1/users/%d/completions` is not one.
  const m = /^\/?(?:v\d+\/)?(chat\/completions|completions|embeddings)\/?$/.exec(path);
  if (m) return { provider: 'other', api: m[1] === 'chat/completions' ? 'chat' : m[1] === 'embeddings' ? 'embeddings' : 'completion', hostKnown: false, stream: false };
  // Another endpoint's path (`/api/embed`, `/api/chat`, `/generate`) after a configured base takes a model request's
  // body, as in Python: an embeddings path a model and an input, any other a model and a generation input.
  const ep = matchEndpoint(`/${path.replace(/^\//, '')}`, undefined);
  if (!ep || ep.host) return undefined;
  const inputs: readonly string[] = ep.api === 'embeddings' ? MODEL_BODY.input : MODEL_BODY.generation;
  if (!inputs.some((k) => body.has(k))) return undefined;
  return { provider: ep.provider ?? 'other', api: ep.api, hostKnown: false, stream: /stream/i.test(path) };
}

/** A body key as written (`"model"`, `["model"]`, `Model`) → the key (`model`). */
function keyOf(k: string): string {
  return k.replace(/^\[?["'`]?|["'`]?\]?$/g, '').toLowerCase();
}

/** `"model": "gpt-4o"` inside a JSON string the request sends (a Java text block, a PHP/Ruby heredoc, a C# raw string). */
export function modelInJsonText(text: string): string | undefined {
  const m = /"model(?:Id)?"\s*:\s*"([^"\\]+)"/.exec(text);
  return m?.[1];
}
