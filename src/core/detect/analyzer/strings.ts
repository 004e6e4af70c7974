/**
 * Strings and constants: the string or number an expression evaluates to, and how it was found (literal, constant,
 * environment default, default argument, class attribute, earlier notebook cell, one import away) — the
 * `ModelResolution` a site's model carries.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import type { ModelResolution } from '../../types';
import { callArgs, callee, FUNCTION_TYPES, isMember, isSelfRef, isStringNode, keywordArg, memberName, memberObject, stringParts, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Binding, ResolvedModel } from './types';
import { clip } from './text';
import { toResolved } from './models';
import { PYTHON_MODEL_CONSTANTS } from '../languages/catalog/modelConstants';

/** A string constant the expression evaluates to, or undefined. */
export function constString(fa: FileAnalyzer, n: Node): string | undefined {
  const r = resolveString(fa, n);
  return r.value ?? undefined;
}

/** What {@link resolveString} found: the value (null when unknown), how, and the candidates of a conditional. */
export type StringResult = { value: string | null; resolution: ModelResolution; candidates?: ResolvedModel[]; raw?: string };

/** The result for an expression whose value is not known. */
function unknownString(n: Node): { value: null; resolution: ModelResolution } {
  return { value: null, resolution: { kind: 'unknown', expression: clip(n.text) } };
}

/** Resolves an expression to a string with how it was found. */
export function resolveString(fa: FileAnalyzer, n: Node, depth = 0): StringResult {
  if (depth > 10) return unknownString(n);
  const u = unwrap(n);
  if (isStringNode(u)) return resolveTemplate(fa, u, n, depth);
  switch (u.type) {
    case 'identifier':
    case 'shorthand_property_identifier': {
      const b = fa.lookup(u.text, u);
      if (!b) return unknownString(n);
      return resolveBindingString(fa, b, u, depth);
    }
    case 'attribute':
    case 'member_expression':
      return resolveMemberString(fa, u, n, depth);
    case 'call':
      return resolveCallString(fa, u, n, depth);
    case 'boolean_operator':
    case 'binary_expression':
      return resolveOperatorString(fa, u, n, depth);
    case 'conditional_expression':
    case 'ternary_expression':
      return resolveConditionalString(fa, u, n, depth);
    case 'subscript':
    case 'subscript_expression':
      return resolveSubscriptString(fa, u, n, depth);
    default:
      return unknownString(n);
  }
}

/** A string literal, or an f-string / template whose every hole resolves. */
function resolveTemplate(fa: FileAnalyzer, u: Node, n: Node, depth: number): StringResult {
  const unknown = (): { value: null; resolution: ModelResolution } => unknownString(n);
  const { text, holes } = stringParts(u);
  if (!holes.length) return { value: text, resolution: { kind: 'literal' } };
  // f-string / template with known parts: every hole must resolve.
  let out = '';
  let lastRes: ModelResolution = { kind: 'literal' };
  let cursor = u.startIndex;
  const pieces: string[] = [];
  for (const c of u.namedChildren) {
    if (!c) continue;
    if (c.type === 'interpolation' || c.type === 'template_substitution') {
      const e = c.namedChildren.find((x) => x !== null && x.type !== 'format_specifier' && x.type !== 'type_conversion');
      if (!e) return unknown();
      const r = resolveString(fa, e, depth + 1);
      if (r.value === null) return unknown();
      if (r.resolution.kind !== 'literal') lastRes = r.resolution;
      pieces.push(r.value);
    } else if (c.type === 'string_content' || c.type === 'string_fragment' || c.type === 'escape_sequence') {
      pieces.push(stringParts({ namedChildren: [c] } as unknown as Node).text);
    }
    cursor = c.endIndex;
  }
  void cursor;
  out = pieces.join('');
  return { value: out, resolution: lastRes };
}

