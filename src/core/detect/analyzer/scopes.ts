/**
 * Scopes and bindings: which binding of a name is visible at a use (innermost scope first, the last assignment
 * before the use), collected once per scope from assignments, parameters, imports, loops, `with … as`, functions and
 * classes; `self.x` / `this.x` attributes from any method, class fields and TS parameter properties.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import { callee, FUNCTION_TYPES, isCall, isMember, isSelfRef, memberName, memberObject, SCOPE_TYPES, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Binding } from './types';

/** Node types that can contain binding statements (both grammars). */
const STATEMENTISH = /^ERROR$|statement|clause|block|declaration|declarator|^module$|^program$|with_item|^case|switch_body|^switch_case$|^switch_default$|decorated_definition|^assignment|^augmented|_body$|^export/;

/**
 * The ancestors of a node, innermost first. tree-sitter's `parent` walks down from the root each time (slow on
 * big files), so the chain is computed once with a cursor and cached per node.
 */
export function ancestors(fa: FileAnalyzer, n: Node): readonly Node[] {
  const cached = fa.ancestorCache.get(n.id);
  if (cached) return cached;
  const chain: Node[] = [];
  let cur: Node | null = fa.root;
  for (let guard = 0; cur && cur.id !== n.id && guard < 200000; guard++) {
    chain.push(cur);
    cur = cur.childWithDescendant(n);
  }
  chain.reverse();
  fa.ancestorCache.set(n.id, chain);
  return chain;
}

/** A module-level binding (for foreign files). */
export function topLevel(fa: FileAnalyzer, name: string): Binding | undefined {
  const list = bindingsOf(fa, fa.root).get(name);
  return list ? list[list.length - 1] : undefined;
}

/** The binding of `name` visible at `use`: innermost scope first, the last assignment before the use. */
export function lookup(fa: FileAnalyzer, name: string, use: Node): Binding | undefined {
  for (const scope of ancestors(fa, use)) {
    {
      if (!isScope(fa, scope) || inOwnDefaults(fa, scope, use)) continue;
      const list = bindingsOf(fa, scope).get(name);
      if (list && list.length) {
        const before = list.filter((b) => b.at.startIndex < use.startIndex && !(b.kind === 'assign' && b.at.endIndex > use.startIndex));
        // Of several assignments, one in a branch whose constant condition is false is dead code (`chosen = "openai"`
        // then `if chosen == "ollama": model = …`).
        while (before.length > 1 && deadBranch(fa, (before[before.length - 1] as Binding).at, scope)) before.pop();
        const pick = before.length ? firstBranch(fa, before, use, scope) : isModuleScope(fa, scope) ? list[list.length - 1] : undefined;
        if (pick) return pick;
      }
    }
  }
  return name === '*' ? undefined : starImported(fa, name);
}

/**
 * The loop variable that takes a Python dict's values: `v` in `for k, v in d.items()` and `for v in d.values()`, with
 * the dict expression.
 */
function dictIterated(left: Node, right: Node): { name: string; id: number; of: Node } | undefined {
  if (right.type !== 'call' || right.childForFieldName('arguments')?.namedChildren.length) return undefined;
  const fn = right.childForFieldName('function');
  const of = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (!of) return undefined;
  if (method === 'values' && left.type === 'identifier') return { name: left.text, id: left.id, of };
  const parts = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.namedChildren : [];
  const v = parts[1];
  if (method === 'items' && parts.length === 2 && v?.type === 'identifier') return { name: v.text, id: v.id, of };
  return undefined;
}

/**
 * Python evaluates a parameter's default where the function is defined: a name in `def run(task, agent=agent)`'s
 * defaults is the enclosing scope's (the closure idiom that captures a loop variable), never the parameter itself.
 */
function inOwnDefaults(fa: FileAnalyzer, scope: Node, use: Node): boolean {
  if (fa.lang !== 'python' || (scope.type !== 'function_definition' && scope.type !== 'lambda')) return false;
  const params = scope.childForFieldName('parameters');
  return !!params && use.startIndex >= params.startIndex && use.endIndex <= params.endIndex;
}

