/**
 * Test doubles: a mock or fake model object (`new MockLanguageModelV3(…)`, `FakeListLLM(…)`, an object literal with
 * `doGenerate`) sends no request, so a call on it, or a call given it as its model, is not a site. The names are data
 * (catalog/testCode.ts).
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it, never by importing another section's
 * analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import { MODEL_INTERFACE_KEYS, TEST_DOUBLE_CLASS, TEST_DOUBLE_NAME, TEST_MODEL_NAMES } from '../catalog/testCode';
import { callArgs, callee, isCall, isMember, isStringNode, keywordArg, memberName, memberObject, stringParts, unwrap, withItemValues } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import { isTestPath } from '../../excludes';

/** True when the expression is (or names a variable holding) a mock or fake model. */
export function isTestDouble(fa: FileAnalyzer, n: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const u = unwrap(n);
  if (u.type === 'identifier' || u.type === 'shorthand_property_identifier') {
    if (overriddenWithDouble(fa, u, depth)) return true;
    const b = fa.lookup(u.text, u);
    // In test code, a pytest fixture or a helper's parameter named for what it is (`mock_llm`, `fake_model`,
    // `mockModel`); elsewhere such a name is a product's (`fake_news_client`, `mock_interview_llm`).
    if (b?.kind === 'param') return TEST_DOUBLE_NAME.test(u.text) && isTestPath(fa.path);
    return b?.kind === 'assign' ? isTestDouble(fa, b.value, depth + 1) : false;
  }
  if (u.type === 'object') return u.namedChildren.some((c) => c !== null && MODEL_INTERFACE_KEYS.includes(objectKeyName(c) ?? ''));
  if (isCall(u)) {
    const fn = callee(u);
    const name = fn ? (isMember(fn) ? memberName(fn) : fn.text) : undefined;
    // A mock model class, or in test code a helper that makes one (`create_mock_llm(…)`, `make_fake_model()`).
    if (!name) return false;
    if (TEST_DOUBLE_CLASS.test(name) || (TEST_DOUBLE_NAME.test(name) && isTestPath(fa.path))) return true;
    if (fn?.type === 'identifier' && namesTestModel(fa, u, fn)) return true;
    // A class of the file built on one (`class _RevokedIdModel(ScriptedModel)` in a test): a double too.
    const b = fn?.type === 'identifier' ? fa.lookup(fn.text, fn) : undefined;
    return b?.kind === 'class' && extendsTestDouble(fa, b.node, depth);
  }
  return false;
}

/**
 * Inside PydanticAI's `with agent.override(model=TestModel()):` (its documented way to test an agent), `agent` runs the
 * test double, not its own model.
 */
function overriddenWithDouble(fa: FileAnalyzer, id: Node, depth: number): boolean {
  if (fa.lang !== 'python') return false;
  for (const a of fa.ancestors(id)) {
    if (a.type !== 'with_statement') continue;
    for (const v of withItemValues(a)) {
      const fn = isCall(v) ? callee(v) : null;
      if (!fn || !isMember(fn) || memberName(fn) !== 'override' || memberObject(fn)?.text !== id.text) continue;
      const model = keywordArg(v, 'model');
      if (model && isTestDouble(fa, model, depth + 1)) return true;
    }
  }
  return false;
}

/** `Agent('test')` / `Agent(model='test')` (under any local name) of a framework that calls its test model so. */
function namesTestModel(fa: FileAnalyzer, call: Node, fn: Node): boolean {
  const b = fa.lookup(fn.text, fn);
  if (b?.kind !== 'import' || b.member !== 'Agent') return false;
  const model = keywordArg(call, 'model') ?? callArgs(call)[0];
  return !!model && model.type !== 'keyword_argument' && testModelName(fa, model, b.module);
}

/**
 * A model name `module` gives its test model (PydanticAI's `'test'`, TEST_MODEL_NAMES), for a call of that framework:
 * `Agent('test')`, `model_request('test', …)`, `agent.run(q, model='test')`.
 */
export function testModelName(fa: FileAnalyzer, n: Node, module: string): boolean {
  const u = unwrap(n);
  return isStringNode(u) && TEST_MODEL_NAMES.some((t) => (module === t.module || module.startsWith(`${t.module}.`)) && t.imports.test(fa.text) && stringParts(u).text === t.name);
}

/** Whether a class of the file has a test-double class among its bases, directly or through the file's own classes. */
function extendsTestDouble(fa: FileAnalyzer, cls: Node, depth: number): boolean {
  if (depth > 4) return false;
  if (fa.baseClasses(cls).some((base) => TEST_DOUBLE_CLASS.test(base.type === 'identifier' ? base.text : (isMember(base) ? memberName(base) : undefined) ?? ''))) return true;
  return fa.localBaseClasses(cls).some((base) => extendsTestDouble(fa, base, depth + 1));
}

/** The key of an object member: `key: v`, `key`, `key() {}`, `async key() {}`. */
function objectKeyName(c: Node): string | undefined {
  if (c.type === 'shorthand_property_identifier') return c.text;
  const key = c.childForFieldName('key') ?? c.childForFieldName('name');
  return key ? key.text.replace(/^['"]|['"]$/g, '') : undefined;
}

/**
 * A module-wide model setting the file assigns a value the catalogue does not know (`Settings.llm = MockLLM()`,
 * `Settings.embed_model = "local:BAAI/bge-small-en-v1.5"`): none, for a test double or an in-process model; else a model
 * of that setting's type, unknown (clients.ts, the file's own `Settings.llm = …`).
 */
export function unknownSetting(fa: FileAnalyzer, assigned: Node, type: string): { kind: 'inst'; type: string; path: string[] } | undefined {
  if (isTestDouble(fa, assigned) || /^["'`]local(:|["'`])/.test(unwrap(assigned).text)) return undefined;
  return { kind: 'inst', type, path: [] };
}
