/**
 * Raw HTTP: `fetch`/`axios`/`requests`/`httpx`/`urllib` calls whose URL is an inference endpoint and that send a body;
 * the provider named by the URL's host.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import type { Api, ModelResolution, Provider } from '../../types';
import type { SiteSpec } from '../catalog/types';
import { HOST_PROVIDERS, MODEL_BODY, OLLAMA_PORT, matchEndpoint, type HttpEndpoint } from '../catalog/params';
import { callArgs, callee, FUNCTION_TYPES, isCall, isMember, isStringNode, JS_FETCH_ALIAS_RE, JS_FETCH_ALT, JS_FETCH_FUNCTIONS, JS_TYPE_ARGS, stringParts, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { ResolvedModel, SiteDraft } from './types';
import { canonicalModel } from './models';
import { isTestPath } from '../../excludes';
import { baseName, hintedProvider } from './urlHints';

const FETCH_NAMES: ReadonlySet<string> = new Set(JS_FETCH_FUNCTIONS);

/**
 * Local names the file gives `fetch` (`const fetchImpl = options.fetch ?? fetch`, `= globalThis.fetch`, `||
 * window.fetch.bind(window)`): called like fetch, with the URL first and the init second. Found once per file text.
 */
export function fetchAliases(fa: FileAnalyzer): ReadonlySet<string> {
  if (fa.lang !== 'js' || !fa.text.includes('fetch')) return NO_NAMES;
  const known = FETCH_ALIASES.get(fa);
  if (known) return known;
  const found = new Set<string>();
  JS_FETCH_ALIAS_RE.lastIndex = 0;
  for (let m = JS_FETCH_ALIAS_RE.exec(fa.text); m; m = JS_FETCH_ALIAS_RE.exec(fa.text)) if (m[1] && !FETCH_NAMES.has(m[1])) found.add(m[1]);
  FETCH_ALIASES.set(fa, found);
  return found;
}
const FETCH_ALIASES = new WeakMap<FileAnalyzer, ReadonlySet<string>>();
const NO_NAMES: ReadonlySet<string> = new Set();
/** `fetch` itself or a local name for it. */
function isFetch(fa: FileAnalyzer, name: string): boolean {
  return FETCH_NAMES.has(name) || fetchAliases(fa).has(name);
}