/**
 * A name the file does not bind, defined at the top of a workspace module it star-imports (`from helper_functions
 * import *`, one hop): an import of that name from there. The last such import that defines it wins, as in Python.
 */
function starImported(fa: FileAnalyzer, name: string): Binding | undefined {
  if (fa.lang !== 'python' || name.startsWith('_')) return undefined;
  const stars = bindingsOf(fa, fa.root).get('*');
  if (!stars) return undefined;
  let memo = STAR_NAMES.get(fa);
  if (!memo) STAR_NAMES.set(fa, (memo = new Map()));
  let b = memo.get(name);
  if (b === undefined) memo.set(name, (b = starImportedUncached(fa, name, stars) ?? null));
  return b ?? undefined;
}
/** Per analyser, what each name a star import was asked for resolved to (null: nothing). */
const STAR_NAMES = new WeakMap<FileAnalyzer, Map<string, Binding | null>>();

function starImportedUncached(fa: FileAnalyzer, name: string, stars: readonly Binding[]): Binding | undefined {
  // Names the scopes do not record (a comprehension's `for x in`, a walrus `x :=`, a `case` capture) are the file's own.
  if (unscopedNames(fa).has(name)) return undefined;
  for (let i = stars.length - 1; i >= 0; i--) {
    const b = stars[i] as Binding & { kind: 'import' };
    const f = fa.foreignFor(b);
    if (f?.analyzer.topLevel(name) && exported(f.analyzer, name)) return { ...b, name, member: name };
  }
  return undefined;
}

/** Names a comprehension's `for`, a walrus or a `case` pattern binds anywhere in the file (read from the syntax tree). */
function unscopedNames(fa: FileAnalyzer): ReadonlySet<string> {
  const known = UNSCOPED.get(fa);
  if (known) return known;
  const names = new Set<string>();
  for (const n of fa.root.descendantsOfType(['for_in_clause', 'named_expression', 'case_pattern'])) {
    const target = n?.type === 'for_in_clause' ? n.childForFieldName('left') : n?.type === 'named_expression' ? n.childForFieldName('name') : n;
    if (!target) continue;
    if (target.type === 'identifier') names.add(target.text);
    for (const id of target.descendantsOfType('identifier')) if (id) names.add(id.text);
  }
  UNSCOPED.set(fa, names);
  return names;
}
const UNSCOPED = new WeakMap<FileAnalyzer, ReadonlySet<string>>();

/** Whether `from m import *` takes `name` from module `m`: listed in its `__all__` when it has one. */
function exported(m: FileAnalyzer, name: string): boolean {
  const all = m.topLevel('__all__');
  if (all?.kind !== 'assign') return true;
  const v = unwrap(all.value);
  if (v.type !== 'list' && v.type !== 'tuple') return true;
  return v.namedChildren.some((c) => c !== null && m.constString(c) === name);
}

/**
 * The binding a use after an `if`/`elif` chain sees when the chain's branches each bind the name (`if provider ==
 * "anthropic": client = Anthropic() elif provider == "bedrock": client = AnthropicBedrock()`, with no `else` or one that
 * raises): the first branch's, the case the code names first, not whichever comes last in the text. A
 * branch a constant condition rules out is skipped; a binding before the chain, or after it, is sequential: the last
 * one wins.
 */