/** `self.x`, `Config.MODEL`, `settings.MODEL` (a class default), `config.MODEL` one import away; never `process.env.X`. */
function resolveMemberString(fa: FileAnalyzer, u: Node, n: Node, depth: number): StringResult {
  const unknown = (): { value: null; resolution: ModelResolution } => unknownString(n);
  const obj = memberObject(u);
  const name = memberName(u);
  if (!obj || !name) return unknown();
  const o = unwrap(obj);
  // `Model.HAIKU_4_5.value` (a Python Enum): the member's value, which is what the member itself resolves to.
  const enumValue = fa.lang === 'python' && name === 'value' && isMember(o) && depth < 6 ? resolveString(fa, o, depth + 1) : undefined;
  if (enumValue && enumValue.value !== null) return enumValue;
  if (fa.lang === 'js' && isMember(o) && memberName(o) === 'env' && memberObject(o)?.text === 'process') {
    return { value: null, resolution: { kind: 'unknown', expression: clip(u.text) } };
  }
  if (isSelfRef(o)) {
    const b = fa.lookupSelfAttr(name, u);
    if (!b) return unknown();
    const r = resolveBindingString(fa, b, u, depth);
    if (r.value !== null && r.resolution.kind === 'literal') return { ...r, resolution: { kind: 'constant', name } };
    return r;
  }
  // `Config.MODEL`: a class attribute in this file; `settings.MODEL` with `settings = Settings()`: its default.
  if (o.type === 'identifier') {
    const b0 = fa.lookup(o.text, o);
    // JS `provider.activeModel` where `const provider = { activeModel: "gpt-4o-mini", … }`.
    const lit = fa.lang === 'js' && b0?.kind === 'assign' ? unwrap(b0.value) : undefined;
    const prop = lit?.type === 'object' ? fa.objectKey(lit, [name]) : undefined;
    if (prop) {
      const r = resolveString(fa, prop, depth + 1);
      return r.value !== null && r.resolution.kind === 'literal' ? { ...r, resolution: { kind: 'constant', name: `${o.text}.${name}` } } : r;
    }
    const b = b0?.kind === 'assign' ? fa.localClassOf(b0.value) ?? b0 : b0;
    if (b?.kind === 'class') {
      const body = b.node.childForFieldName('body');
      const attr = body ? findClassConst(body, name) : undefined;
      if (attr) {
        const r = resolveString(fa, attr, depth + 1);
        if (r.value !== null && r.resolution.kind === 'literal') return { ...r, resolution: { kind: 'constant', name: `${o.text}.${name}` } };
        return r;
      }
    }
    // A framework's model enum (`model_type=ModelType.GPT_4O_MINI` with `from camel.types import ModelType`): data.
    if (b0?.kind === 'import' && PYTHON_MODEL_CONSTANTS.packages.has(b0.module.split('.')[0] ?? '')) {
      const id = PYTHON_MODEL_CONSTANTS.ids.get(`${b0.member ?? b0.name}.${name}`);
      if (id !== undefined) return { value: id, resolution: { kind: 'constant', name: `${o.text}.${name}` } };
    }
    if (b?.kind === 'import' && !fa.importValue(b)) {
      // One hop: `import config` then `config.MODEL`, or `from app.config import settings` then
      // `settings.MODEL` where `settings = Settings()` (a pydantic-settings style class default).
      const f = fa.foreignFor(b);
      if (f) {
        let r: { value: string | null; resolution: ModelResolution } | undefined;
        if (b.member === undefined) {
          const fb = f.analyzer.topLevel(name);
          if (fb) r = f.analyzer.resolveBindingString(fb, u, depth + 1);
        } else {
          const fb = f.analyzer.topLevel(b.member);
          const cls = fb?.kind === 'assign' ? f.analyzer.localClassOf(fb.value) : fb?.kind === 'class' ? fb : undefined;
          const body = cls?.kind === 'class' ? cls.node.childForFieldName('body') : undefined;
          // …or a JS constants object (`export const Anthropic = { ChatPath: "v1/messages" }`).
          const lit = f.analyzer.lang === 'js' && fb?.kind === 'assign' ? unwrap(fb.value) : undefined;
          const attr = body ? f.analyzer.findClassConst(body, name) : lit?.type === 'object' ? f.analyzer.objectKey(lit, [name]) : undefined;
          if (attr) r = f.analyzer.resolveString(attr, depth + 1);
        }
        if (r && r.value !== null) {
          const resolution: ModelResolution = r.resolution.kind === 'env-default' ? r.resolution : { kind: 'imported', file: f.path, name: b.member ? `${b.member}.${name}` : name };
          return { ...r, resolution };
        }
      }
    }
  }
  return attributeDefault(fa, u, o, name, depth) ?? unknown();
}

