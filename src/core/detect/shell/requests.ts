/**
 * The HTTP request a shell command line makes: `curl`, `wget`, HTTPie (`http`/`https`) and `xh`, read from their
 * documented options. Only what decides whether the request can be an inference call is kept: the method, the URL
 * arguments and the body (inline text, a file, standard input, or form fields).
 *
 * Sources: curl(1) 8.x "OPTIONS" (https://curl.se/docs/manpage.html), GNU Wget 1.21 manual "HTTP Options",
 * HTTPie 3.2 docs "Request items" (https://httpie.io/docs/cli/request-items), xh 0.22 README; checked 2026-12.
 */
import type { Node } from 'web-tree-sitter';
import { expandWord, joinSegments, UNKNOWN, type Segment, type WordContext } from './words';

/** What a command sends. */
export interface ShellRequest {
  /** `curl`, `wget`, `http`, … as written. */
  readonly tool: string;
  /** Upper-case HTTP method the command uses. */
  readonly method: string;
  /** Every URL argument, expanded. */
  readonly urls: readonly Segment[][];
  /** True when the command sends a request body (inline, file, stdin or form). */
  readonly hasBody: boolean;
  /** The body text when visible (inline data, a heredoc or here-string on stdin), expanded. */
  readonly body?: Segment[];
  /** HTTPie/xh `key=value` / `key:=json` items. */
  readonly items?: readonly { readonly key: string; readonly value: Segment[]; readonly json: boolean }[];
}