function firstBranch(fa: FileAnalyzer, before: readonly Binding[], use: Node, scope: Node): Binding | undefined {
  const last = before[before.length - 1];
  if (!last || before.length < 2) return last;
  // The outermost `if` around the last binding that the use is not inside (the chain, with its nested `else if`s).
  let chain: Node | undefined;
  for (let p = last.at.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === 'if_statement' && !(p.startIndex <= use.startIndex && use.endIndex <= p.endIndex)) chain = p;
  }
  if (!chain) return last;
  const top = chain;
  // With an `else` that binds it, that branch is the default the others are exceptions to (`if azure: … else: url =
  // f"{base}/chat/completions"`): the last binding stands.
  for (let p = last.at.parent; p && p.id !== top.id; p = p.parent) {
    if (p.type === 'else_clause' && p.namedChildren[0]?.type !== 'if_statement') return last;
  }
  const first = before.find((b) => b !== last && b.at.startIndex >= top.startIndex && b.at.endIndex <= top.endIndex && exclusive(b.at, last.at, top) && !deadBranch(fa, b.at, scope));
  return first ?? last;
}

/** Two nodes in different branches of one `if` statement (neither runs after the other). */
function exclusive(a: Node, b: Node, top: Node): boolean {
  for (let p = a.parent; p; p = p.parent) {
    if (p.startIndex <= b.startIndex && b.endIndex <= p.endIndex) return p.type === 'if_statement';
    if (p.id === top.id) return false;
  }
  return false;
}

let deadDepth = 0;
/** Whether a binding sits in an `if`/`elif`/`else` branch that a comparison of constant strings rules out. */
function deadBranch(fa: FileAnalyzer, at: Node, scope: Node): boolean {
  if (deadDepth > 2) return false;
  deadDepth++;
  try {
    let child = at;
    for (let p = at.parent; p && p.id !== scope.id; child = p, p = p.parent) {
      if ((p.type === 'if_statement' || p.type === 'elif_clause') && p.childForFieldName('consequence')?.id === child.id) {
        if (constCondition(fa, p.childForFieldName('condition')) === false) return true;
      }
      if (p.type === 'if_statement' && (child.type === 'elif_clause' || child.type === 'else_clause')) {
        if (constCondition(fa, p.childForFieldName('condition')) === true) return true;
        for (const alt of p.childrenForFieldName('alternative')) {
          if (!alt || alt.id === child.id) break;
          if (alt.type === 'elif_clause' && constCondition(fa, alt.childForFieldName('condition')) === true) return true;
        }
      }
    }
    return false;
  } finally {
    deadDepth--;
  }
}

/** `x == "a"` / `x != "a"` (`===`, `!==`) where x is a constant string: its truth; otherwise undefined. */
function constCondition(fa: FileAnalyzer, cond: Node | null): boolean | undefined {
  if (!cond) return undefined;
  const c = unwrap(cond);
  const ops = c.children.filter((x) => x !== null && !x.isNamed).map((x) => x?.type);
  const operands = c.namedChildren.filter((x): x is Node => x !== null && x.type !== 'comment');
  if ((c.type !== 'comparison_operator' && c.type !== 'binary_expression') || operands.length !== 2 || ops.length !== 1) return undefined;
  const op = ops[0];
  if (op !== '==' && op !== '!=' && op !== '===' && op !== '!==') return undefined;
  const [l, r] = operands as [Node, Node];
  const a = fa.constString(l);
  const b = fa.constString(r);
  if (a === undefined || b === undefined) return undefined;
  return op.startsWith('=') ? a === b : a !== b;
}

/**
 * The module scope is the root node whatever its type: when an unclosed bracket at the end of the file (the user
 * is still typing) makes tree-sitter wrap the whole file in one `ERROR` root, the imports and assignments are
 * still there as children of that node and must stay visible to everything above the edit.
 */
export function isModuleScope(fa: FileAnalyzer, n: Node): boolean {
  return n.type === 'module' || n.type === 'program' || n.id === fa.root.id;
}

export function isScope(fa: FileAnalyzer, n: Node): boolean {
  return SCOPE_TYPES.has(n.type) || n.id === fa.root.id;
}