/**
 * An attribute's value the file writes or declares outside the object's own binding: an earlier dotted write, or the
 * default of the config class the object is an instance of.
 */
function attributeDefault(fa: FileAnalyzer, u: Node, o: Node, name: string, depth: number): StringResult | undefined {
  // `self.config.model = "gpt-5-mini"` (or `= self.config.model or "…"`) written earlier in the file: a default set on
  // an attribute of an attribute (mem0's providers), read later as `self.config.model`; `config.model = DEFAULT_MODEL`
  // under `if config.model is None:` in the function that reads it (only there: another function's `config` is
  // another object).
  if ((isMember(o) || o.type === 'identifier') && depth < 4) {
    const assigned = fa.dottedAssignment(u);
    if (assigned && (isMember(o) || enclosingFunction(fa, assigned).id === enclosingFunction(fa, u).id) && !otherBranch(fa, assigned, u)) {
      const r = resolveString(fa, assigned, depth + 1);
      if (r.value !== null && r.resolution.kind === 'literal') return { ...r, resolution: { kind: 'constant', name: clip(u.text) } };
      if (r.value !== null) return r;
    }
  }
  // `self.config.embedding_model` where `self.config` is an instance of a config class (`config: EmbedderConfig |
  // None`, `config or EmbedderConfig()`), in this file or one import away: the class's default for the field.
  const cls = depth < 6 ? instanceClass(fa, o, 0) : undefined;
  if (cls?.ctor) {
    // `Config(model="gpt-4.1")`: the constructor's argument, not the class default; positional or splatted arguments
    // may set the field in ways not followed (unknown).
    const args = callArgs(cls.ctor.call);
    const given = keywordArg(cls.ctor.call, name);
    if (given) {
      const r = cls.ctor.fa.resolveString(given, depth + 1);
      return r.value !== null && r.resolution.kind === 'literal' ? { ...r, resolution: { kind: 'constant', name: clip(u.text) } } : r;
    }
    if (args.some((a) => a.type !== 'keyword_argument')) return undefined;
  }
  const attr = cls ? cls.fa.findClassConst(cls.body, name) : undefined;
  if (cls && attr) {
    const r = cls.fa.resolveString(attr, depth + 1);
    if (r.value === null) return undefined;
    const fixed = r.resolution.kind === 'literal' || r.resolution.kind === 'constant';
    const field = `${cls.name}.${name}`;
    // A parameter annotated with the class: the caller's object, whose field may differ from the class default.
    if (fixed && cls.viaAnnotation) return { ...r, resolution: { kind: 'default-argument', name: field } };
    if (fixed && cls.file) return { ...r, resolution: { kind: 'imported', file: cls.file, name: field } };
    if (r.resolution.kind === 'literal') return { ...r, resolution: { kind: 'constant', name: field } };
    return r;
  }
  return undefined;
}

/** `field(…)` imported from dataclasses (not a form's or a settings object's `field` method). */
function isDataclassField(fa: FileAnalyzer, call: Node): boolean {
  const fn = callee(call);
  const b = fn ? fa.lookup(fn.text, fn) : undefined;
  return b?.kind === 'import' && b.module === 'dataclasses';
}

/**
 * Whether a write and a read sit in different branches of one `if` (`if opts.fast: opts.model = "…"` / `else:` read):
 * the read never sees that write.
 */
function otherBranch(fa: FileAnalyzer, write: Node, read: Node): boolean {
  const inside = (outer: Node, n: Node): boolean => outer.startIndex <= n.startIndex && n.endIndex <= outer.endIndex;
  for (const a of fa.ancestors(write)) {
    if (a.type !== 'if_statement' || !inside(a, read)) continue;
    const clauses = [a.childForFieldName('consequence'), ...a.childrenForFieldName('alternative')].filter((c): c is Node => c !== null);
    const mine = clauses.find((c) => inside(c, write));
    return mine !== undefined && !inside(mine, read);
  }
  return false;
}

/** The function (or module) a node is in: where a local name means one object. */
function enclosingFunction(fa: FileAnalyzer, n: Node): Node {
  return fa.ancestors(n).find((a) => FUNCTION_TYPES.has(a.type)) ?? fa.root;
}

