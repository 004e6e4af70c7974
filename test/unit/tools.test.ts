/**
 * Tool definitions (src/core/tokens/tools.ts, issue #19 item 3). Rule B's rendering must be gpt-tokenizer's own
 * (`formatFunctionDefinitions`, the independent implementation it ports) for every schema shape, and the rules must
 * reproduce the OpenAI cookbook's published figures (its weather tool: 101 prompt tokens on gpt-4o, 105 on gpt-4).
 */
import { strict as assert } from 'node:assert';
import { estimateTokensInFunctions, formatFunctionDefinitions, type ChatCompletionFunctionDefinition } from 'gpt-tokenizer/cjs/functionCalling';
import { defaultSettings } from '../../src/core/config/settings';
import { tokenizerFor } from '../../src/core/tokens/families';
import { countTokens } from '../../src/core/tokens/tokenizer';
import { functionDefinitions, isFlat, namespaceText, ruleA, toolTokens, type FunctionDef } from '../../src/core/tokens/tools';

const WEATHER: FunctionDef = {
  name: 'get_current_weather',
  description: 'Get the current weather in a given location',
  parameters: {
    type: 'object',
    properties: {
      location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
      unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['location'],
  },
};
const NESTED: FunctionDef = {
  name: 'update_shipping_address',
  description: 'Update the shipping address for an order.',
  parameters: {
    type: 'object',
    properties: {
      order_id: { type: 'string', description: "The customer's order ID." },
      new_address: { type: 'object', properties: { street: { type: 'string', description: 'The new street address.' }, zip: { type: 'string' } }, required: ['street'] },
      tags: { type: 'array', items: { type: 'string' } },
      count: { type: 'integer', enum: [1, 2, 3] },
      urgent: { type: 'boolean' },
    },
    required: ['order_id', 'new_address'],
  },
};
const NO_PARAMS: FunctionDef = { name: 'ping' };

describe('tokens: tool definitions (#19 item 3)', () => {
  it("rule B renders exactly gpt-tokenizer's namespace text, and counts it + 9 as the library does", () => {
    for (const fns of [[WEATHER], [NESTED], [NO_PARAMS], [WEATHER, NESTED, NO_PARAMS]]) {
      const lib = fns as unknown as ChatCompletionFunctionDefinition[];
      assert.equal(namespaceText(fns), formatFunctionDefinitions(lib));
      const count = (t: string): number => countTokens(t, 'o200k_base');
      assert.equal(count(namespaceText(fns)) + 9, estimateTokensInFunctions(lib, count));
    }
    // With nested descriptions (not a published rule): only the nested property's comment is added.
    assert.ok(namespaceText([NESTED], true).includes('  // The new street address.'));
    assert.ok(!namespaceText([NESTED], false).includes('The new street address.'));
  });

  it("rule A is the cookbook's arithmetic: 68 tokens for the weather tool on o200k (+ 33 for its messages = the API's 101), 71 on cl100k (+ 34 = 105)", () => {
    // o200k: 7 + 11 + 3 + (3 + 14) + (3 + (−3 + 3 + 2 + 3 + 2) + 8) + 12 = 68 (counts from gpt-tokenizer, by hand in docs/estimates.md).
    assert.equal(ruleA([WEATHER], (t) => countTokens(t, 'o200k_base'), 'o200k_base'), 68);
    // cl100k: func_init 10 instead of 7, the same strings count the same here: 71.
    assert.equal(ruleA([WEATHER], (t) => countTokens(t, 'cl100k_base'), 'cl100k_base'), 71);
  });

  it('exact only for a flat schema on a model the cookbook covers; a range otherwise, never exact for other providers', () => {
    const settings = defaultSettings;
    const at = (model: string, provider: 'openai' | 'anthropic' | 'google', fns: FunctionDef[], toolChoice?: string) =>
      toolTokens(fns.map((f) => ({ type: 'function', function: f })), { provider, modelId: model, tok: tokenizerFor(model, settings), ...(toolChoice ? { toolChoice } : {}), systemText: 'You are a helpful assistant that can answer to questions about the weather.' }, model);
    assert.ok(isFlat([WEATHER]) && !isFlat([NESTED]));
    assert.deepEqual(at('gpt-4o', 'openai', [WEATHER]), { tokens: { min: 68, expected: 68, max: 68 }, exact: true, note: at('gpt-4o', 'openai', [WEATHER]).note });
    const nested = at('gpt-4o', 'openai', [NESTED]);
    assert.equal(nested.exact, false);
    assert.ok(nested.tokens.min < nested.tokens.max);
    assert.equal(at('gpt-4o', 'openai', [WEATHER], 'required').exact, false, 'a forced choice is not in the cookbook rule');
    assert.equal(at('gpt-4.1', 'openai', [WEATHER]).exact, false, 'no published constants for gpt-4.1');
    assert.equal(at('claude-3-haiku-20240307', 'anthropic', [WEATHER]).exact, false);
    // Claude 3 Haiku: the documented tool-use system prompt (264 with tool_choice auto) is part of the count.
    assert.ok(at('claude-3-haiku-20240307', 'anthropic', [WEATHER]).tokens.min >= 264);
    assert.equal(at('gemini-2.5-flash', 'google', [WEATHER]).exact, false);
  });

  it('reads every definition shape: tools, legacy functions, Anthropic input_schema, Gemini function_declarations; a built-in tool is not a function', () => {
    assert.equal(functionDefinitions([{ type: 'function', function: WEATHER }])?.[0]?.name, 'get_current_weather');
    assert.equal(functionDefinitions([WEATHER])?.[0]?.name, 'get_current_weather');
    assert.deepEqual(functionDefinitions([{ name: 'get_weather', description: 'd', input_schema: { type: 'object', properties: {} } }])?.[0]?.parameters, { type: 'object', properties: {} });
    assert.deepEqual(functionDefinitions([{ function_declarations: [WEATHER, NO_PARAMS] }])?.map((f) => f.name), ['get_current_weather', 'ping']);
    assert.equal(functionDefinitions([{ type: 'web_search_preview' }]), undefined);
  });
});