export function bindingsOf(fa: FileAnalyzer, scope: Node): Map<string, Binding[]> {
  const cached = fa.scopeCache.get(scope.id);
  if (cached) return cached;
  const map = new Map<string, Binding[]>();
  const add = (b: Binding): void => {
    const l = map.get(b.name);
    if (l) l.push(b);
    else map.set(b.name, [b]);
  };
  if (FUNCTION_TYPES.has(scope.type)) collectParams(scope, add);
  const body = isModuleScope(fa, scope) ? scope : scope.childForFieldName('body');
  if (body) collectBindings(fa, body, add, 0);
  fa.scopeCache.set(scope.id, map);
  return map;
}

export function collectParams(fn: Node, add: (b: Binding) => void): void {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return;
  const list = params.type === 'identifier' ? [params] : params.namedChildren;
  for (const p of list) {
    if (!p) continue;
    switch (p.type) {
      case 'identifier':
        add({ kind: 'param', name: p.text, at: p });
        break;
      case 'typed_parameter': {
        const id = p.namedChildren.find((c) => c?.type === 'identifier');
        if (id) add({ kind: 'param', name: id.text, type: p.childForFieldName('type') ?? undefined, at: p });
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const id = p.childForFieldName('name');
        if (id) add({ kind: 'param', name: id.text, type: p.childForFieldName('type') ?? undefined, def: p.childForFieldName('value') ?? undefined, at: p });
        break;
      }
      case 'required_parameter':
      case 'optional_parameter': {
        const id = p.childForFieldName('pattern');
        if (id?.type === 'object_pattern') addPatternParams(id, add, p.childForFieldName('type') ?? undefined);
        if (id && id.type === 'identifier') add({ kind: 'param', name: id.text, type: p.childForFieldName('type') ?? undefined, def: p.childForFieldName('value') ?? undefined, at: p });
        break;
      }
      case 'object_pattern':
        addPatternParams(p, add);
        break;
      case 'assignment_pattern': {
        const id = p.childForFieldName('left');
        if (id && id.type === 'identifier') add({ kind: 'param', name: id.text, def: p.childForFieldName('right') ?? undefined, at: p });
        break;
      }
      default:
        break;
    }
  }
}

/** `({ model = 'gpt-4o', prompt }) => …`: each destructured name is a parameter, with its default. */
/**
 * The parameters a destructuring pattern binds. `type`: the pattern's TS annotation; a key declared in it (an inline
 * `{ client: OpenAI }` or a same-file interface / type alias) gives that parameter its type.
 */
export function addPatternParams(pattern: Node, add: (b: Binding) => void, type?: Node): void {
  const typeOf = (key: string | undefined): { type: Node } | Record<string, never> => {
    const t = key !== undefined && type ? propertyType(type, key) : undefined;
    return t ? { type: t } : {};
  };
  for (const c of pattern.namedChildren) {
    if (!c) continue;
    if (c.type === 'object_assignment_pattern') {
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (left) add({ kind: 'param', name: left.text, def: right ?? undefined, at: c, ...typeOf(left.text) });
    } else if (c.type === 'shorthand_property_identifier_pattern') add({ kind: 'param', name: c.text, at: c, ...typeOf(c.text) });
    else if (c.type === 'pair_pattern') {
      const key = c.childForFieldName('key')?.text;
      const v = c.childForFieldName('value');
      if (v?.type === 'identifier') add({ kind: 'param', name: v.text, at: c, ...typeOf(key) });
      else if (v?.type === 'assignment_pattern') {
        const l = v.childForFieldName('left');
        if (l) add({ kind: 'param', name: l.text, def: v.childForFieldName('right') ?? undefined, at: c, ...typeOf(key) });
      }
    }
  }
}

/** The declared type of `key` in an object type annotation, inline or a same-file interface / type alias. */
function propertyType(annotation: Node, key: string): Node | undefined {
  let t: Node | null | undefined = annotation.type === 'type_annotation' ? annotation.namedChildren.find((c) => c !== null && c.type !== 'comment') : annotation;
  if (t?.type === 'type_identifier') t = localTypeDeclaration(t);
  if (!t) return undefined;
  const body = t.type === 'interface_declaration' ? t.childForFieldName('body') : t.type === 'type_alias_declaration' ? t.childForFieldName('value') : t;
  if (!body || (body.type !== 'object_type' && body.type !== 'interface_body')) return undefined;
  for (const m of body.namedChildren) {
    if (m?.type === 'property_signature' && m.childForFieldName('name')?.text === key) return m.childForFieldName('type') ?? undefined;
  }
  return undefined;
}

