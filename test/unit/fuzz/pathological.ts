/**
 * Pathological inputs of a given size, for the linear-time checks, plus a small timer. Each generator's expected
 * site count is known by construction (it is written into the text), never taken from the detector.
 */

/** One pathological input: a text, its path, and how many sites the text contains by construction. */
export interface Pathological {
  readonly path: string;
  readonly text: string;
  /** Sites written into the text, or undefined when the input is only about not crashing. */
  readonly sites?: number;
}

const PY_HEAD = 'from openai import OpenAI\nclient = OpenAI()\n';
const PY_CALL = 'client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])';
const TS_HEAD = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";

/**
 * The nesting generators put one level per line by default (as formatted code does), so the text is not skipped as
 * minified and really reaches the parser and the analyser; `sep = ''` gives the single-line form.
 */

/** `n` nested list brackets inside one call's messages argument (Python): the call is at the top, the nesting inside it. */
export function deepBrackets(n: number, sep = '\n'): Pathological {
  return { path: 'deep/brackets.py', text: `${PY_HEAD}r = client.chat.completions.create(model="gpt-4o-mini", messages=${`[${sep}`.repeat(n)}${`]${sep}`.repeat(n)})\n`, sites: 1 };
}

/** `n` nested objects in a TypeScript call argument: the call is at the top. */
export function deepObjects(n: number, sep = '\n'): Pathological {
  return { path: 'deep/objects.ts', text: `${TS_HEAD}await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [], metadata: ${`{ a:${sep}`.repeat(n)}1${` }${sep}`.repeat(n)} });\n`, sites: 1 };
}

/** `n` nested parentheses around one call (TypeScript): the call is at the bottom of the nesting. */
export function deepParens(n: number, sep = '\n'): Pathological {
  return { path: 'deep/parens.ts', text: `${TS_HEAD}const r = ${`(${sep}`.repeat(n)}client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })${`)${sep}`.repeat(n)};\n`, sites: 1 };
}

/** `n` nested calls `f(f(…(call)…))` (Python): the call is at the bottom of the nesting. */
export function deepCalls(n: number, sep = '\n'): Pathological {
  return { path: 'deep/calls.py', text: `${PY_HEAD}def f(x):\n    return x\n\nr = ${`f(${sep}`.repeat(n)}${PY_CALL}${`)${sep}`.repeat(n)}\n`, sites: 1 };
}

/** A notebook whose one code cell is fine but whose metadata is `n` nested JSON objects. */
export function deepNotebook(n: number): Pathological {
  const metadata = `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const cell = JSON.stringify({ cell_type: 'code', metadata: {}, outputs: [], source: [PY_HEAD, PY_CALL, '\n'] });
  return { path: 'deep/notebook.ipynb', text: `{"cells":[${cell}],"metadata":${metadata},"nbformat":4,"nbformat_minor":5}`, sites: 1 };
}

/** `lines` lines of Python with one call every 1,000 lines (the rest plain statements). */
export function manyLines(lines: number): Pathological {
  const out: string[] = [PY_HEAD.trimEnd()];
  let sites = 0;
  for (let i = out.length; i < lines; i++) {
    if (i % 1000 === 500) {
      out.push(`r${i} = ${PY_CALL}`);
      sites++;
    } else out.push(`x${i} = ${i} + 1  # plain statement`);
  }
  return { path: 'big/lines.py', text: `${out.join('\n')}\n`, sites };
}

/**
 * `lines` lines of a bundler's output: calls with pure annotations (a block comment `#__PURE__`) after commas, `model` words that are
 * no body keys, and a `fetch` (so the body-key evidence runs over it all). A lazy block-comment pattern after `,` is
 * quadratic here; the file holds no site.
 */
export function pureAnnotations(lines: number): Pathological {
  // `this.model = m` lets the file through the text pre-filter; it is no body key, so the key test reads on to the end.
  const out: string[] = ['export async function send(u, m) { this.model = m; return fetch(u); }'];
  for (let i = out.length; i < lines; i++) out.push(`export const a${i} = f(0, /*#__PURE__*/ g(model_${i}), /*#__PURE__*/ h(${i})); /* end */`);
  return { path: 'big/bundle.mjs', text: `${out.join('\n')}\n`, sites: 0 };
}

/**
 * `n` helpers that return each other's results (as semver.js does: `gt` → `compare` → `new SemVer(…).compare`), in a
 * file that imports OpenAI and calls a method chain on a helper's result, so the analyser evaluates what the helpers
 * return. Evaluated along every path this was exponential in the depth limit (20 helpers: 6 s; semver.js: no end).
 * Two sites: the client's call and the fallback path on the helper's result.
 */