/** Command names that can make a request this module reads (a cheap text test before parsing). */
export const SHELL_CLIENT_RE = /(?:^|[\s;&|(`!/])(?:curl|wget|https?|xhs?)(?=[\s\\]|$)/m;

/** Short curl options that take a value (`-X POST`, `-XPOST`, `-sSo file`). */
const CURL_SHORT_WITH_VALUE = new Set('bcdDeEFHKmoQrTuUwxXyYzAtP'.split(''));
/** Long curl options that take a value (the ones without a value need not be listed). */
const CURL_LONG_WITH_VALUE = new Set([
  'data', 'data-raw', 'data-binary', 'data-ascii', 'data-urlencode', 'json', 'form', 'form-string', 'header', 'request', 'output',
  'user', 'user-agent', 'referer', 'cookie', 'cookie-jar', 'config', 'max-time', 'connect-timeout', 'retry', 'retry-delay',
  'retry-max-time', 'write-out', 'proxy', 'url', 'upload-file', 'cacert', 'capath', 'cert', 'cert-type', 'key', 'key-type', 'resolve',
  'limit-rate', 'range', 'oauth2-bearer', 'aws-sigv4', 'variable', 'dump-header', 'trace', 'trace-ascii', 'stderr', 'interface',
  'max-filesize', 'max-redirs', 'output-dir', 'proto', 'proto-redir', 'keepalive-time', 'speed-limit', 'speed-time', 'unix-socket',
  'abstract-unix-socket', 'connect-to', 'dns-servers', 'expect100-timeout', 'happy-eyeballs-timeout-ms', 'parallel-max', 'proxy-user',
  'request-target', 'sasl-authzid', 'service-name', 'socks5', 'socks5-hostname', 'time-cond', 'tls-max', 'ciphers', 'local-port', 'url-query',
]);
const CURL_BODY_LONG = new Set(['data', 'data-raw', 'data-binary', 'data-ascii', 'data-urlencode', 'json', 'form', 'form-string', 'upload-file']);

/**
 * The request of a command, or undefined when the command is not an HTTP client this module reads. `more`: argument
 * nodes that belong to the command although the shell cut them off (see `analyze.ts`, an unquoted `&` in a URL).
 */
export function readRequest(ctx: WordContext, command: Node, stdin: Segment[] | undefined, piped: boolean, more: readonly Node[] = []): ShellRequest | undefined {
  const nameNode = command.childForFieldName('name');
  const tool = nameNode ? baseName(joinSegments(expandWord(ctx, nameNode.firstNamedChild ?? nameNode))) : '';
  const args = [...command.childrenForFieldName('argument').filter((c): c is Node => c !== null), ...more];
  switch (tool) {
    case 'curl':
      return readCurl(ctx, tool, args, stdin, piped);
    case 'wget':
      return readWget(ctx, tool, args);
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      return readHttpie(ctx, tool, args, stdin, piped);
    default:
      return undefined;
  }
}

function baseName(s: string): string {
  const i = s.lastIndexOf('/');
  return i < 0 ? s : s.slice(i + 1);
}

interface Collected {
  method?: string;
  urls: Segment[][];
  hasBody: boolean;
  body?: Segment[];
  upload?: boolean;
  head?: boolean;
  get?: boolean;
}

function readCurl(ctx: WordContext, tool: string, args: readonly Node[], stdin: Segment[] | undefined, piped: boolean): ShellRequest {
  const c: Collected = { urls: [], hasBody: false };
  const take = (i: number): Segment[] => (args[i] ? expandWord(ctx, args[i] as Node) : [{ text: UNKNOWN }]);
  for (let i = 0; i < args.length; i++) {
    const seg = take(i);
    const text = joinSegments(seg);
    if (text.startsWith('--') && text.length > 2) {
      const opt = text.slice(2);
      if (opt === 'get') c.get = true;
      else if (opt === 'head') c.head = true;
      if (!CURL_LONG_WITH_VALUE.has(opt)) continue;
      const value = take(++i);
      curlOption(c, opt, value, stdin, piped);
    } else if (/^-[A-Za-z0-9#:]/.test(text)) {
      // Short options may be grouped (`-sSL`, `-sSo file`, `-XPOST`): the first one that takes a value ends the group.
      for (let k = 1; k < text.length; k++) {
        const ch = text[k] ?? '';
        if (ch === 'G') c.get = true;
        if (ch === 'I') c.head = true;
        if (!CURL_SHORT_WITH_VALUE.has(ch)) continue;
        const rest = text.slice(k + 1);
        const value = rest ? [{ text: rest }] : take(++i);
        curlOption(c, ch, value, stdin, piped);
        break;
      }
    } else c.urls.push(seg);
  }
  const method = c.method ?? (c.head ? 'HEAD' : c.get ? 'GET' : c.upload ? 'PUT' : c.hasBody ? 'POST' : 'GET');
  return { tool, method, urls: c.urls, hasBody: c.hasBody && !c.get, ...(c.body ? { body: c.body } : {}) };
}

function curlOption(c: Collected, opt: string, value: Segment[], stdin: Segment[] | undefined, piped: boolean): void {
  if (opt === 'X' || opt === 'request') c.method = joinSegments(value).toUpperCase();
  else if (opt === 'url') c.urls.push(value);
  else if (opt === 'T' || opt === 'upload-file') {
    c.upload = true;
    c.hasBody = true;
  } else if (opt === 'd' || opt === 'F' || CURL_BODY_LONG.has(opt)) {
    c.hasBody = true;
    const text = joinSegments(value);
    // `-d @file` reads a file, `-d @-` standard input (a heredoc, a here-string or a pipe).
    if (text === '@-') c.body = stdin ?? (piped ? [{ text: UNKNOWN }] : undefined);
    else if (!text.startsWith('@') && opt !== 'F' && opt !== 'form') c.body = c.body ? [...c.body, { text: '&' }, ...value] : value;
  }
}

function readWget(ctx: WordContext, tool: string, args: readonly Node[]): ShellRequest {
  const c: Collected = { urls: [], hasBody: false };
  for (let i = 0; i < args.length; i++) {
    const seg = expandWord(ctx, args[i] as Node);
    const text = joinSegments(seg);
    const m = /^--(post-data|post-file|body-data|body-file|method)(?:=([\s\S]*))?$/.exec(text);
    if (m) {
      const value = m[2] !== undefined ? seg.length === 1 ? [{ text: m[2] }] : dropPrefix(seg, text.length - m[2].length) : args[i + 1] ? expandWord(ctx, args[++i] as Node) : [{ text: UNKNOWN }];
      if (m[1] === 'method') c.method = joinSegments(value).toUpperCase();
      else {
        c.hasBody = true;
        if (m[1] === 'post-data' || m[1] === 'body-data') c.body = value;
        if (m[1]?.startsWith('post')) c.method = c.method ?? 'POST';
      }
    } else if (/^-[OoaPeiUBtTwQYlAR]$/.test(text) || /^--[a-z-]+$/.test(text) && WGET_LONG_WITH_VALUE.has(text.slice(2))) i++;
    else if (!text.startsWith('-')) c.urls.push(seg);
  }
  return { tool, method: c.method ?? 'GET', urls: c.urls, hasBody: c.hasBody, ...(c.body ? { body: c.body } : {}) };
}

const WGET_LONG_WITH_VALUE = new Set(['header', 'output-document', 'output-file', 'user-agent', 'user', 'password', 'tries', 'timeout', 'directory-prefix', 'referer', 'load-cookies', 'save-cookies']);

/** Segments without their first `n` characters. */
function dropPrefix(seg: readonly Segment[], n: number): Segment[] {
  const out: Segment[] = [];
  let skip = n;
  for (const s of seg) {
    if (skip >= s.text.length) {
      skip -= s.text.length;
      continue;
    }
    out.push(skip ? { ...s, text: s.text.slice(skip) } : s);
    skip = 0;
  }
  return out;
}

/** HTTPie / xh: `http [flags] [METHOD] URL [items]`; data items (`k=v`, `k:=json`) make it a POST. */
function readHttpie(ctx: WordContext, tool: string, args: readonly Node[], stdin: Segment[] | undefined, piped: boolean): ShellRequest | undefined {
  const words = args.map((a) => expandWord(ctx, a));
  let i = 0;
  let form = false;
  for (; i < words.length; i++) {
    const t = joinSegments(words[i] ?? []);
    if (!t.startsWith('-')) break;
    if (/^(-f|--form|--multipart)$/.test(t)) form = true;
    if (/^(-a|--auth|--session|--session-read-only|-o|--output|--timeout|--verify|--cert|--cert-key|-A|--auth-type|-p|--print|--pretty|-s|--style|--proxy|--raw)$/.test(t)) i++;
  }
  let method: string | undefined;
  const first = joinSegments(words[i] ?? []);
  if (/^[A-Z]+$/.test(first)) {
    method = first;
    i++;
  }
  const url = words[i];
  if (!url) return undefined;
  const items: { key: string; value: Segment[]; json: boolean }[] = [];
  for (const w of words.slice(i + 1)) {
    const t = joinSegments(w);
    const m = /^([^=:@\\]+)(:=@|=@|:=|==|=|:|@)/.exec(t);
    if (!m || m[2] === '==' || m[2] === ':') continue;
    items.push({ key: m[1] ?? '', value: dropPrefix(w, m[0].length), json: m[2] === ':=' });
  }
  const hasBody = items.length > 0 || stdin !== undefined || piped;
  return { tool, method: method ?? (hasBody || form ? 'POST' : 'GET'), urls: [url], hasBody, ...(stdin ? { body: stdin } : {}), items };
}