/** A module-level `interface X {…}` or `type X = {…}` of this name (also exported). */
function localTypeDeclaration(name: Node): Node | undefined {
  let root: Node | null = name;
  while (root?.parent) root = root.parent;
  for (const top of root?.namedChildren ?? []) {
    const d = top?.type === 'export_statement' ? top.childForFieldName('declaration') : top;
    if ((d?.type === 'interface_declaration' || d?.type === 'type_alias_declaration') && d.childForFieldName('name')?.text === name.text) return d;
  }
  return undefined;
}

export function collectBindings(fa: FileAnalyzer, n: Node, add: (b: Binding) => void, depth: number): void {
  if (depth > 60) return;
  for (const c of n.namedChildren) {
    if (!c) continue;
    // Read once: each `type` read is a call into the parser (the module scope of a large file has many children).
    const type = c.type;
    if (addDeclaration(fa, c, type, add, depth)) continue;
    addStatementBinding(c, type, add);
    if (FUNCTION_TYPES.has(type) || type === 'class_body') continue;
    // Bindings are made by statements; expressions (calls, literals, operators) are not walked.
    if (!STATEMENTISH.test(type)) continue;
    collectBindings(fa, c, add, depth + 1);
  }
}

/**
 * The binding a declaration makes (function, class, assignment, variable, import). True when `c` is one: its inside is
 * not walked for more bindings of this scope.
 */
function addDeclaration(fa: FileAnalyzer, c: Node, type: string, add: (b: Binding) => void, depth: number): boolean {
  switch (type) {
    case 'function_definition':
    case 'function_declaration':
    case 'generator_function_declaration': {
      const name = c.childForFieldName('name');
      if (name) add({ kind: 'func', name: name.text, node: c, at: c });
      return true;
    }
    case 'class_definition':
    case 'class_declaration': {
      const name = c.childForFieldName('name');
      if (name) add({ kind: 'class', name: name.text, node: c, at: c });
      return true;
    }
    case 'decorated_definition': {
      const def = c.childForFieldName('definition');
      const name = def?.childForFieldName('name');
      if (def && name) add({ kind: def.type === 'class_definition' ? 'class' : 'func', name: name.text, node: def, at: c } as Binding);
      return true;
    }
    case 'assignment': {
      addAssignTargets(c.childForFieldName('left'), c.childForFieldName('right'), c.childForFieldName('type'), c, add);
      const right = c.childForFieldName('right');
      if (right && right.type === 'assignment') collectBindings(fa, { namedChildren: [right] } as unknown as Node, add, depth + 1);
      return true;
    }
    case 'variable_declarator': {
      const name = c.childForFieldName('name');
      const value = c.childForFieldName('value');
      if (name?.type === 'identifier' && value) {
        if (value.type === 'arrow_function' || value.type === 'function_expression' || value.type === 'function') add({ kind: 'func', name: name.text, node: value, at: c });
        else {
          const type = c.childForFieldName('type');
          add({ kind: 'assign', name: name.text, value, at: c, ...(type ? { type } : {}) });
        }
      } else if (name?.type === 'array_pattern' && value) {
        // `const [chat, embedder] = makeModels()`; a hole (`[, judge]`) takes a position too, so positions count commas.
        let index = 0;
        for (const l of name.children) {
          if (!l) continue;
          if (l.type === ',') index++;
          else if (l.type === 'identifier') add({ kind: 'element', name: l.text, value, index, at: c });
          else if (l.type === 'rest_pattern') break;
        }
      } else if (name?.type === 'object_pattern' && value) {
        fa.addDestructure(name, value, c, add);
        // `const { model = "llama3-8b-8192" } = config`: a name with a default is known by its default.
        for (const p of name.namedChildren) {
          const left = p?.type === 'object_assignment_pattern' ? p.childForFieldName('left') : null;
          const def = p?.childForFieldName('right');
          if (p && left?.type === 'shorthand_property_identifier_pattern' && def) add({ kind: 'param', name: left.text, def, at: p });
        }
      } else if (name?.type === 'identifier' && !value) {
        const type = c.childForFieldName('type');
        if (type) add({ kind: 'param', name: name.text, type, at: c });
      }
      return true;
    }
    case 'import_statement':
    case 'import_from_statement':
    case 'future_import_statement':
      fa.addImports(c, add);
      return true;
    default:
      return false;
  }
}