export function returnChains(n: number): Pathological {
  const out = ['import OpenAI from "openai";', 'const client = new OpenAI();'];
  for (let i = 0; i < n; i++) {
    const f = (k: number): string => `f${Math.min(i + k, n)}`;
    out.push(`function f${i}(a, b) {`, `  if (a > b) return ${f(1)}(b, a);`, `  if (a < b) return ${f(2)}(a, b - 1);`, `  return ${f(3)}(a - 1, b);`, '}');
  }
  out.push(`function f${n}(a, b) { return a + b; }`);
  out.push('export async function ask() {', '  const r = f0(1, 2);', '  await r.chat.completions.create({ model: "gpt-4o-mini", messages: [] });');
  out.push('  return client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });', '}');
  return { path: 'big/helpers.js', text: `${out.join('\n')}\n`, sites: 2 };
}

/**
 * A query rebuilt `n` times under conditions (`query = query.where(…)`, as agno's Firestore store does), then
 * `query.stream()`: a name whose every binding reads the name again. The late-binding search tried each binding from
 * inside each other one, factorially (4 reassignments: 10 s; agno's file: no end). One site: the OpenAI call.
 */
export function reassignedChains(n: number): Pathological {
  const out = ['from google.cloud.firestore import FieldFilter', 'from openai import OpenAI', '', 'client = OpenAI()', '', 'def sessions(collection_ref, filters):', '    query = collection_ref'];
  for (let i = 0; i < n; i++) out.push(`    if filters.get("f${i}") is not None:`, `        query = query.where(filter=FieldFilter("f${i}", "==", filters["f${i}"]))`);
  out.push('    docs = query.stream()', '    return [d.to_dict() for d in docs]', '', 'reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])');
  return { path: 'big/store.py', text: `${out.join('\n')}\n`, sites: 1 };
}

/**
 * An event handler with `n` `elif` branches, each copying an item of a list and writing it back
 * (`item = new_output[i].copy(); new_output[i] = item`), beside a function that writes a dict's items in a loop: the
 * shape of Open WebUI's `handle_responses_streaming_event` (backend/open_webui/utils/middleware.py, f9590b80), whose
 * 5,669-line file took over five minutes (container lookups and late bindings calling each other); bounded since by a
 * container guard and an evaluation budget (clients.ts `evalValue`). The OpenAI call after it is the one site.
 */
export function containerBranches(n: number): Pathological {
  const out = ['from openai import OpenAI', '', 'client = OpenAI()', '', 'def handle(data, current_output):', "    event_type = data.get('type', '')", "    if event_type == 'start':", '        return current_output, None'];
  for (let i = 0; i < n; i++) {
    out.push(`    elif event_type == 'e${i}':`, "        output_index = data.get('output_index', len(current_output) - 1)", '        new_output = list(current_output)', '        item = new_output[output_index].copy()', '        new_output[output_index] = item', `        item['k${i}'] = list(item.get('k${i}', []))`, '        return new_output, None');
  }
  out.push('    return current_output, None', '', 'def apply(form_data, params):', '    for key, value in params.items():', '        form_data[key] = value', '    return form_data', '', 'reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])');
  return { path: 'big/middleware.py', text: `${out.join('\n')}\n`, sites: 1 };
}

/**
 * One long line of `n` annotated declarations (`var v0: Prefetch<number>; …`) in a file that writes a model request body:
 * the evidence test looks for a local name given to `fetch` there, and a pattern that read each annotation on to the
 * next `=` was quadratic (860 KB: 15 s). No site (nothing sends the body).
 */
export function annotatedDeclarations(n: number): Pathological {
  const decls = Array.from({ length: n }, (_, i) => `var v${i}: Prefetch<number>;`).join(' ');
  return { path: 'big/decls.ts', text: `const body = { model: "gpt-4o-mini", messages: [] };\n${decls}\n`, sites: 0 };
}

/**
 * A catalogue method name not called (`create = client.chat.completions.create`), then `n` blank lines, then a call: the
 * call-name pattern's whitespace before `(` must not be matched two ways (`\s*` then optional type arguments then
 * `\s*` was quadratic in the gap: 80,000 lines 5.7 s). One site.
 */
export function blankGap(n: number): Pathological {
  const text = `from openai import OpenAI\nclient = OpenAI()\ncreate = client.chat.completions.create${'\n'.repeat(n)}reply = client.chat.completions.create(model="gpt-4o", messages=[])\n`;
  return { path: 'big/gap.py', text, sites: 1 };
}

/** A minified single-line JavaScript file of about `bytes` characters with an OpenAI call in it. */
export function minified(bytes: number): Pathological {
  const chunk = 'var a=function(b){return b*2},c=[1,2,3].map(a);';
  const call = "const o=new OpenAI();o.chat.completions.create({model:'gpt-4o-mini',messages:[]});";
  return { path: 'big/app.min.js', text: `import OpenAI from 'openai';${call}${chunk.repeat(Math.ceil(bytes / chunk.length))}` };
}

/**
 * Milliseconds of this process's CPU time (user + system) that `f` takes, best of `tries` (to keep garbage collection
 * and JIT warm-up out of the figure). CPU time, not wall time: on a shared 2-core CI machine other processes can
 * stretch a wall-clock measurement many times over (a CI run at load 30 failed this check on wall time), while
 * the work this process does for a given input stays the same.
 */
export async function timeIt(f: () => Promise<unknown>, tries: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const t0 = process.cpuUsage();
    await f();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}
