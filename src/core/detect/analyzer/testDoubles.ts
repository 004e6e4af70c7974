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
import { MODEL_INTERFACE_KEYS, TEST_DOUBLE_CLASS, TEST_DOUBLE_NAME } from '../catalog/testCode';
import { callee, isCall, isMember, memberName, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import { isTestPath } from '../../excludes';

/** True when the expression is (or names a variable holding) a mock or fake model. */
export function isTestDouble(fa: FileAnalyzer, n: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const u = unwrap(n);
  if (u.type === 'identifier' || u.type === 'shorthand_property_identifier') {
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
    return !!name && (TEST_DOUBLE_CLASS.test(name) || (TEST_DOUBLE_NAME.test(name) && isTestPath(fa.path)));
  }
  return false;
}

/** The key of an object member: `key: v`, `key`, `key() {}`, `async key() {}`. */
function objectKeyName(c: Node): string | undefined {
  if (c.type === 'shorthand_property_identifier') return c.text;
  const key = c.childForFieldName('key') ?? c.childForFieldName('name');
  return key ? key.text.replace(/^['"]|['"]$/g, '') : undefined;
}