/** The binding a statement makes on its way (`x = …` as an expression, `export default`, `for x in`, `with … as x`); its inside is still walked. */
function addStatementBinding(c: Node, type: string, add: (b: Binding) => void): void {
  switch (type) {
    case 'assignment_expression': {
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (left?.type === 'identifier' && right) add({ kind: 'assign', name: left.text, value: right, at: c });
      return;
    }
    case 'export_statement': {
      // `export default client` / `export default new OpenAI()`: what `import x from './file'` binds.
      const value = c.childForFieldName('value');
      if (value && c.children.some((x) => x?.type === 'default')) add({ kind: 'assign', name: 'default', value, at: c });
      return;
    }
    case 'for_statement':
    case 'for_in_statement': {
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (left && right) {
        const id = left.type === 'identifier' ? left : left.namedChildren.find((x) => x?.type === 'identifier');
        const dict = dictIterated(left, right);
        if (dict) add({ kind: 'loop', name: dict.name, iter: right, at: c, valuesOf: dict.of });
        if (id && id.id !== dict?.id) add({ kind: 'loop', name: id.text, iter: right, at: c });
      }
      return;
    }
    case 'with_item': {
      // `with (Client() as c):` (one parenthesised item, Python 3.10+) wraps the `as` in parentheses.
      let v = c.childForFieldName('value');
      if (v?.type === 'parenthesized_expression' && v.namedChildren.length === 1 && v.namedChildren[0]?.type === 'as_pattern') v = v.namedChildren[0];
      if (v?.type === 'as_pattern') {
        const target = v.childForFieldName('alias') ?? v.namedChildren[v.namedChildren.length - 1];
        const expr = v.namedChildren[0];
        const id = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
        if (id?.type === 'identifier' && expr) add({ kind: 'assign', name: id.text, value: expr, at: c });
      }
      return;
    }
    default:
      return;
  }
}

export function addAssignTargets(left: Node | null, right: Node | null, type: Node | null, at: Node, add: (b: Binding) => void): void {
  if (!left) return;
  if (left.type === 'identifier') {
    if (right) add({ kind: 'assign', name: left.text, value: right, at, ...(type ? { type } : {}) });
    else if (type) add({ kind: 'param', name: left.text, type, at });
    return;
  }
  // `a, b = x, y`: pair elements when both sides are literal sequences.
  if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && right && (right.type === 'expression_list' || right.type === 'tuple')) {
    const ls = left.namedChildren;
    const rs = right.namedChildren;
    ls.forEach((l, i) => {
      const r = rs[i];
      if (l?.type === 'identifier' && r) add({ kind: 'assign', name: l.text, value: r, at });
    });
  } else if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && right) {
    // `therapist, closure = initialize_agents(key)`: the elements of the tuple the factory returns. After a starred
    // name (`*workers, judge = …`) they count from the end (index -1 is the last).
    const names = left.namedChildren.filter((l): l is Node => l !== null && l.type !== 'comment');
    const star = names.findIndex((l) => l.type === 'list_splat_pattern');
    names.forEach((l, i) => {
      const index = star >= 0 && i > star ? i - names.length : i;
      if (l.type === 'identifier' && i !== star) add({ kind: 'element', name: l.text, value: right, index, at });
    });
  }
}

