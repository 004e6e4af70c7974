/**
 * Shell call sites: `curl` (and `wget`, HTTPie, `xh`) commands that POST a body to a provider's inference endpoint,
 * in shell scripts and in notebooks' `%%bash` cells and `!` lines. The provider comes from the host, the API from the
 * path (`HTTP_ENDPOINTS`, the same table as raw HTTP in Python and JS), the model from the JSON body or the URL path
 * (`/models/gemini-2.0-flash:generateContent`), and `$VAR` / `${VAR}` from assignments earlier in the same text or
 * from the {@link OuterScope} (a notebook's exported environment or Python variables).
 *
 * Requests on the same hosts that do not run a model (file uploads, `:countTokens`, `cachedContents`, model listing,
 * `GET`/`DELETE`/`PATCH`) match no inference endpoint or send no body, so they are not sites.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { CallSite, LoopContext, ModelRef, Provider, Range } from '../../types';
import { matchEndpoint, type HTTP_ENDPOINTS } from '../catalog/params';
import { providerOfUrl } from '../analyzer/rawHttp';
import { canonicalModel } from '../analyzer/models';
import { commentFlags } from '../context';
import { modelAt, readBody, type FoundModel } from './body';
import { readRequest, type ShellRequest } from './requests';
export { SHELL_CLIENT_RE } from './requests';
import { expandWord, joinSegments, UNKNOWN, type Assignment, type OuterScope, type Segment, type WordContext } from './words';

export interface ShellInput {
  readonly path: string;
  /** The shell text; in a notebook, padded with empty lines so that rows are the cell's rows. */
  readonly text: string;
  readonly tree: Tree;
  readonly outer?: OuterScope;
  /** An IPython `!` line (`{expr}` and `$name` are Python first). */
  readonly ipython?: boolean;
  /** Notebook: the cell index. */
  readonly cell?: number;
}

/** Every inference request the shell text makes. */
export function shellSites(input: ShellInput): CallSite[] {
  const assignments = collectAssignments(input.tree.rootNode);
  const ctx: WordContext = { text: input.text, assignments, ...(input.outer ? { outer: input.outer } : {}), ...(input.ipython ? { ipython: true } : {}) };
  const out: CallSite[] = [];
  const lines = input.text.split('\n');
  const visit = (n: Node, ancestors: Node[]): void => {
    if (n.type === 'command') {
      const site = commandSite(input, ctx, n, ancestors, lines);
      if (site) out.push(site);
    }
    const next = [n, ...ancestors];
    for (const c of n.namedChildren) if (c) visit(c, next);
  };
  visit(input.tree.rootNode, []);
  return out;
}