export function analyzeHttp(fa: FileAnalyzer, call: Node, nameNode: Node, root: Node, path: readonly string[]): SiteDraft | undefined {
  const name = nameNode.text;
  const full = [root.type === 'identifier' ? root.text : '', ...path].filter(Boolean).join('.');
  const target = requestTarget(fa, call, name);
  const urlNode = target?.urlNode;
  let bodyCall = target?.bodyCall ?? call;
  if (!urlNode) return undefined;
  // `app.post('/v1/chat/completions', handler)` and `@app.post(...)` declare a route; they do not call one.
  if (callArgs(call).some((a) => FUNCTION_TYPES.has(unwrap(a).type) || unwrap(a).type === 'identifier' && ROUTE_HANDLER.test(a.text)) && target?.sends === undefined) return undefined;
  if (fa.ancestors(call)[0]?.type === 'decorator') return undefined;
  // A request that sends nothing is not an inference call; this also drops HTTP mocks (`respx.post(url)`,
  // `nock(host).post(path)`), which name the endpoint without a body.
  if (!(target?.sends ?? hasBody(fa, bodyCall, name))) return undefined;
  if (/^(respx|nock|responses|httpretty|aioresponses|requests_mock|fetchMock|mock|mocker|httpx_mock)$/.test(root.type === 'identifier' ? root.text : '')) return undefined;
  // An SDK's own resource class posting through its client's transport (`this._client.post('/v1/messages', { body,
  // ...options })`, Stainless-generated SDKs): the SDK's public method is the surface, its internals are not sites.
  if (fa.lang === 'js' && /^this\._client$/.test(unwrap(callee(call)?.childForFieldName('object') ?? call).text) && isStringNode(unwrap(urlNode)) && !/^['"`]https?:/.test(unwrap(urlNode).text)) return undefined;
  // A URL not visible here (`self.api_url`, a parameter, a helper's result) is opaque: only the body can tell.
  let url: UrlText = urlText(fa, urlNode) ?? { path: '{}', opaque: true };
  if (!url.host && root.type === 'identifier') {
    // `httpx.Client(base_url=...)` / `axios.create({ baseURL })` then `client.post("/chat/completions")`.
    const b = fa.lookup(root.text, root);
    const made = b?.kind === 'assign' ? unwrap(b.value) : undefined;
    const base = made && isCall(made) ? fa.getArg(made, { kw: ['base_url', 'baseURL'] }) : undefined;
    const baseUrl = base ? urlText(fa, base) : undefined;
    if (baseUrl?.host) url = { host: baseUrl.host, path: `${baseUrl.path.replace(/\/$/, '')}/${url.path.replace(/^\//, '')}` };
  }
  if (fa.lang === 'python' && name === 'urlopen') {
    const a0 = callArgs(call)[0];
    if (a0 && isCall(unwrap(a0))) bodyCall = unwrap(a0);
  }
  if (SOCKET_CONNECTS.includes(name)) return realtimeSession(fa, call, nameNode, full || name, url, urlNode);
  const km = fa.keyMap(bodyCall);
  const hostProvider = url.host ? providerOfUrl(`https://${url.host}`) : undefined;
  const onProviderHost = hostProvider !== undefined && hostProvider !== 'other';
  let ep: Pick<HttpEndpoint, 'api' | 'provider'> | undefined = url.opaque ? undefined : matchEndpoint(url.path, url.host);
  const pathEndpoint = ep;
  // `/embed`, `/generate`, `/api/chat` on some other server (the app's own, a test server) need a model request's body.
  const weak = ep !== undefined && (ep as HttpEndpoint).weak === true && !onProviderHost;
  if (weak && !modelShapedBody(km) && !(ep?.api === 'rerank' && rerankBody(km))) ep = undefined;
  // A weak path whose body is a model request's is one on any server (`new URL("embed", this.apiBase)`).
  // An endpoint bound to its host names its provider (`texttospeech.googleapis.com` is Google's).
  const bound = ep !== undefined && (ep as HttpEndpoint).host !== undefined;
  let provider = ep ? (bound ? ep.provider : endpointProvider(url, ep.provider)) ?? (weak ? hostProvider ?? 'other' : undefined) : undefined;
  const shown = !url.opaque && !url.relative && !url.based && !url.host;
  if (ownServerRoute(fa, call, root, url, km, urlNode)) return undefined;
  if (!ep || !provider) {
    // No endpoint in sight, but the body is a model request (`{"model": …, "input": …}` to a configured URL, a
    // `new URL(path, this.apiBase)` of a base class): a request to a model server whose address is configuration.
    // Not a path the code shows whole without a host (the app's own route), not another path of a provider's host.
    if (shown || onProviderHost || !modelShapedBody(km)) return undefined;
    // In JS, `post` and `request` are also the methods of IDE messengers and RPC clients: only fetch-like functions,
    // fetch factories, transport wrappers and axios send a body this way (evidence.ts `JS_BODY_CALL_RE`).
    if (fa.lang === 'js' && (name === 'post' || name === 'request') && !(root.type === 'identifier' && /^(axios|got|ky)$/.test(root.text))) return undefined;
    // A path that names its resource (`new URL("summaries", base)`, `f"{base}/{kind}/batch/update"`) must carry a
    // generation request (a model and messages, a prompt, contents or inputs): `{ model, query, documents }` there may
    // be any service's search, `{"inputs": batch}` a CRM's batch update.
    const last = url.opaque ? '' : (url.path.split('/').pop() ?? '');
    // An embeddings path (`f"{url}/embeddings"`, `/api/embed`) names its resource with an embeddings body: a model and
    // an input (Open WebUI's configured OpenAI-compatible and Ollama bases).
    const embeddingsRequest = pathEndpoint?.api === 'embeddings' && modelShapedBody(km);
    if (/[A-Za-z]/.test(last) && !last.includes('{}') && !generationBody(km) && !embeddingsRequest) return undefined;
    // Nor paths of no model request, whatever their body (`…/messages/count_tokens`, an app's own `/settings`).
    if (NOT_INFERENCE_PATH.test(url.path)) return undefined;
    provider = hostProvider ?? 'other';
    // The path, else the function that sends it (`embed_with_hf`, `litellm_rerank`), says which kind of request it is.
    const fn = fa.ancestors(call).find((a) => FUNCTION_TYPES.has(a.type));
    // An opaque URL's own text may still name the path (`append_api_path(self.base_url, "audio/transcriptions")`).
    ep = { api: bodyApi(km, `${url.opaque ? unwrap(urlNode).text : url.path} ${fn?.childForFieldName('name')?.text ?? ''}`) };
  } else if ((ep as HttpEndpoint).taskFromNames) ep = namedTask(fa, call, url.path, ep);
  const model = requestModel(fa, km, url.path, urlNode, (ep as HttpEndpoint).modelInPath);
  const spec: SiteSpec = { api: ep.api, prompt: { messages: { kw: ['messages'] }, system: { kw: ['system'] }, prompt: { kw: ['prompt'] }, input: { kw: ['input'] }, user: { kw: ['contents'] } } };
  const params = fa.callParams(km, undefined, spec);
  const prompt = fa.promptParts(bodyCall, spec, km, undefined).filter((p) => p.role !== 'other' || p.kind !== 'dynamic');
  const stream = params.stream === true || /stream/i.test(url.path);
  return {
    call, nameNode, method: full || name, provider: url.hint && provider === 'other' ? hintedProvider(url.hint, url.path) ?? provider : provider, via: 'http', api: ep.api, model: model.ref, stream, params: stream ? { ...params, stream: true } : params,
    prompt, confidence: model.ref.id !== null && url.host ? 'high' : 'medium',
  };
}

/** A path that runs any model (Workers AI's `/ai/run/{model}`): the path, the function and its class say the kind. */
function namedTask<E extends Pick<HttpEndpoint, 'api'>>(fa: FileAnalyzer, call: Node, path: string, ep: E): E {
  const names = fa.ancestors(call).filter((a) => FUNCTION_TYPES.has(a.type) || a.type === 'class_definition' || a.type === 'class_declaration').map((a) => a.childForFieldName('name')?.text ?? '');
  const told = bodyApi(new Map(), `${path} ${names.join(' ')}`);
  return told === 'other' ? ep : { ...ep, api: told };
}

/**
 * A WebSocket connect to a realtime session endpoint whose query names the model (`?model=…`, `?model_id=…`): the
 * session, billed by its audio and tokens, starts here. Without the model in the URL (Gemini Live sends it in a setup
 * message) the connect is not the site.
 */
function realtimeSession(fa: FileAnalyzer, call: Node, nameNode: Node, method: string, url: UrlText, urlNode: Node): SiteDraft | undefined {
  if (url.opaque) return undefined;
  // A browser socket to the page's own server (`/v1/realtime?model=…`, `ws://${window.location.host}/…`): the app's relay.
  if (fa.lang === 'js' && (url.relative || fa.isPageSocket(urlNode))) return undefined;
  const ep = matchEndpoint(url.path, url.host, true);
  // Azure OpenAI names the deployment (`/openai/realtime?api-version=…&deployment=gpt-4o-realtime-preview`).
  const m = /[?&](?:model(?:_id)?|deployment)=([^&#]*)/.exec(url.query ?? '');
  if (!ep || !m) return undefined;
  // `/v1/realtime` on a base not shown is OpenAI's path (Azure's is `/openai/realtime`).
  const provider = ep.provider ?? (url.host ? providerOfUrl(`https://${url.host}`) : /\/openai\/realtime/.test(url.path) ? 'azure-openai' : 'openai') ?? 'other';
  // The model: the expression in the hole after `model=` (its own resolution: a constant, an `__init__` default …).
  let held = unwrap(urlNode);
  if (held.type === 'identifier') {
    const b = fa.lookup(held.text, held);
    if (b?.kind === 'assign') held = unwrap(b.value);
  }
  let model: ResolvedModel = { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
  const raw = decodeURIComponent(m[1] ?? '');
  if (raw && !raw.includes('\uFFFF')) model = { ref: { id: raw, canonical: canonicalModel(raw), resolution: { kind: 'literal' } } };
  const parts = held.type === 'concatenated_string' ? held.namedChildren.filter((c): c is Node => c !== null && isStringNode(c)) : isStringNode(held) ? [held] : [];
  let before = '';
  for (const c of parts.flatMap((p) => p.namedChildren)) {
    if (!c) continue;
    if ((c.type === 'interpolation' || c.type === 'template_substitution') && /[?&](?:model(?:_id)?|deployment)=$/.test(before)) {
      const e = c.namedChildren.find((x) => x !== null);
      if (e) model = fa.modelFromNode(e);
      break;
    }
    before += c.type === 'string_content' || c.type === 'string_fragment' ? c.text : '\uFFFF';
  }
  return { call, nameNode, method, provider, via: 'http', api: ep.api, model: model.ref, stream: true, params: { stream: true }, prompt: [], confidence: model.ref.id ? 'high' : 'medium' };
}

/** A route handler's name (`chatHandler`, `chat_route`); a name that only holds the word is a URL (`OPENROUTER_URL`). */
const ROUTE_HANDLER = /(?:handler|route|router|controller)s?$/i;

/** The visible parts of a request URL: its host, path, whether a base was missing (`relative`) or nothing showed (`opaque`). */
interface UrlText {
  readonly host?: string;
  readonly path: string;
  readonly relative?: boolean;
  /** A path after a run-time part (`f"{base}/generate"`): the base, not shown, may be any server. */
  readonly based?: boolean;
  /** The query string (`?model=…`), run-time parts as `\uFFFF`. */
  readonly query?: string;
  readonly opaque?: boolean;
  /**
   * The run-time base's source text when it is a name (`process.env.NEXT_PUBLIC_OLLAMA_URL + "/api/chat"`,
   * `` `${OLLAMA_HOST}/api/generate` ``): a name that names a provider says whose server it is.
   */
  readonly hint?: string;
}

/**
 * A request to the app's own server, not to a model server. A path shown whole, with no host and no base
 * (`c.post("/v1/chat/completions", json={})`), is one of the app's routes (reached by its test client, its browser
 * code, its proxy) unless a model request's body goes there outside test code (browser code's `fetch` to a page
 * URL: {@link pageUrl}). In test code, a request to a base not
 * shown without such a body is one to the project's own API under test
 * (`requests.post(f"{HOST_ADDRESS}/api/{VERSION}/chat/completions", json=payload)`).
 */
function ownServerRoute(fa: FileAnalyzer, call: Node, root: Node, url: UrlText, km: ReadonlyMap<string, Node[]>, urlNode: Node): boolean {
  // Browser code's `fetch('/api/chat', { body: JSON.stringify({ model, messages }) })` (or on the page's origin): the
  // app's own route whatever the body; its server makes the model request, a site of its own when in the workspace.
  if (fa.lang === 'js' && fa.isPageFetch(call, urlNode)) return true;
  if (url.host || url.opaque || url.relative) return false;
  if (!url.based) return !modelShapedBody(km) || ownServerCall(fa, call, root);
  return !modelShapedBody(km) && ownServerCall(fa, call, root);
}

/**
 * A call of the app's own server: in test code (a test file, a `test_*` function, a `Test*` class), or through a web
 * framework's test client (`app.test_client()`, Starlette/FastAPI `TestClient(app)`, `with app.test_client() as c`).
 */
function ownServerCall(fa: FileAnalyzer, call: Node, root: Node): boolean {
  if (isTestPath(fa.path)) return true;
  for (const a of fa.ancestors(call)) {
    const n = FUNCTION_TYPES.has(a.type) || a.type === 'class_definition' || a.type === 'class_declaration' ? a.childForFieldName('name')?.text ?? '' : '';
    if (/^test_|^Test[A-Z_]/.test(n)) return true;
  }
  if (root.type !== 'identifier') return false;
  const b = fa.lookup(root.text, root);
  const made = b?.kind === 'assign' ? unwrap(b.value) : undefined;
  return made !== undefined && isCall(made) && /(?:^|\.)(?:test_client|TestClient)$/.test(callee(made)?.text ?? '');
}

/** A request body with a model request's shape ({@link MODEL_BODY}): a model key beside an input key, or HF `inputs`. */
function modelShapedBody(km: ReadonlyMap<string, Node[]>): boolean {
  const has = (keys: readonly string[]): boolean => keys.some((k) => km.has(k));
  return has(MODEL_BODY.alone) || (has(MODEL_BODY.model) && has(MODEL_BODY.input));
}

/**
 * A generation request's body: a model key beside messages, a prompt, contents or inputs. (`inputs` alone is not
 * enough under a path that names its resource: HubSpot's `/batch/update` and crewAI's `/kickoff` take `{"inputs": …}`.)
 */
function generationBody(km: ReadonlyMap<string, Node[]>): boolean {
  return MODEL_BODY.model.some((k) => km.has(k)) && MODEL_BODY.generation.some((k) => km.has(k));
}

/** A rerank request's body: a query and the texts to score (text-embeddings-inference, Cohere, Jina, Voyage). */
function rerankBody(km: ReadonlyMap<string, Node[]>): boolean {
  return km.has('query') && (km.has('texts') || km.has('documents') || km.has('passages'));
}

/** Words of an audio request in its path or its function's name (`/audio/speech`, `transcription`, `text_to_speech`, `tts`). */
const AUDIO_HINT = /audio|speech|transcri|(?:^|[^a-z])tts(?:[^a-z]|$)/i;
const IMAGE_HINT = /txt2img|img2img|generate[-_]?image|image[-_]?generat|diffusion/i;

/** The api of a request known by its body: the hint's words (its path, its function's name), else its keys. */
function bodyApi(km: ReadonlyMap<string, Node[]>, hint: string): Api {
  if (/embed/i.test(hint)) return 'embeddings';
  if (/rerank/i.test(hint)) return 'rerank';
  // Speech (`{ model, input, voice }`: `input` is not an embedding's here) and transcription (`{ model, prompt,
  // language }` beside an uploaded file: `prompt` is not a completion's): the path, the function or a `voice` say so.
  if (AUDIO_HINT.test(hint) || km.has('voice')) return 'audio';
  if (km.has('messages') || km.has('contents')) return 'chat';
  // Image generation (`/sdapi/v1/txt2img`, `generateImage`, a `negative_prompt`): the prompt is an image's.
  if (IMAGE_HINT.test(hint) || km.has('negative_prompt')) return 'images';
  if (km.has('query') && (km.has('documents') || km.has('texts') || km.has('passages'))) return 'rerank';
  if (km.has('prompt') || km.has('inputs') || km.has('suffix')) return 'completion';
  if (km.has('input') || km.has('texts') || km.has('instances')) return 'embeddings';
  return 'other';
}

/**
 * The URL argument of an HTTP call and the call that carries the body: `fetch(url, init)`, `axios({ url })`,
 * `requests.post(url, json=…)`, `httpx.stream("POST", url)`, urllib's `urlopen(Request(url, data))`.
 */
function requestTarget(fa: FileAnalyzer, call: Node, name: string): { urlNode: Node | undefined; bodyCall: Node; sends?: boolean } | undefined {
  let urlNode: Node | undefined;
  let bodyCall = call;
  if (fa.lang === 'js') {
    // `new WebSocket(url, { headers })` (ws, the browser's): a realtime session when its URL names the model.
    if (name === 'WebSocket' && call.type === 'new_expression') return { urlNode: callArgs(call)[0], bodyCall, sends: true };
    if (isFetch(fa, name) || name === 'post' || name === 'request' || name === 'axios') {
      const a0 = callArgs(call)[0];
      if (a0 && unwrap(a0).type === 'object') urlNode = fa.objectKey(unwrap(a0), ['url']);
      else urlNode = a0;
    } else if (/[a-z]Fetch$/.test(name) && isCall(fa.ancestors(call)[0] ?? call) && callee(fa.ancestors(call)[0] ?? call)?.id === call.id) {
      // A fetch factory called at once: `customFetch(requestOptions)(url, init)` (the fetch it returns carries the
      // project's proxy and headers). The returned function is called like fetch.
      const outer = fa.ancestors(call)[0] ?? call;
      const [u, init] = callArgs(outer);
      return { urlNode: u, bodyCall: outer, sends: init !== undefined && initSendsBody(fa, init) };
    } else {
      // A transport wrapper of the file: its parameters become the URL and the request of the fetch it makes.
      const w = transportWrapper(fa, call);
      const args = callArgs(call);
      if (w) {
        const init = w.initIndex !== undefined ? args[w.initIndex] : undefined;
        const sends = w.bodyIndex !== undefined ? args[w.bodyIndex] !== undefined : init !== undefined && initSendsBody(fa, init);
        return { urlNode: args[w.urlIndex], bodyCall, sends };
      }
    }
  } else if (isSocketConnect(fa, call, name)) {
    // A WebSocket opened (aiohttp `session.ws_connect(url)`, `websockets.connect(url)`, websocket-client's
    // `create_connection(url)` / `WebSocketApp(url)`): a realtime session, a site when its URL names the model.
    return { urlNode: fa.getArg(call, { kw: ['url', 'uri'], pos: 0 }), bodyCall, sends: true };
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

/** The names that open a WebSocket: a realtime session's connect (analyzeHttp checks the URL names the model). */
export const SOCKET_CONNECTS: readonly string[] = ['ws_connect', 'connect', 'create_connection', 'WebSocketApp', 'WebSocket'];

/** `session.ws_connect(…)`, `websockets.connect(…)` (and `websockets.client` / `.asyncio.client`), websocket-client's functions. */
function isSocketConnect(fa: FileAnalyzer, call: Node, name: string): boolean {
  if (name === 'ws_connect') return true;
  const text = callee(call)?.text ?? '';
  if (name === 'connect') return /(?:^|\.)websockets(?:\.(?:client|asyncio\.client|sync\.client))?\.connect$/.test(text) || (text === 'connect' && /^\s*from\s+websockets(?:\.[\w.]+)?\s+import\s+[^\n]*\bconnect\b/m.test(fa.text));
  return (name === 'create_connection' || name === 'WebSocketApp') && /(?:^|\.)websocket\.(?:create_connection|WebSocketApp)$|^(?:create_connection|WebSocketApp)$/.test(text) && /^\s*(?:import\s+websocket\b|from\s+websocket\s+import)/m.test(fa.text);
}

/** Token counting, tokenizers, moderation, model listing, files, batches, fine-tuning (eval/README.md: not sites); an app's settings, accounts, health. */
const NOT_INFERENCE_PATH = /[/:](?:count_?tokens|countTokens|tokenize|detokenize|moderations?|models|files|batches|fine_tuning|jobs|settings|config(?:uration)?s?|preferences|prefs|profiles?|o?auth|log_?in|log_?out|sign_?(?:in|up|out)|register|accounts?|users?|me|password|health[zs]?)\/?$/i;

/** An Azure OpenAI deployment's inference path. */
export const AZURE_DEPLOYMENT_PATH = /\/openai\/deployments\/[^/]+\/(?:chat\/completions|completions|embeddings|images\/generations|audio\/(?:transcriptions|translations|speech))$/;

/** Paths only an OpenAI-compatible API serves, whatever the base before them. */
const OPENAI_COMPATIBLE_PATH = /\/chat\/completions$|\/images\/(?:generations|edits|variations)$|\/audio\/(?:transcriptions|translations|speech)$/;

/** The provider of an endpoint: the URL's host, else the endpoint's own provider; undefined for an ambiguous path on an unseen host. */
function endpointProvider(url: UrlText, endpoint: Provider | undefined): Provider | undefined {
  const provider: Provider | undefined = url.host ? providerOfUrl(`https://${url.host}`) : undefined;
  if (provider) return provider;
  if (!url.host && endpoint) return endpoint;
  if (url.host) return endpoint ?? 'other';
  // Azure OpenAI's deployment paths name their service whatever the resource's host (`${base}/openai/deployments/
  // ${model}/embeddings?api-version=…`).
  if (AZURE_DEPLOYMENT_PATH.test(url.path)) return 'azure-openai';
  // A host we cannot see: only an unmistakable endpoint path counts.
  // `new URL("chat/completions", this.apiBase)` with a configurable base: the OpenAI-compatible path is one too.
  // So is an OpenAI-compatible path after a base the code does not show (`\`${baseURL}/images/edits\``).
  if (!/\/v1\/(chat\/completions|messages|responses|embeddings)$|:generateContent$/.test(url.path) && !((url.relative || url.based) && OPENAI_COMPATIBLE_PATH.test(url.path))) return undefined;
  return url.path.endsWith('/v1/messages') ? 'anthropic' : 'other';
}

/** The model of an HTTP call: the body's `model`, else the one in the URL (`…/models/gemini-2.0-flash:generateContent`). */
function requestModel(fa: FileAnalyzer, km: Map<string, Node[]>, urlPath: string, urlNode: Node, inPath?: RegExp): ResolvedModel {
  const modelNode = (km.get('model') ?? km.get('model_id') ?? km.get('modelId'))?.[0];
  // (Azure OpenAI: the deployment, which the scanner reads as the model as for `azure_deployment=`.)
  const urlModel = inPath?.exec(urlPath)?.slice(1).find((g) => g !== undefined) ?? /models\/([^/:]+):/.exec(urlPath)?.[1] ?? /\/model\/([^/]+)\/(invoke|converse)/.exec(urlPath)?.[1] ?? /\/openai\/deployments\/([^/{}]+)\//.exec(urlPath)?.[1];
  if (modelNode) {
    const found = fa.modelFromNode(modelNode);
    const u = unwrap(modelNode);
    if (found.ref.id !== null || fa.lang !== 'js' || !isMember(u)) return found;
    // `model: this.model` (or `options.model`, the request options that start from the class's defaults) in a class
    // whose `static defaultOptions` names the model.
    const obj = u.childForFieldName('object');
    const o = obj ? unwrap(obj) : undefined;
    const fromOptions = o?.type === 'identifier' && fa.lookup(o.text, o)?.kind === 'param';
    const def = thisDefaultNode(fa, u, undefined, fromOptions);
    const id = def ? fa.constString(def) : undefined;
    if (id) return { ref: { id, canonical: canonicalModel(id), resolution: { kind: 'default-argument', name: `defaultOptions.${u.childForFieldName('property')?.text ?? ''}` } } };
    return found;
  }
  if (urlModel && !urlModel.includes('{')) {
    const held = unwrap(urlNode);
    let resolution: ModelResolution = held.type === 'identifier' || isMember(held) ? { kind: 'constant', name: held.text } : { kind: 'literal' };
    // The template the URL was built from (held here, in a variable or in `self._api_url`).
    const bound = held.type === 'identifier' ? fa.lookup(held.text, held) : undefined;
    const built = isStringNode(held) ? held : bound?.kind === 'assign' ? unwrap(bound.value) : isMember(held) ? fa.dottedAssignment(held) : undefined;
    if (built && isStringNode(built)) {
      // `f".../models/{MODEL}:generateContent"`: the model is the constant in the hole (a parameter's default, …).
      for (const hole of stringParts(built).holes) {
        const e = hole.namedChildren.find((x) => x !== null);
        if (!e || fa.constString(e) !== decodeURIComponent(urlModel)) continue;
        const r = fa.modelFromNode(e).ref;
        resolution = r.id === decodeURIComponent(urlModel) && r.resolution.kind !== 'literal' ? r.resolution : { kind: 'constant', name: e.text };
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
  const fetchLike = isFetch(fa, name);
  if (fetchLike || name === 'request' || name === 'axios') {
    const opts = args[fetchLike ? 1 : 0];
    return opts !== undefined && initSendsBody(fa, opts);
  }
  return args.length >= 2;
}

/**
 * One part of a URL put together from parts (`a + b`, `[a, b].join("/")`), as text: a part not known here, or a first
 * part without a host (a base only known at run time), stands as a hole.
 */
function urlPart(t: UrlText | undefined, first: boolean): string {
  return t ? `${t.host ? `https://${t.host}` : first ? '\uFFFF' : ''}${t.path}` : '\uFFFF';
}

/** The URL of parts joined by a separator (`[base, path].join("/")`). */
function joinedUrl(fa: FileAnalyzer, parts: readonly Node[], sep: string, depth: number): UrlText | undefined {
  const texts = parts.map((p, i) => urlPart(urlText(fa, p, depth + 1), i === 0));
  return texts.some((t) => t !== '\uFFFF') ? splitUrl(texts.join(sep)) : undefined;
}

/** The visible URL text of an expression: literal parts, with holes for what is only known at run time. */
export function urlText(fa: FileAnalyzer, n: Node, depth = 0, ctx?: Node): UrlText | undefined {
  if (depth > 8) return undefined;
  const u = unwrap(n);
  let text: string | undefined;
  if (isStringNode(u)) {
    text = stringText(fa, u, ctx);
    if (text.startsWith('\uFFFF')) {
      const hole = u.namedChildren.find((c) => c?.type === 'interpolation' || c?.type === 'template_substitution')?.namedChildren.find((x) => x !== null);
      return withHint(splitUrl(text), hole ? baseName(hole) : undefined);
    }
  } else if (u.type === 'new_expression' && fa.lang === 'js') {
    return newUrl(fa, u, undefined, ctx, depth);
  } else if (u.type === 'ternary_expression' || u.type === 'conditional_expression') {
    // `gateway ? \`https://gateway…/chat/completions\` : \`https://api…/chat/completions\``: a branch that names an
    // endpoint (the first one that shows anything, else).
    const branches = fa.lang === 'js' ? [u.childForFieldName('consequence'), u.childForFieldName('alternative')] : [u.namedChildren[0], u.namedChildren[2]];
    const seen = branches.filter((b): b is Node => b !== null && b !== undefined).map((b) => urlText(fa, b, depth + 1, ctx)).filter((x) => x !== undefined);
    return seen.find((x) => matchEndpoint(x.path, x.host) !== undefined) ?? seen[0];
  } else if (isCall(u) && fa.lang === 'js') {
    // `base.replace("localhost", "127.0.0.1")`, `url.toString()`, `String(url)`: the same URL.
    const fn = callee(u);
    const prop = fn && isMember(fn) ? fn.childForFieldName('property')?.text : undefined;
    if (fn && isMember(fn) && (prop === 'replace' || (prop === 'toString' && callArgs(u).length === 0))) {
      const obj = fn.childForFieldName('object');
      return obj ? urlText(fa, obj, depth + 1, ctx) : undefined;
    }
    const a0 = callArgs(u)[0];
    if (fn?.type === 'identifier' && fn.text === 'String' && a0) return urlText(fa, a0, depth + 1, ctx);
    // `[baseUrl, OpenaiPath.ChatPath].join("/")` (NextChat's path builder): the parts joined by the separator.
    const parts = prop === 'join' && fn && isStringNode(unwrap(a0 ?? fn)) ? unwrap(fn.childForFieldName('object') ?? fn) : undefined;
    if (a0 && parts?.type === 'array') return joinedUrl(fa, parts.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment'), stringText(fa, unwrap(a0), ctx), depth);
    return endpointHelper(fa, u, ctx ?? u, depth);
  } else if (u.type === 'identifier' || isMember(u)) {
    const s = fa.constString(u) ?? (isMember(u) && fa.lang === 'js' ? thisDefault(fa, u, ctx) : undefined);
    // (An empty constant is no URL: a Python f-string concatenation with run-time parts reads as "" there.)
    if (s !== undefined && s !== '') text = s;
    else if (u.type === 'identifier') {
      const b = fa.lookup(u.text, u);
      if (b?.kind === 'assign') return urlText(fa, b.value, depth + 1, ctx);
      if (b?.kind === 'param' && b.def) return urlText(fa, b.def, depth + 1, ctx);
    } else {
      // `self._api_url = f"{BASE_URL}/{self.account_id}/ai/run/{self.model_name}"`: the URL with its run-time holes.
      const w = fa.dottedAssignment(u);
      if (w) return urlText(fa, w, depth + 1, ctx);
    }
  } else if (u.type === 'binary_operator' || u.type === 'binary_expression') {
    const l = u.childForFieldName('left');
    const r = u.childForFieldName('right');
    const op = u.childForFieldName('operator')?.text;
    if (op === '+' && l && r) {
      const base = urlText(fa, l, depth + 1);
      text = urlPart(base, true) + urlPart(urlText(fa, r, depth + 1), false);
      if (!base) return withHint(splitUrl(text), baseName(l));
    } else if ((op === '??' || op === '||' || op === 'or') && r) return urlText(fa, r, depth + 1);
  } else if (u.type === 'boolean_operator') {
    const r = u.childForFieldName('right');
    if (r) return urlText(fa, r, depth + 1);
  } else if (u.type === 'call' && /(^|\.)(getenv|environ\.get)$/.test(callee(u)?.text ?? '')) {
    const d = callArgs(u)[1];
    if (d) return urlText(fa, d, depth + 1);
  }
  return text === undefined ? undefined : splitUrl(text);
}

/**
 * A string literal's text, holes filled with their constants (`\uFFFF` for a run-time part); `subst` gives a
 * parameter's value (an endpoint helper read with its call's argument), `ctx` the call whose class gives `this.…`.
 */
function stringText(fa: FileAnalyzer, u: Node, ctx: Node | undefined, subst?: { readonly name: string; readonly value: string | undefined }): string {
  // `f"{base}/v1/text-to-speech/{voice}/stream-input" f"?model_id={model}"`: Python joins adjacent literals.
  if (u.type === 'concatenated_string') return u.namedChildren.map((c) => (c && isStringNode(c) ? stringText(fa, c, ctx, subst) : '\uFFFF')).join('');
  let text = '';
  let origin = false;
  for (const c of u.namedChildren) {
    if (!c) continue;
    if (c.type === 'interpolation' || c.type === 'template_substitution') {
      const e = c.namedChildren.find((x) => x !== null);
      let v: string | undefined;
      if (e && subst && unwrap(e).type === 'identifier' && unwrap(e).text === subst.name) v = subst.value;
      else if (e) v = fa.constString(e) ?? (subst && isMember(unwrap(e)) && fa.lang === 'js' ? thisDefault(fa, unwrap(e), ctx) : undefined) ?? (fa.lang === 'js' ? fa.pagePathOf(e, 0) : undefined) ?? (text === '' ? baseOrigin(fa, e) : undefined);
      text += v ?? '\uFFFF';
      // A base written without its trailing `/` that the code adds at run time (`if (!base.endsWith("/")) base += "/"`).
      origin = v !== undefined && /^https?:\/\/[^/?#]+$/.test(v);
      continue;
    } else if (c.type === 'string_content' || c.type === 'string_fragment') text += (origin && /^[\w-]/.test(c.text) ? '/' : '') + c.text;
    origin = false;
  }
  return text;
}

function withHint(url: UrlText, hint: string | undefined): UrlText {
  return hint && !url.host ? { ...url, hint } : url;
}

/**
 * The base a template starts with when it is a variable the file sets to a URL in one of its branches
 * (`const baseUrl = proxy ? body.reverse_proxy : 'https://api.anthropic.com/v1'`, then `${baseUrl}/messages`): the
 * branch that shows a host, as `urlText` reads a conditional.
 */
function baseOrigin(fa: FileAnalyzer, e: Node): string | undefined {
  const u = unwrap(e);
  if (u.type !== 'identifier') return undefined;
  const t = urlText(fa, u, 6);
  return t?.host ? `https://${t.host}${t.path}` : undefined;
}

/** `https://host/path?q` → host and path; a text without a scheme is a path (a leading run-time part dropped). */
function splitUrl(text: string): UrlText {
  const q = /\?[^#]*/.exec(text)?.[0];
  const query = q ? { query: q } : {};
  const m = /^(?:https?|wss?):\/\/([^/\uFFFF?#]+)([^?#]*)/.exec(text);
  if (m) return { host: m[1], path: (m[2] ?? '').replace(/\uFFFF/g, '{}'), ...query };
  const path = text.replace(/^\uFFFF/, '').replace(/\uFFFF/g, '{}');
  return { path: path.replace(/[?#].*$/, ''), ...(text.startsWith('\uFFFF') ? { based: true } : {}), ...query };
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

/**
 * `new URL(path, base)`: the path resolved against the base (a relative path joins the base's path, as API clients
 * write their bases with a trailing `/`). `pathNode` replaces the first argument (an endpoint helper's parameter);
 * `ctx` is the call whose class supplies `this.…` defaults. A base not visible leaves a `relative` path.
 */
function newUrl(fa: FileAnalyzer, u: Node, pathNode: Node | undefined, ctx: Node | undefined, depth: number): { host?: string; path: string; relative?: boolean } | undefined {
  const ctor = u.childForFieldName('constructor');
  if (ctor?.text !== 'URL') return undefined;
  const [a0, a1] = callArgs(u);
  const p = pathNode ?? a0;
  if (!p) return undefined;
  const rel = urlText(fa, p, depth + 1, ctx);
  if (!rel || rel.host || !a1) return rel;
  const base = urlText(fa, a1, depth + 1, ctx);
  if (rel.path.startsWith('/')) return base?.host ? { host: base.host, path: rel.path } : { path: rel.path, relative: true };
  if (!base?.host) return { path: `{}/${rel.path}`, relative: true };
  return { host: base.host, path: `${base.path.replace(/\/$/, '')}/${rel.path}` };
}

/**
 * An endpoint helper of the file: `this._getEndpoint("chat/completions")` / `getEndpoint("api/chat")`, a method of
 * the class (or a base class in the file) or a function whose `return new URL(param, base)` takes the path from
 * its parameter. The URL is that return read with the call's argument as the path.
 */
function endpointHelper(fa: FileAnalyzer, call: Node, ctx: Node, depth: number): { host?: string; path: string; relative?: boolean } | undefined {
  const fn = callee(call);
  const arg = callArgs(call)[0];
  if (!fn || depth > 3) return undefined;
  let def: Node | undefined;
  if (isMember(fn) && unwrap(fn.childForFieldName('object') ?? fn).type === 'this') {
    const cls = fa.enclosingClass(call);
    const name = fn.childForFieldName('property')?.text;
    const b = cls && name ? fa.classAttrBindings(cls, name).find((x) => x.kind === 'func') : undefined;
    def = b?.kind === 'func' ? b.node : undefined;
  } else if (fn.type === 'identifier') {
    const b = fa.lookup(fn.text, fn);
    def = b?.kind === 'func' ? b.node : undefined;
  }
  if (!def) return undefined;
  const params = def.childForFieldName('parameters')?.namedChildren ?? [];
  const first = params[0];
  const pname = (first?.childForFieldName('pattern') ?? first?.childForFieldName('name') ?? first)?.text;
  const body = def.childForFieldName('body');
  if (!body) return undefined;
  if (!arg || !pname) {
    // `this._getEmbedEndpoint()`: a helper without parameters is read at its final `return new URL(…)`.
    if (arg || first) return undefined;
    const last = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').pop();
    const v = last?.type === 'return_statement' && last.namedChildren[0] ? unwrap(last.namedChildren[0]) : undefined;
    return v?.type === 'new_expression' ? newUrl(fa, v, undefined, ctx, depth + 1) : undefined;
  }
  // Only a return whose URL path is the parameter itself: a helper that rewrites the path (Azure deployments) is not read.
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.type === 'return_statement') {
      let v = n.namedChildren[0] ? unwrap(n.namedChildren[0]) : undefined;
      // `const url = new URL(endpoint, apiBase); … return url;`
      if (v?.type === 'identifier') {
        const b = fa.lookup(v.text, v);
        v = b?.kind === 'assign' ? unwrap(b.value) : v;
      }
      if (v?.type === 'new_expression' && unwrap(callArgs(v)[0] ?? v).text === pname) return newUrl(fa, v, arg, ctx, depth + 1);
      // `return \`${this.apiBase}/ml/v1/text/${endpoint}_stream?version=…\``: the template read with the argument.
      if (v && isStringNode(v) && stringParts(v).holes.some((h) => unwrap(h.namedChildren.find((x) => x !== null) ?? h).text === pname)) {
        return splitUrl(stringText(fa, v, ctx, { name: pname, value: fa.constString(arg) }));
      }
      continue;
    }
    if (FUNCTION_TYPES.has(n.type) && n !== body) continue;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

/**
 * A `this.x` read as the literal in the class's `static defaultOptions = { x: "…" }` (or a base class's in the file):
 * the default that `this.x` takes unless configured (`apiBase`, `model`). `ctx` is the call whose class is looked at.
 */
export function thisDefault(fa: FileAnalyzer, member: Node, ctx?: Node): string | undefined {
  const node = thisDefaultNode(fa, member, ctx);
  return node ? fa.constString(node) : undefined;
}

function thisDefaultNode(fa: FileAnalyzer, member: Node, ctx?: Node, anyObject = false): Node | undefined {
  const obj = member.childForFieldName('object');
  const key = member.childForFieldName('property')?.text;
  if (!obj || (unwrap(obj).type !== 'this' && !anyObject) || !key) return undefined;
  let classes = [fa.enclosingClass(ctx ?? member)].filter((c): c is Node => c !== undefined);
  for (let level = 0; level < 3 && classes.length; level++) {
    for (const cls of classes) {
      for (const f of cls.childForFieldName('body')?.namedChildren ?? []) {
        if (!f || (f.type !== 'public_field_definition' && f.type !== 'field_definition')) continue;
        const name = f.childForFieldName('name') ?? f.childForFieldName('property');
        const value = f.childForFieldName('value');
        if (name?.text !== 'defaultOptions' || !value || unwrap(value).type !== 'object') continue;
        const hit = fa.objectKey(unwrap(value), [key]);
        if (hit) return hit;
      }
      // `constructor(config) { super({ ...config, apiBase: config.apiBase ?? DEEPSEEK_API_BASE }) }`: the value handed
      // to the base class (imported) that stores it.
      const ctor = cls.childForFieldName('body')?.namedChildren.find((m) => m?.type === 'method_definition' && m.childForFieldName('name')?.text === 'constructor');
      const stack: Node[] = ctor?.childForFieldName('body') ? [ctor.childForFieldName('body') as Node] : [];
      while (stack.length) {
        const n = stack.pop() as Node;
        // `this.endpoint = "https://api.deepgram.com/v1/listen"` in the constructor: a literal default.
        if (n.type === 'assignment_expression' && !anyObject) {
          const l = n.childForFieldName('left');
          const r = n.childForFieldName('right');
          if (l && r && isMember(l) && unwrap(l.childForFieldName('object') ?? l).type === 'this' && l.childForFieldName('property')?.text === key && isStringNode(unwrap(r))) return r;
        }
        if (isCall(n) && callee(n)?.type === 'super') {
          const a0 = callArgs(n)[0];
          const hit = a0 && unwrap(a0).type === 'object' ? fa.objectKey(unwrap(a0), [key]) : undefined;
          const h = hit ? unwrap(hit) : undefined;
          if (h?.type === 'binary_expression' && /^(\?\?|\|\|)$/.test(h.childForFieldName('operator')?.text ?? '')) return h.childForFieldName('right') ?? undefined;
          if (h) return h;
          continue;
        }
        if (FUNCTION_TYPES.has(n.type)) continue;
        for (const c of n.namedChildren) if (c) stack.push(c);
      }
    }
    classes = classes.flatMap((c) => fa.localBaseClasses(c));
  }
  return undefined;
}

/** A fetch `init` / axios config that carries a body (or one not visible here). */
function initSendsBody(fa: FileAnalyzer, opts: Node): boolean {
  const o = fa.resolveObject(opts);
  if (!o) return true;
  return fa.objectKey(o, ['body', 'data', 'json']) !== undefined || o.namedChildren.some((c) => c?.type === 'spread_element');
}

/** How a transport wrapper passes its parameters on: the URL's index, and the init's or the body's. */
interface Wrapper {
  readonly urlIndex: number;
  readonly initIndex?: number;
  readonly bodyIndex?: number;
}
const FETCH_LIKE = new Set([...FETCH_NAMES, 'axios']);
const wrapperCache = new WeakMap<FileAnalyzer, Map<number, Wrapper | null>>();

/** The function or method (of the class or a base class in the file) a call calls, when it is written in this file. */
function localCallee(fa: FileAnalyzer, call: Node): Node | undefined {
  const fn = callee(call);
  if (!fn) return undefined;
  if (isMember(fn) && unwrap(fn.childForFieldName('object') ?? fn).type === 'this') {
    const cls = fa.enclosingClass(call);
    const name = fn.childForFieldName('property')?.text;
    const b = cls && name ? fa.classAttrBindings(cls, name).find((x) => x.kind === 'func') : undefined;
    return b?.kind === 'func' ? b.node : undefined;
  }
  if (fn.type !== 'identifier') return undefined;
  const b = fa.lookup(fn.text, fn);
  return b?.kind === 'func' ? b.node : undefined;
}

/** The parameter names of a function, in order (`undefined` for a destructured one). */
function paramNames(def: Node): (string | undefined)[] {
  return (def.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => p !== null && p.type !== 'comment').map((p) => {
    const id = p.type === 'identifier' ? p : (p.childForFieldName('pattern') ?? p.childForFieldName('name'));
    return id?.type === 'identifier' ? id.text : undefined;
  });
}

/**
 * A transport wrapper: a function or method of the file (`fetchChatResponse(url, body, …)`, `this.request(url, init)`)
 * whose body calls `fetch`/`axios`/… with one of its parameters as the URL, and sends either another parameter as
 * the init or a body made from one (`body: JSON.stringify(body)`). Calls of it are raw HTTP calls.
 */
function transportWrapper(fa: FileAnalyzer, call: Node): Wrapper | undefined {
  const def = localCallee(fa, call);
  if (!def) return undefined;
  let cache = wrapperCache.get(fa);
  if (!cache) wrapperCache.set(fa, (cache = new Map()));
  const hit = cache.get(def.id);
  if (hit !== undefined) return hit ?? undefined;
  cache.set(def.id, null);
  const params = paramNames(def);
  const body = def.childForFieldName('body');
  if (!body || !params.some(Boolean)) return undefined;
  const indexOf = (n: Node | undefined): number => (n && unwrap(n).type === 'identifier' ? params.indexOf(unwrap(n).text) : -1);
  const stack: Node[] = [body];
  let budget = 3000;
  while (stack.length && budget-- > 0) {
    const n = stack.pop() as Node;
    if (isCall(n)) {
      const fn = callee(n);
      const nm = fn ? (isMember(fn) ? fn.childForFieldName('property')?.text : fn.text) : undefined;
      const [a0, a1] = callArgs(n);
      const urlIndex = indexOf(a0);
      if (nm && FETCH_LIKE.has(nm) && urlIndex >= 0 && a1) {
        let initIndex = indexOf(a1);
        // `fetch(url, { ...init, headers })`: the init spread into the one written here.
        if (initIndex < 0 && unwrap(a1).type === 'object') {
          const spread = unwrap(a1).namedChildren.find((c) => c?.type === 'spread_element' && indexOf(c.namedChildren[0] ?? undefined) >= 0);
          if (spread) initIndex = indexOf(spread.namedChildren[0] ?? undefined);
        }
        let w: Wrapper | undefined;
        if (initIndex >= 0) w = { urlIndex, initIndex };
        else {
          const o = fa.resolveObject(a1);
          const sent = o ? fa.objectKey(o, ['body', 'data', 'json']) : undefined;
          const used = sent ? params.findIndex((p, i) => p !== undefined && i !== urlIndex && new RegExp(`(?<![\\w$.])${p.replace(/\$/g, '\\$')}(?![\\w$])`).test(sent.text)) : -1;
          if (used >= 0) w = { urlIndex, bodyIndex: used };
        }
        if (w) {
          cache.set(def.id, w);
          return w;
        }
      }
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

/** The names of the file's transport wrappers (JS), found from the fetch-like calls that pass a parameter as the URL. */
export function transportWrapperNames(fa: FileAnalyzer): string[] {
  const out = new Set<string>();
  const re = new RegExp(String.raw`(?<![\w$])(${JS_FETCH_ALT}|axios)\s*${JS_TYPE_ARGS}\(`, 'g');
  for (let m = re.exec(fa.text); m; m = re.exec(fa.text)) {
    const node = fa.root.descendantForIndex(m.index, m.index + (m[1] ?? '').length);
    if (!node) continue;
    let fn: Node | undefined;
    for (const a of fa.ancestors(node)) {
      if (FUNCTION_TYPES.has(a.type)) {
        fn = a;
        break;
      }
    }
    if (!fn) continue;
    let nameNode = fn.childForFieldName('name');
    if (!nameNode) {
      const parent = fa.ancestors(fn)[0];
      if (parent?.type === 'variable_declarator') nameNode = parent.childForFieldName('name');
      else if (parent?.type === 'pair') nameNode = parent.childForFieldName('key');
    }
    const name = nameNode?.text;
    if (!name || !/^[A-Za-z_$][\w$]*$/.test(name) || FETCH_LIKE.has(name) || name === 'post' || name === 'request') continue;
    const names = paramNames(fn);
    const call = fa.ancestors(node).find((a) => isCall(a));
    const a0 = call ? callArgs(call)[0] : undefined;
    if (a0 && unwrap(a0).type === 'identifier' && names.includes(unwrap(a0).text)) out.add(name);
  }
  return [...out];
}