/** The class a `self` / `this` at `use` belongs to (the innermost enclosing class). */
export function enclosingClass(fa: FileAnalyzer, use: Node): Node | undefined {
  return ancestors(fa, use).find((a) => a.type === 'class_definition' || a.type === 'class_declaration' || a.type === 'class');
}

/** Every `self.x` / `this.x` binding of one class (its own body only), collected once per class. */
export function classAttrs(fa: FileAnalyzer, cls: Node): Map<string, Binding[]> {
  let map = fa.classAttrCache.get(cls.id);
  if (!map) {
    map = new Map();
    fa.classAttrCache.set(cls.id, map);
    const m = map;
    const add = (b: Binding): void => {
      const l = m.get(b.name);
      if (l) l.push(b);
      else m.set(b.name, [b]);
    };
    const body = cls.childForFieldName('body');
    if (body) collectClassAttrs(fa, body, add, 0, true);
  }
  return map;
}

/** `self.x` / `this.x` inside a class: assignments in any method, class-level fields, TS constructor parameter properties. */
export function lookupSelfAttr(fa: FileAnalyzer, name: string, use: Node): Binding | undefined {
  const cls = enclosingClass(fa, use);
  if (!cls) return undefined;
  const list = classAttrs(fa, cls).get(name)?.filter((b) => b.kind !== 'func');
  if (!list || !list.length) return undefined;
  // Prefer a binding that carries a value or a type we can evaluate.
  return list.find((b) => b.kind === 'assign') ?? list[0];
}

/**
 * Every binding of `name` on a class and, when it has none, on its base classes defined in this file (two levels):
 * assignments first, then typed fields and parameters, then methods (a factory method `self._get_client()`, a
 * property or getter). The caller tries them in turn until one evaluates.
 */
export function classAttrBindings(fa: FileAnalyzer, cls: Node, name: string, depth = 0): Binding[] {
  const own = classAttrs(fa, cls).get(name) ?? [];
  if (own.length || depth >= 3) {
    const rank = (b: Binding): number => (b.kind === 'assign' ? 0 : b.kind === 'func' ? 2 : 1);
    return [...own].sort((a, b) => rank(a) - rank(b));
  }
  for (const base of localBaseClasses(fa, cls)) {
    const found = classAttrBindings(fa, base, name, depth + 1);
    if (found.length) return found;
  }
  return [];
}

/** The base-class expressions of a class (`class A(B, C)`, `class A extends B`). */
export function baseClassNodes(cls: Node): Node[] {
  const sup = cls.childForFieldName('superclasses');
  if (sup) return sup.namedChildren.filter((c): c is Node => c !== null && c.type !== 'keyword_argument' && c.type !== 'comment');
  const heritage = cls.namedChildren.find((c) => c?.type === 'class_heritage');
  if (!heritage) return [];
  const ext = heritage.namedChildren.find((c) => c?.type === 'extends_clause');
  // tree-sitter-javascript puts the expression straight under class_heritage; TypeScript under extends_clause.
  const v = ext ? ext.childForFieldName('value') ?? ext.namedChildren[0] : heritage.namedChildren[0];
  return v ? [v] : [];
}

/** Base classes defined in this file. */
export function localBaseClasses(fa: FileAnalyzer, cls: Node): Node[] {
  const out: Node[] = [];
  for (const b of baseClassNodes(cls)) {
    if (b.type !== 'identifier') continue;
    const bb = lookup(fa, b.text, b);
    if (bb?.kind === 'class' && bb.node.id !== cls.id) out.push(bb.node);
  }
  return out;
}

/** A Python `@property` / `@cached_property` method or a JS `get x()` accessor: read without a call. */
export function isGetter(fa: FileAnalyzer, fn: Node): boolean {
  if (fn.type === 'method_definition') return fn.children.some((c) => c?.type === 'get');
  const parent = ancestors(fa, fn)[0];
  if (parent?.type !== 'decorated_definition') return false;
  return parent.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*(?:functools\.)?(?:property|cached_property)\b/.test(d.text));
}

