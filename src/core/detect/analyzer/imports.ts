/**
 * Imports: the bindings an import statement makes (Python `import`/`from … import`, JS `import`/`require`), and the
 * one-hop lookup of a relative import in another workspace file (the detector parses it; `AnalyzerOptions.foreign`).
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, callee, stringParts, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Binding, ForeignModule } from './types';
import { inConsumerFolder } from './catalogIndex';
import { escapeRe } from './text';

export function foreignFor(fa: FileAnalyzer, b: Binding & { kind: 'import' }): ForeignModule | undefined {
  if (!fa.opts.foreign) return undefined;
  try {
    return fa.opts.foreign(b.module, b.relativeLevel ?? 0);
  } catch {
    return undefined;
  }
}

/**
 * The Python file lies in the folder of package `top` at the workspace root (`langroid/agent/tools/task_tool.py` in
 * langroid's repository) and its imports of that package resolve to files of that folder: the workspace is the package
 * itself, so its modules are the workspace files, not the catalogue's (`ModuleSpec.ownPackage`). A cookbook folder
 * named after the package has no such files; the distribution's tests/, examples/ … are consumers.
 */
export function packageInWorkspace(fa: FileAnalyzer, top: string): boolean {
  if (fa.lang !== 'python' || !fa.path.startsWith(`${top}/`) || inConsumerFolder(fa.path.split('/').slice(1, -1))) return false;
  let known = PACKAGE_IN_WORKSPACE.get(fa);
  if (!known) PACKAGE_IN_WORKSPACE.set(fa, (known = new Map()));
  let inside = known.get(top);
  if (inside === undefined) {
    // A neighbour the analysed file imports as a module of the package (`browser_use.llm.models` found at
    // browser_use/llm/models.py): its own imports are not loaded (one hop), but where it lies says enough.
    const as = fa.opts.importedAs;
    inside = as !== undefined && (as === top || as.startsWith(`${top}.`));
    for (const bs of fa.bindingsOf(fa.root).values()) {
      for (const b of bs) {
        if (inside || b.kind !== 'import' || b.relativeLevel || (b.module !== top && !b.module.startsWith(`${top}.`))) continue;
        inside = foreignFor(fa, b)?.path.startsWith(`${top}/`) === true;
      }
    }
    known.set(top, inside);
  }
  return inside;
}
const PACKAGE_IN_WORKSPACE = new WeakMap<FileAnalyzer, Map<string, boolean>>();

export function addDestructure(pattern: Node, value: Node, at: Node, add: (b: Binding) => void, text = ''): void {
  const v = unwrap(value);
  const fn = v.type === 'call_expression' ? callee(v) : null;
  const loads = !!fn && (fn.text === 'require' || fn.type === 'import');
  // `const { OpenAI } = require('openai')`, `const { generateText } = await import('ai')`: imports of the module.
  const arg = loads ? callArgs(v)[0] : undefined;
  const module = arg && (arg.type === 'string' || arg.type === 'template_string') ? stringParts(arg).text : undefined;
  if (loads && module === undefined) return;
  if (!loads) {
    // `const { generateText } = ai` (a namespace import) or `= await loadAISDK()` (a loader that returns one): each
    // name is that member of whatever the value turns out to be. Other objects (`const { generateText } = deps`, an
    // injected dependency) bind nothing here, so the name keeps the meaning the file gives it elsewhere.
    const inner = v.type === 'await_expression' ? unwrap(v.namedChildren[0] ?? v) : v;
    const namespace = inner.type === 'identifier' && new RegExp(`\\bimport\\s+\\*\\s+as\\s+${escapeRe(inner.text)}\\b`).test(text);
    if (!namespace && inner.type !== 'call_expression') return;
  }
  for (const p of pattern.namedChildren) {
    // `{ embed }` and `{ embed: aiEmbed }`: the member's key and the local name it gets.
    const key = p?.type === 'shorthand_property_identifier_pattern' ? p : p?.type === 'pair_pattern' ? p.childForFieldName('key') : null;
    const local = p?.type === 'pair_pattern' ? p.childForFieldName('value') : p;
    if (!key || (local?.type !== 'identifier' && local?.type !== 'shorthand_property_identifier_pattern')) continue;
    if (module !== undefined) add({ kind: 'import', name: local.text, module, member: key.text, at, relativeLevel: module.startsWith('.') ? 1 : 0 });
    else add({ kind: 'element', name: local.text, value, index: -1, key: key.text, at });
  }
}

export function addImports(fa: FileAnalyzer, c: Node, add: (b: Binding) => void): void {
  if (fa.lang === 'python') {
    if (c.type === 'import_statement') {
      for (const n of c.namedChildren) {
        if (!n) continue;
        if (n.type === 'dotted_name') {
          // `import google.generativeai` binds `google`.
          const first = n.text.split('.')[0] ?? n.text;
          add({ kind: 'import', name: first, module: first, at: c });
        } else if (n.type === 'aliased_import') {
          const name = n.childForFieldName('name');
          const alias = n.childForFieldName('alias');
          if (name && alias) add({ kind: 'import', name: alias.text, module: name.text, at: c });
        }
      }
      return;
    }
    if (c.type === 'import_from_statement') {
      const modNode = c.childForFieldName('module_name');
      if (!modNode) return;
      let level = 0;
      let module = modNode.text;
      if (modNode.type === 'relative_import') {
        const prefix = modNode.namedChildren.find((x) => x?.type === 'import_prefix');
        level = prefix ? prefix.text.length : 0;
        module = modNode.namedChildren.find((x) => x?.type === 'dotted_name')?.text ?? '';
      }
      // `from helper_functions import *`: kept under the name `*`; lookup() asks the module for a name the file does not bind.
      if (c.namedChildren.some((x) => x?.type === 'wildcard_import')) add({ kind: 'import', name: '*', module, member: '*', at: c, relativeLevel: level });
      for (const n of c.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'dotted_name') add({ kind: 'import', name: n.text, module, member: n.text, at: c, relativeLevel: level });
        else if (n.type === 'aliased_import') {
          const name = n.childForFieldName('name');
          const alias = n.childForFieldName('alias');
          if (name && alias) add({ kind: 'import', name: alias.text, module, member: name.text, at: c, relativeLevel: level });
        }
      }
    }
    return;
  }
  const src = c.childForFieldName('source');
  if (!src) return;
  const module = stringParts(src).text;
  const level = module.startsWith('.') || module.startsWith('@/') || module.startsWith('~/') || module.startsWith('$lib/') ? 1 : 0;
  const clause = c.namedChildren.find((x) => x?.type === 'import_clause');
  if (!clause) return;
  for (const n of clause.namedChildren) {
    if (!n) continue;
    if (n.type === 'identifier') add({ kind: 'import', name: n.text, module, member: 'default', at: c, relativeLevel: level });
    else if (n.type === 'namespace_import') {
      const id = n.namedChildren.find((x) => x?.type === 'identifier');
      if (id) add({ kind: 'import', name: id.text, module, at: c, relativeLevel: level });
    } else if (n.type === 'named_imports') {
      for (const s of n.namedChildren) {
        if (s?.type !== 'import_specifier') continue;
        const name = s.childForFieldName('name');
        const alias = s.childForFieldName('alias');
        if (name) add({ kind: 'import', name: (alias ?? name).text, module, member: name.text, at: c, relativeLevel: level });
      }
    }
  }
}