/** A class a value is an instance of, with the analyzer of its file (`file` when one import away). */
interface InstanceClass {
  readonly fa: FileAnalyzer;
  readonly body: Node;
  readonly name: string;
  readonly file?: string;
  /** The constructor call the object comes from (`Config(model=…)`), in the file `fa` of the call. */
  readonly ctor?: { readonly call: Node; readonly fa: FileAnalyzer };
  /** Known only from a type annotation (`config: Config | None`): the object is the caller's. */
  readonly viaAnnotation?: boolean;
}

/**
 * The class an object expression is an instance of, when the file says so: a variable or `self` attribute assigned
 * `Cls()` (or `x or Cls()`), a parameter annotated `Cls`, `Cls | None` or `Optional[Cls]`. Only classes defined in this
 * file or imported from a workspace file one hop away; never an SDK type.
 */
function instanceClass(fa: FileAnalyzer, o: Node, depth: number): InstanceClass | undefined {
  if (depth > 4) return undefined;
  const obj = isMember(o) ? memberObject(o) : undefined;
  const attr = obj ? memberName(o) : undefined;
  const b =
    o.type === 'identifier' ? fa.lookup(o.text, o) : obj && attr && isSelfRef(obj) ? fa.lookupSelfAttr(attr, o) : undefined;
  if (!b) return undefined;
  const annotated = (t: Node | undefined): InstanceClass | undefined => {
    const c = t ? classOfAnnotation(fa, t) : undefined;
    return c ? { ...c, viaAnnotation: true } : undefined;
  };
  if (b.kind === 'assign') return classOfValue(fa, b.value, depth) ?? annotated(b.type);
  if (b.kind === 'param') return annotated(b.type) ?? (b.def ? classOfValue(fa, b.def, depth) : undefined);
  return undefined;
}

/** `Cls()`, `config or Cls()`, or a name bound to one of them. */
function classOfValue(fa: FileAnalyzer, value: Node, depth: number): InstanceClass | undefined {
  const v = unwrap(value);
  if (v.type === 'boolean_operator' || v.type === 'binary_expression') {
    for (const side of [v.childForFieldName('right'), v.childForFieldName('left')]) {
      const c = side ? classOfValue(fa, side, depth + 1) : undefined;
      if (c) return c;
    }
    return undefined;
  }
  if (v.type === 'identifier' || isMember(v)) return instanceClass(fa, v, depth + 1);
  const fn = v.type === 'call' || v.type === 'new_expression' ? (callee(v) ?? v.childForFieldName('constructor')) : undefined;
  const c = fn?.type === 'identifier' ? classNamed(fa, fn) : undefined;
  return c ? { ...c, ctor: { call: v, fa } } : undefined;
}