export function collectClassAttrs(fa: FileAnalyzer, n: Node, add: (b: Binding) => void, depth: number, top: boolean): void {
  if (depth > 40) return;
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (top) addMethodBinding(c, add);
    if (top && fa.lang === 'python' && c.type === 'expression_statement') {
      const a = c.namedChildren[0];
      if (a?.type === 'assignment') {
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        const type = a.childForFieldName('type');
        if (left?.type === 'identifier') {
          if (right) add({ kind: 'assign', name: left.text, value: right, at: a });
          else if (type) add({ kind: 'param', name: left.text, type, at: a });
        }
      }
    }
    if (c.type === 'public_field_definition' || c.type === 'field_definition') {
      const name = c.childForFieldName('name') ?? c.childForFieldName('property');
      const value = c.childForFieldName('value');
      const type = c.childForFieldName('type');
      if (name) {
        if (value) add({ kind: 'assign', name: name.text, value, at: c });
        else if (type) add({ kind: 'param', name: name.text, type, at: c });
      }
      continue;
    }
    if (c.type === 'assignment' || c.type === 'assignment_expression') {
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      const type = c.childForFieldName('type');
      const selfAttr = (t: Node | null | undefined): string | undefined => {
        const obj = t && isMember(t) ? memberObject(t) : undefined;
        return obj && isSelfRef(obj) ? memberName(t as Node) : undefined;
      };
      const attr = selfAttr(left);
      if (attr) {
        if (right) add({ kind: 'assign', name: attr, value: right, at: c });
        else if (type) add({ kind: 'param', name: attr, type, at: c });
      } else if (left && right && (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'array_pattern')) {
        // `self.vectorstore, self.retriever = self._prepare_retriever()`: element `index` of what the call returns.
        left.namedChildren.forEach((t, index) => {
          const a = selfAttr(t);
          if (a) add({ kind: 'element', name: a, value: right, index, at: c });
        });
      }
    }
    if (c.type === 'method_definition' && c.childForFieldName('name')?.text === 'constructor') {
      const params = c.childForFieldName('parameters');
      for (const p of params?.namedChildren ?? []) {
        if (!p || (p.type !== 'required_parameter' && p.type !== 'optional_parameter')) continue;
        if (!p.namedChildren.some((x) => x?.type === 'accessibility_modifier' || x?.type === 'readonly')) continue;
        const id = p.childForFieldName('pattern');
        if (id) add({ kind: 'param', name: id.text, type: p.childForFieldName('type') ?? undefined, def: p.childForFieldName('value') ?? undefined, at: p });
      }
    }
    if (c.type === 'class_definition' || c.type === 'class_declaration') continue;
    if (!STATEMENTISH.test(c.type) && !FUNCTION_TYPES.has(c.type) && c.type !== 'class_body' && c.type !== 'assignment' && c.type !== 'assignment_expression') continue;
    collectClassAttrs(fa, c, add, depth + 1, false);
  }
}

/** A method of a class body (`def _get_client(self)`, `getClient() {…}`, `get client() {…}`) as a `func` binding. */
function addMethodBinding(c: Node, add: (b: Binding) => void): void {
  const def = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
  if (!def || (def.type !== 'function_definition' && def.type !== 'method_definition')) return;
  const name = def.childForFieldName('name');
  if (name && (name.type === 'identifier' || name.type === 'property_identifier')) add({ kind: 'func', name: name.text, node: def, at: c });
}

/** The local class a value is an instance of (`Settings()`), as a class binding. */
export function localClassOf(fa: FileAnalyzer, value: Node): Binding | undefined {
  const v = unwrap(value);
  if (!isCall(v)) return undefined;
  const fn = callee(v);
  if (fn?.type !== 'identifier') return undefined;
  const b = lookup(fa, fn.text, fn);
  return b?.kind === 'class' ? b : undefined;
}