/** `NAME=value` anywhere (also `export`/`local`/`declare`/`readonly`), `${NAME:=default}`, `for NAME in …`, `read NAME`. */
function collectAssignments(root: Node): Map<string, Assignment[]> {
  const map = new Map<string, Assignment[]>();
  const add = (a: Assignment): void => {
    const l = map.get(a.name);
    if (l) l.push(a);
    else map.set(a.name, [a]);
  };
  const walk = (n: Node): void => {
    if (n.type === 'variable_assignment') {
      const name = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      if (name?.type === 'variable_name') add({ name: name.text, ...(value ? { value } : {}), start: n.startIndex, end: n.endIndex });
    } else if (n.type === 'expansion') {
      const m = /^\$\{([A-Za-z_]\w*):?=([\s\S]*)\}$/.exec(n.text);
      if (m?.[1]) add({ name: m[1], defaultText: (m[2] ?? '').replace(/^["']|["']$/g, ''), start: n.startIndex, end: n.endIndex });
    } else if (n.type === 'for_statement') {
      const v = n.childForFieldName('variable');
      if (v) add({ name: v.text, unknown: true, start: n.startIndex, end: v.endIndex });
    } else if (n.type === 'command' && n.childForFieldName('name')?.text === 'read') {
      for (const a of n.namedChildren.slice(1)) if (a?.type === 'word' && /^[A-Za-z_]\w*$/.test(a.text)) add({ name: a.text, unknown: true, start: n.startIndex, end: n.endIndex });
    }
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(root);
  return map;
}

/** The site a command is, or undefined. */
function commandSite(input: ShellInput, ctx: WordContext, command: Node, ancestors: readonly Node[], lines: readonly string[]): CallSite | undefined {
  const nameNode = command.childForFieldName('name');
  if (!nameNode || !/(^|\/)(curl|wget|https?|xhs?)$/.test(nameNode.text)) return undefined;
  const { stdin, piped } = standardInput(ctx, command, ancestors);
  const req = readRequest(ctx, command, stdin, piped, cutOffArguments(command));
  if (!req || req.method !== 'POST' || !req.hasBody) return undefined;
  for (const url of req.urls) {
    const target = endpointOf(url);
    if (target) return toSite(input, command, nameNode, ancestors, lines, req, target);
  }
  return undefined;
}

/**
 * `curl https://…?alt=sse&key=$KEY \\ -H … -d '…'`: an unquoted `&` in a URL makes the shell run `curl https://…?alt=sse`
 * in the background and the rest (`key=$KEY -H … -d …`) as another command. The script means one request (the
 * Gemini REST samples are written so), so the words after the `&` are the command's: when the `&` touches the URL and
 * the next command starts, right after it, with a `name=value` assignment, its words are returned (and so on for
 * `&a=1&b=2`).
 */
function cutOffArguments(command: Node): Node[] {
  const out: Node[] = [];
  let cur: Node = command;
  for (let guard = 0; guard < 8; guard++) {
    const amp = cur.nextSibling;
    let next = amp?.nextSibling ?? null;
    // The rest may be piped or redirected (`… -d '…' | grep text`): its first command.
    while (next && (next.type === 'pipeline' || next.type === 'redirected_statement' || next.type === 'list')) next = next.firstNamedChild;
    if (!amp || amp.type !== '&' || amp.startIndex !== cur.endIndex || !next || next.type !== 'command' || next.startIndex !== amp.endIndex) break;
    if (next.firstNamedChild?.type !== 'variable_assignment') break;
    const name = next.childForFieldName('name');
    if (name) out.push(name.firstNamedChild ?? name);
    out.push(...next.childrenForFieldName('argument').filter((c): c is Node => c !== null));
    cur = next;
  }
  return out;
}

interface Target {
  readonly provider: Provider;
  readonly api: (typeof HTTP_ENDPOINTS)[number]['api'];
  readonly hostKnown: boolean;
  readonly stream: boolean;
  readonly urlModel?: FoundModel;
}

/** The inference endpoint a URL names, with its provider, or undefined. */
export function endpointOf(url: readonly Segment[]): Target | undefined {
  const text = joinSegments(url);
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#]*)([^?#]*)(\?[^#]*)?/i.exec(text);
  if (!m) return undefined;
  const scheme = m[1] ?? 'https';
  let authority = m[2] ?? '';
  let path = m[3] ?? '';
  const query = m[4] ?? '';
  // HTTPie's `:11434/api/chat` is localhost.
  if (authority.startsWith(':')) authority = `localhost${authority}`;
  let hostKnown = authority.length > 0 && !authority.includes(UNKNOWN);
  if (!hostKnown && authority.includes(UNKNOWN)) {
    // `https://${ENDPOINT}:generateContent`: what follows the run-time part may be the endpoint.
    const host = authority.replace(new RegExp(UNKNOWN, 'g'), 'x');
    const partial = /[a-z0-9-]+\.[a-z]{2,}(:\d+)?$/i.test(host) ? providerOfUrl(`${scheme}://${host}`) : undefined;
    if (partial && partial !== 'other') {
      authority = host;
      hostKnown = true;
    } else {
      path = authority.slice(authority.lastIndexOf(UNKNOWN)) + path;
      authority = '';
    }
  }
  const cleanPath = path.replace(new RegExp(UNKNOWN, 'g'), '{}');
  const ep = matchEndpoint(cleanPath, hostKnown ? authority : undefined);
  if (!ep) return undefined;
  let provider: Provider | undefined = hostKnown ? providerOfUrl(`${scheme.replace(/^ws/, 'http')}://${authority}`) : ep.provider;
  // A host we cannot see: only an unmistakable endpoint path counts (as for raw HTTP in code).
  if (!provider && /\/v1\/(chat\/completions|messages|responses|embeddings)$/.test(cleanPath)) provider = cleanPath.endsWith('/v1/messages') ? 'anthropic' : 'other';
  if (!provider) return undefined;
  const urlModel = modelInUrl(url, text);
  return { provider, api: ep.api, hostKnown, stream: /stream/i.test(cleanPath) || /[?&]alt=sse\b/.test(query) || /[?&]stream=true\b/.test(query), ...(urlModel ? { urlModel } : {}) };
}

/** `…/models/gemini-2.0-flash:generateContent`, Bedrock `…/model/<id>/invoke`. */
function modelInUrl(url: readonly Segment[], text: string): FoundModel | undefined {
  const m = /\/models\/([^/:?#]+):|\/model\/([^/?#]+)\/(?:invoke|converse)/.exec(text);
  if (!m) return undefined;
  const id = m[1] ?? m[2] ?? '';
  const start = m.index + m[0].indexOf(id);
  const found = modelAt(url, start, start + id.length);
  return found.id ? { ...found, id: safeDecode(found.id) } : found;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * What a command reads on standard input: a here-document or here-string of its own, or the output of the command
 * before it in a pipeline (`cat <<EOF | curl -d @- …`, `echo '{…}' | curl …`).
 */
function standardInput(ctx: WordContext, command: Node, ancestors: readonly Node[]): { stdin?: Segment[]; piped: boolean } {
  const here = command.namedChildren.find((c) => c?.type === 'herestring_redirect');
  if (here) {
    const v = here.namedChildren.find((c) => c !== null);
    return { stdin: v ? expandWord(ctx, v) : [{ text: UNKNOWN }], piped: false };
  }
  const parent = ancestors[0];
  if (parent?.type === 'redirected_statement') {
    const doc = parent.namedChildren.find((c) => c?.type === 'heredoc_redirect');
    if (doc) return { stdin: heredocText(ctx, doc), piped: false };
  }
  // A pipeline: the command before this one. (`cat <<EOF | curl` is parsed with the pipe inside the heredoc.)
  const pipeHost = parent?.type === 'pipeline' ? parent : parent?.type === 'heredoc_redirect' ? parent : undefined;
  if (!pipeHost) return { piped: false };
  if (pipeHost.type === 'heredoc_redirect') return { stdin: heredocText(ctx, pipeHost), piped: true };
  const idx = pipeHost.namedChildren.findIndex((c) => c?.id === command.id || (c !== null && c.startIndex <= command.startIndex && command.endIndex <= c.endIndex));
  const prev = idx > 0 ? pipeHost.namedChildren[idx - 1] : undefined;
  // `cat <<EOF | curl -d @- …` is parsed with the pipeline inside the here-document's redirect: the document is the input.
  const outerDoc = ancestors[1];
  if (idx === 0 && outerDoc?.type === 'heredoc_redirect') return { stdin: heredocText(ctx, outerDoc), piped: true };
  if (!prev) return { piped: false };
  const prevCmd = prev.type === 'command' ? prev : prev.namedChildren.find((c) => c?.type === 'command');
  if (prevCmd?.childForFieldName('name')?.text === 'echo' || prevCmd?.childForFieldName('name')?.text === 'printf') {
    const words = prevCmd.namedChildren.slice(1).filter((c): c is Node => !!c && !/^-/.test(c.text));
    return { stdin: words.flatMap((w, i) => [...(i ? [{ text: ' ' }] : []), ...expandWord(ctx, w)]), piped: true };
  }
  const doc = prev.type === 'redirected_statement' ? prev.namedChildren.find((c) => c?.type === 'heredoc_redirect') : undefined;
  return doc ? { stdin: heredocText(ctx, doc), piped: true } : { stdin: [{ text: UNKNOWN }], piped: true };
}

/** A here-document's body; a quoted delimiter (`<<'EOF'`) means no expansion. */
function heredocText(ctx: WordContext, doc: Node): Segment[] {
  const body = doc.namedChildren.find((c) => c?.type === 'heredoc_body');
  if (!body) return [{ text: '' }];
  const start = doc.namedChildren.find((c) => c?.type === 'heredoc_start')?.text ?? '';
  if (/^["'\\]/.test(start)) return [{ text: body.text }];
  return expandWord(ctx, body);
}

function toSite(input: ShellInput, command: Node, nameNode: Node, ancestors: readonly Node[], lines: readonly string[], req: ShellRequest, target: Target): CallSite {
  const range = rangeOf(command);
  const facts = readBody(req.body, req.items, range);
  const found = facts.model?.id ? facts.model : target.urlModel ?? facts.model;
  const model: ModelRef = found?.id
    ? { id: found.id, canonical: canonicalModel(found.id), resolution: found.resolution }
    : { id: null, canonical: null, resolution: found?.resolution ?? { kind: 'unknown', expression: '' } };
  const nameRow = nameNode.startPosition.row;
  const line = nameRow + 1;
  const flags = commentFlags((row) => lines[row] ?? '', command.startPosition.row, nameRow);
  const fn = ancestors.find((a) => a.type === 'function_definition')?.childForFieldName('name')?.text;
  const stream = target.stream || facts.params.stream === true;
  return {
    id: `${input.path}#${line}:${req.tool}${input.cell !== undefined ? `#${input.cell}` : ''}`,
    file: input.path,
    range,
    line,
    ...(input.cell !== undefined ? { cell: input.cell } : {}),
    provider: target.provider,
    via: 'http',
    api: target.api,
    method: req.tool,
    model,
    stream,
    params: stream ? { ...facts.params, stream: true } : facts.params,
    prompt: facts.prompt,
    loops: loopsOf(ancestors),
    confidence: model.id !== null && target.hostKnown ? 'high' : 'medium',
    ...(fn ? { enclosingFunction: fn } : {}),
    ...(flags.ignored ? { ignored: true } : {}),
    ...(flags.annotation ? { annotation: { text: flags.annotation.text, line: flags.annotation.row + 1 } } : {}),
  };
}

function rangeOf(n: Node): Range {
  return { start: { line: n.startPosition.row, character: n.startPosition.column }, end: { line: n.endPosition.row, character: n.endPosition.column } };
}

/** Enclosing `for` / `while` / `until` loops, innermost first, up to the enclosing function. */
function loopsOf(ancestors: readonly Node[]): LoopContext[] {
  const out: LoopContext[] = [];
  for (const a of ancestors) {
    if (a.type === 'function_definition') break;
    if (a.type === 'for_statement') {
      const values = a.childrenForFieldName('value').filter((v): v is Node => v !== null);
      // `for q in a 'b' "c"`: a visible count; an expansion or a glob may stand for any number of values.
      const literal = values.length > 0 && values.every((v) => v.type === 'raw_string' || v.type === 'number' || (v.type === 'word' && !/[*?[]/.test(v.text)) || (v.type === 'string' && v.namedChildren.every((c) => c?.type === 'string_content')));
      out.push({ kind: 'for', ...(literal ? { bound: values.length } : {}), range: rangeOf(a) });
    } else if (a.type === 'c_style_for_statement') out.push({ kind: 'for', range: rangeOf(a) });
    else if (a.type === 'while_statement') {
      const cond = a.childForFieldName('condition')?.text.trim() ?? '';
      out.push({ kind: 'while', ...(/^(true|:)$/.test(cond.replace(/;$/, '')) ? { unbounded: true } : {}), range: rangeOf(a) });
    }
  }
  return out;
}