/** The first class an annotation names (`Cls`, `Cls | None`, `Optional[Cls]`, `"Cls"`). */
function classOfAnnotation(fa: FileAnalyzer, t: Node): InstanceClass | undefined {
  const stack: Node[] = [t];
  for (let guard = 0; stack.length && guard < 40; guard++) {
    const n = stack.shift() as Node;
    if (n.type === 'identifier' || n.type === 'type_identifier') {
      const c = classNamed(fa, n);
      if (c) return c;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

/** A class binding for a name: defined in this file, or imported from a workspace file the analyzer loaded. */
function classNamed(fa: FileAnalyzer, id: Node): InstanceClass | undefined {
  const b = fa.lookup(id.text, id);
  const body = b?.kind === 'class' ? b.node.childForFieldName('body') : undefined;
  if (b && body) return { fa, body, name: b.name };
  if (b?.kind !== 'import' || !b.member) return undefined;
  const f = fa.foreignFor(b);
  const fb = f?.analyzer.topLevel(b.member);
  const fbody = fb?.kind === 'class' ? fb.node.childForFieldName('body') : undefined;
  return f && fbody ? { fa: f.analyzer, body: fbody, name: b.member, file: f.path } : undefined;
}

const MODEL_KEY = /^(\w+_)?(model|model_name|model_id|deployment|deployment_name|engine)$/i;

/** `os.getenv("X", "d")`, `os.environ.get("X", "d")`, pydantic `Field(default=…)`, `"…".strip()`. */
function resolveCallString(fa: FileAnalyzer, u: Node, n: Node, depth: number): StringResult {
  const unknown = (): { value: null; resolution: ModelResolution } => unknownString(n);
  // os.getenv("X", "d") / os.environ.get("X", "d") / getenv("X", "d")
  const fn = callee(u)?.text ?? '';
  if (/(^|\.)Field$/.test(fn) || fn === 'dataclasses.field' || (fn === 'field' && isDataclassField(fa, u))) {
    // pydantic `Field(default="gpt-4o")` / `Field("gpt-4o")`; a dataclass `field(default="gpt-4o")`.
    const d = fa.getArg(u, { kw: ['default'], pos: 0 });
    return d ? resolveString(fa, d, depth + 1) : unknown();
  }
  if (fa.lang === 'python' && /^(typing\.)?cast$/.test(fn)) {
    // `typing.cast(str, config.model)`: the value, as the type checker is told to take it.
    const v = callArgs(u)[1];
    return v ? resolveString(fa, v, depth + 1) : unknown();
  }
  if (/(^|\.)(getenv|environ\.get)$/.test(fn)) {
    const args = callArgs(u);
    const name = args[0] ? constString(fa, args[0]) : undefined;
    const defNode = args[1] ?? keywordArg(u, 'default');
    if (name && defNode) {
      const d = resolveString(fa, defNode, depth + 1);
      if (d.value !== null) return { value: d.value, resolution: { kind: 'env-default', envVar: name } };
    }
    return unknown();
  }
  if (fa.lang === 'python' && /\.get$/.test(fn)) {
    // `config.get("model", "command-a-03-2025")`, `kwargs.get("model", self.model)`: the default the file gives, as for
    // a parameter's default (a caller's config may override it).
    // Only a key that names a model (`model`, `model_name`, `embedding_model`, `deployment`): `config.get("openai",
    // "model")` (ConfigParser's section and option) and `MODELS.get("fast", "gpt-3.5-turbo")` (a table lookup) are not.
    const args = callArgs(u).filter((a) => a.type !== 'keyword_argument');
    const key = args[0] ? constString(fa, args[0]) : undefined;
    const d = args.length === 2 && key !== undefined && MODEL_KEY.test(key) ? resolveString(fa, args[1] as Node, depth + 1) : undefined;
    if (d && d.value !== null) return { ...d, resolution: d.resolution.kind === 'literal' ? { kind: 'default-argument', name: key ?? '' } : d.resolution };
    return unknown();
  }
  if (isMember(callee(u) ?? u) && /^(strip|lower|upper|rstrip|lstrip)$/.test(memberName(callee(u) ?? u) ?? '')) {
    const obj = memberObject(callee(u) ?? u);
    if (obj) {
      const r = resolveString(fa, obj, depth + 1);
      if (r.value !== null) return { ...r, value: applyStrFn(r.value, memberName(callee(u) ?? u) ?? '') };
    }
  }
  return unknown();
}

/** `a or b` / `a || b` / `a ?? b` (an environment default, or two candidates) and `a + b`. */
function resolveOperatorString(fa: FileAnalyzer, u: Node, n: Node, depth: number): StringResult {
  const unknown = (): { value: null; resolution: ModelResolution } => unknownString(n);
  const op = u.childForFieldName('operator')?.text ?? u.children.find((c) => c && (c.text === 'or' || c.text === '||' || c.text === '??'))?.text;
  const l = u.childForFieldName('left');
  const r = u.childForFieldName('right');
  if (!l || !r) return unknown();
  if (op === 'or' || op === '||' || op === '??') {
    const lu = unwrap(l);
    const env = envName(fa, lu);
    const rr = resolveString(fa, r, depth + 1);
    if (env && rr.value !== null) return { value: rr.value, resolution: { kind: 'env-default', envVar: env } };
    const lr = resolveString(fa, l, depth + 1);
    if (lr.value !== null && rr.value !== null && lr.value !== rr.value) {
      return { ...lr, candidates: [toResolved(lr), toResolved(rr)] };
    }
    if (lr.value !== null) return lr;
    return rr;
  }
  if (op === '+') {
    const lr = resolveString(fa, l, depth + 1);
    const rr = resolveString(fa, r, depth + 1);
    if (lr.value !== null && rr.value !== null) return { value: lr.value + rr.value, resolution: lr.resolution.kind !== 'literal' ? lr.resolution : rr.resolution };
  }
  return unknown();
}

/** `a if c else b` / `c ? a : b`: the first branch, with every branch as a candidate. */
function resolveConditionalString(fa: FileAnalyzer, u: Node, n: Node, depth: number): StringResult {
  const unknown = (): { value: null; resolution: ModelResolution } => unknownString(n);
  const branches = u.type === 'ternary_expression'
    ? [u.childForFieldName('consequence'), u.childForFieldName('alternative')]
    : [u.namedChildren[0], u.namedChildren[2]];
  const rs = branches.filter((b): b is Node => b !== null && b !== undefined).map((b) => resolveString(fa, b, depth + 1));
  const first = rs[0];
  if (!first) return unknown();
  const cands = rs.map(toResolved);
  if (first.value === null) return { ...unknown(), candidates: cands.length > 1 ? cands : undefined };
  return { ...first, candidates: cands.length > 1 ? cands : undefined };
}

/** `MODELS["fast"]`: a constant key in a dict/object literal; never `os.environ["X"]`. */
function resolveSubscriptString(fa: FileAnalyzer, u: Node, n: Node, depth: number): StringResult {
  const unknown = (): { value: null; resolution: ModelResolution } => unknownString(n);
  const obj = u.childForFieldName('value') ?? u.childForFieldName('object');
  const idx = u.childForFieldName('subscript') ?? u.childForFieldName('index');
  if (!obj || !idx) return unknown();
  const key = constString(fa, idx);
  const env = envName(fa, u);
  if (env) return unknown();
  const dict = key !== undefined ? fa.resolveObject(obj) : undefined;
  const v = dict && key !== undefined ? fa.objectKey(dict, [key]) : undefined;
  if (v) {
    const r = resolveString(fa, v, depth + 1);
    if (r.value !== null) return { ...r, resolution: { kind: 'constant', name: clip(u.text) } };
  }
  return unknown();
}

export function findClassConst(body: Node, name: string): Node | undefined {
  for (const c of body.namedChildren) {
    if (!c) continue;
    const a = c.type === 'expression_statement' ? c.namedChildren[0] : c;
    if (!a) continue;
    if (a.type === 'assignment' && a.childForFieldName('left')?.text === name) return a.childForFieldName('right') ?? undefined;
    if ((a.type === 'public_field_definition' || a.type === 'field_definition') && (a.childForFieldName('name') ?? a.childForFieldName('property'))?.text === name) {
      return a.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/** `process.env.X` / `process.env["X"]` / `os.environ["X"]`: the variable name. */
export function envName(fa: FileAnalyzer, n: Node): string | undefined {
  const u = unwrap(n);
  if (isMember(u)) {
    const obj = memberObject(u);
    if (obj && isMember(obj) && memberName(obj) === 'env' && memberObject(obj)?.text === 'process') return memberName(u);
    if (obj && obj.text === 'import.meta.env') return memberName(u);
  }
  if (u.type === 'subscript' || u.type === 'subscript_expression') {
    const obj = u.childForFieldName('value') ?? u.childForFieldName('object');
    const idx = u.childForFieldName('subscript') ?? u.childForFieldName('index');
    if (obj && idx && (obj.text === 'process.env' || obj.text === 'os.environ')) return constString(fa, idx);
  }
  if (u.type === 'call' && /(^|\.)(getenv|environ\.get)$/.test(callee(u)?.text ?? '')) {
    const a = callArgs(u)[0];
    return a ? constString(fa, a) : undefined;
  }
  return undefined;
}

export function resolveBindingString(fa: FileAnalyzer, b: Binding, use: Node, depth: number): { value: string | null; resolution: ModelResolution; candidates?: ResolvedModel[] } {
  const unknown = { value: null, resolution: { kind: 'unknown', expression: clip(use.text) } as ModelResolution };
  switch (b.kind) {
    case 'assign': {
      const r = resolveString(fa, b.value, depth + 1);
      if (r.value === null) return r.candidates ? { ...unknown, candidates: r.candidates } : unknown;
      let resolution: ModelResolution = r.resolution.kind === 'literal' ? { kind: 'constant', name: b.name } : r.resolution;
      const cell = earlierCell(fa, b.at, use);
      if (cell !== undefined && resolution.kind === 'constant') resolution = { kind: 'earlier-cell', cell };
      return { ...r, resolution };
    }
    case 'param': {
      if (!b.def) return unknown;
      const r = resolveString(fa, b.def, depth + 1);
      if (r.value === null) return unknown;
      return { ...r, resolution: { kind: 'default-argument', name: b.name } };
    }
    case 'import': {
      const f = fa.foreignFor(b);
      const fb = f && b.member ? f.analyzer.topLevel(b.member) : undefined;
      if (!f || !fb || !b.member) return unknown;
      const r = f.analyzer.resolveBindingString(fb, use, depth + 1);
      if (r.value === null) return unknown;
      return { ...r, resolution: { kind: 'imported', file: f.path, name: b.member } };
    }
    case 'loop': {
      // `for model in ["a", "b"]:` — every element is a candidate.
      const it = unwrap(b.iter);
      if (it.type !== 'list' && it.type !== 'tuple' && it.type !== 'array') return unknown;
      const cands = it.namedChildren.filter((x): x is Node => x !== null).map((x) => toResolved(resolveString(fa, x, depth + 1)));
      const first = cands[0];
      if (!first || first.ref.id === null) return unknown;
      return { value: first.ref.id, resolution: first.ref.resolution, candidates: cands };
    }
    default:
      return unknown;
  }
}

export function earlierCell(fa: FileAnalyzer, def: Node, use: Node): number | undefined {
  const cellOf = fa.opts.cellOfRow;
  if (!cellOf) return undefined;
  const a = cellOf(def.startPosition.row);
  const b = cellOf(use.startPosition.row);
  return a < b ? a : undefined;
}

export function constNumber(fa: FileAnalyzer, n: Node, depth = 0): number | undefined {
  const u = unwrap(n);
  if (u.type === 'integer' || u.type === 'number' || u.type === 'float') {
    const v = Number(u.text.replace(/_/g, ''));
    return Number.isFinite(v) ? v : undefined;
  }
  if (u.type === 'identifier' && depth < 4) {
    const b = fa.lookup(u.text, u);
    if (b?.kind === 'assign') return constNumber(fa, b.value, depth + 1);
    if (b?.kind === 'param' && b.def) return constNumber(fa, b.def, depth + 1);
    if (b?.kind === 'import' && b.member) {
      const f = fa.foreignFor(b);
      const fb = f?.analyzer.topLevel(b.member);
      if (f && fb?.kind === 'assign') return f.analyzer.constNumber(fb.value, depth + 1);
    }
  }
  if (isMember(u) && depth < 4) {
    const obj = memberObject(u);
    const name = memberName(u);
    const b0 = obj?.type === 'identifier' ? fa.lookup(obj.text, obj) : undefined;
    const b = b0?.kind === 'assign' ? fa.localClassOf(b0.value) : b0;
    const body = b?.kind === 'class' ? b.node.childForFieldName('body') : undefined;
    const v = body && name ? findClassConst(body, name) : undefined;
    if (v) return constNumber(fa, v, depth + 1);
    if (obj && name && isSelfRef(obj)) {
      const sb = fa.lookupSelfAttr(name, u);
      if (sb?.kind === 'assign') return constNumber(fa, sb.value, depth + 1);
    }
  }
  if ((u.type === 'binary_operator' || u.type === 'binary_expression') && depth < 4) {
    const l = u.childForFieldName('left');
    const r = u.childForFieldName('right');
    const op = u.childForFieldName('operator')?.text;
    const a = l ? constNumber(fa, l, depth + 1) : undefined;
    const b = r ? constNumber(fa, r, depth + 1) : undefined;
    if (a !== undefined && b !== undefined) {
      if (op === '*') return a * b;
      if (op === '+') return a + b;
      if (op === '-') return a - b;
    }
  }
  return undefined;
}

/** Applies a Python string method the resolver follows (`.strip()`, `.lower()`…). */
function applyStrFn(s: string, fn: string): string {
  switch (fn) {
    case 'strip': return s.trim();
    case 'lower': return s.toLowerCase();
    case 'upper': return s.toUpperCase();
    case 'rstrip': return s.trimEnd();
    case 'lstrip': return s.trimStart();
    default: return s;
  }
}
