/**
 * The shapes of the SDK catalogue. The catalogue is data: adding an SDK means adding a module/type entry here
 * (plus fixtures), never code. The engine (`analyzer.ts`) interprets these entries the same way for every SDK.
 */
import type { Api, Provider, Via } from '../../types';

/**
 * Where an argument lives in a call. `kw`: Python keyword names, or property names of the JS options object at
 * argument `obj` (default 0). `pos`: a positional argument index (Python and JS).
 */
export interface ArgRef {
  readonly kw?: readonly string[];
  readonly pos?: number;
  readonly obj?: number;
  /**
   * Inside the argument: dict keys and list indexes, each path tried in turn (AutoGen's
   * `llm_config={"config_list": [{"model": …}]}`: `[['config_list', 0, 'model'], ['model']]`).
   */
  readonly paths?: readonly (readonly (string | number)[])[];
}

/** Which arguments hold which prompt slot. Messages lists are parsed for roles. */
export interface PromptSpec {
  readonly messages?: ArgRef;
  readonly system?: ArgRef;
  readonly prompt?: ArgRef;
  readonly input?: ArgRef;
  readonly user?: ArgRef;
}

/** A call that is an inference request. */
export interface SiteSpec {
  readonly api: Api;
  /** Where the model id is; absent: the receiver's constructor model (LangChain, GenerativeModel, chats). */
  readonly model?: ArgRef;
  /** The method always streams (`stream`, `generate_content_stream`, `streamText`). */
  readonly stream?: boolean;
  readonly prompt?: PromptSpec;
  /** Overrides the type's provider/via. */
  readonly provider?: Provider;
  readonly via?: Via;
  /** Requests go through a batch API (billed at the batch rate). */
  readonly batch?: boolean;
  /** LangChain `.batch()`: a fan-out over the first argument. */
  readonly fanOut?: boolean;
  /**
   * AWS SDK v3 `client.send(new XCommand({...}))`: the command's class name picks the spec (also written through a
   * namespace, `new sdk.XCommand(…)`). `'*'`: the spec of a command the file does not show (built by a helper), for a
   * client whose every command is a model call (SageMaker runtime).
   */
  readonly commands?: Readonly<Record<string, SiteSpec>>;
  /** The model arg is a provider-factory call (`openai('gpt-4o')`) or a gateway string: provider comes from it. */
  readonly modelFromFactory?: boolean;
  /** The call runs the agent object passed in this argument: the model is the one that agent was built with. */
  readonly agentArg?: ArgRef;
  /**
   * A generic method that is a model call only for some events: the call's first argument (an object or dict, or a
   * variable holding one) has `key` set to one of these strings (a Realtime `send({ type: 'response.create' })`).
   */
  readonly when?: { readonly key: string; readonly equals: readonly string[] };
  /** Provider comes from the model string's `provider/` or `provider:` prefix (LiteLLM, init_chat_model). */
  readonly providerFromModel?: boolean;
  /** Argument names that make the call something else than a request (`response_id`: resuming a stored response). */
  readonly notWith?: readonly string[];
  /**
   * The model is an object passed in this argument (a LangChain vector store's `from_documents(docs, embeddings)`):
   * its provider and model; a local one (`HuggingFaceEmbeddings`) or the project's own class makes it no site.
   */
  readonly modelObject?: ArgRef;
  /** The call's result is an instance of this type that keeps the model object (`Chroma.from_documents(…)` → a store). */
  readonly returns?: string;
}

/** Calling/new-ing this member makes an instance of `type`. */
export interface NewSpec {
  readonly type: string;
  /** The model the instance is bound to (LangChain chat models, GenerativeModel, chats.create). */
  readonly model?: ArgRef;
  /** The `base_url`/`baseURL` argument: names the provider of an OpenAI-compatible client. */
  readonly baseUrl?: ArgRef;
  readonly provider?: Provider;
  /** The instance type depends on a string argument (`boto3.client('bedrock-runtime')`). */
  readonly typeByArg?: { readonly arg: ArgRef; readonly map: Readonly<Record<string, string>> };
  /** Provider comes from the model string prefix or a `model_provider` keyword (`init_chat_model`). */
  readonly providerFromModel?: ArgRef;
  /** The instance keeps the receiver's model (a chat started from a model). */
  readonly inheritModel?: boolean;
  /** The result is the model object passed in this argument (LangChain `LLMChain(llm=llm)`). */
  readonly inheritFrom?: ArgRef;
  /**
   * A wrapper around the SDK client passed in this argument, with a surface of its own (instructor's
   * `from_anthropic(client)` answers `client.chat.completions.create`, `client.create_partial`, …): the instance is of
   * `type`, sends to the wrapped client's provider (else `provider`), and its model is the wrapper's `model` argument
   * unless a call names one. A test double passed in sends nothing.
   */
  readonly wraps?: ArgRef;
  /**
   * A framework object that runs a model it is given (an agent, a team, a crew, a query engine): the instance is of
   * `type`, with the provider and model of the first of these arguments that holds a model object (a list of agents
   * counts by its first one that does); with none, the instance keeps its own constructor (a model id string given as
   * `model`), or none at all (provider and model unknown: the site is still found).
   */
  readonly modelFrom?: readonly ArgRef[];
  /**
   * The `modelFrom` argument is a list of steps whose model objects are its only requests (LlamaIndex
   * `IngestionPipeline(transformations=[splitter, embed_model])`): a list the code shows holding none runs no model.
   */
  readonly modelInList?: boolean;
  /**
   * `provider` holds only when this argument is absent or a string (Strands `Agent()` and `Agent(model="us.anthropic…")`
   * run on Bedrock); a model object the code does not resolve (a parameter) leaves the provider unknown.
   */
  readonly providerUnlessObject?: ArgRef;
  /** The instance holds the model objects added before with `<receiver>.<method>(…)` (autogen `get_participants()`). */
  readonly collects?: { readonly method: string; readonly arg: ArgRef };
}

export type Member =
  | { readonly kind: 'site'; readonly site: SiteSpec }
  | { readonly kind: 'new'; readonly spec: NewSpec }
  /** Returns the receiver unchanged (`with_options`, `bind_tools`, `with_structured_output`). */
  | { readonly kind: 'same' }
  /** A submodule or namespace object. */
  | { readonly kind: 'module'; readonly module: string }
  /** An already-built instance (the JS `ollama` default export). */
  | { readonly kind: 'instance'; readonly type: string };

/** An instance type: a client, a model object, a chat session. */
export interface TypeSpec {
  readonly id: string;
  readonly provider: Provider;
  readonly via: Via;
  /** Dotted method paths relative to the instance. */
  readonly members: Readonly<Record<string, Member>>;
  /** Path segments that may appear anywhere and do not change the method (`with_raw_response`, `beta`). */
  readonly optionalSegments?: readonly string[];
  /** Calling the instance itself is a site (LangChain's legacy `llm("…")`). */
  readonly callable?: SiteSpec;
  /** Values of this type combine with `|` into a chain that keeps the model (LangChain runnables). */
  readonly pipeable?: boolean;
  /** An AI SDK provider: calling it (or `.chat(…)`, `.embedding(…)`) names a model of this provider. */
  readonly modelFactory?: boolean;
  /**
   * A module-wide setting that supplies the model when the instance was not given one (LlamaIndex
   * `Settings.llm = Anthropic(model=…)`): the dotted target assigned in the file; or the keyword `key` of the file's
   * last call of one of `calls` (DSPy `dspy.configure(lm=…)`), unless a `with` block around the site opens one of
   * `scoped` with that keyword (DSPy `with dspy.context(lm=…):`): the innermost applies there.
   */
  readonly globalModel?: string | { readonly calls: readonly string[]; readonly key: string; readonly scoped?: readonly string[] };
  /**
   * The model is a string the file assigns to this attribute of the receiver before the call (Open Interpreter's
   * `interpreter.llm.model = "gpt-4o"`), when nothing else names it.
   */
  readonly modelAttribute?: string;
  /** A model that runs in-process (smolagents `TransformersModel`): a framework object over it sends no request. */
  readonly local?: boolean;
  /** A prompt template in a LangChain chain: pipeable, runs no model; the operand after it is the model. */
  readonly promptLike?: boolean;
  /** A model factory whose ids name their provider (`registry.languageModel('openai:gpt-4o')`). */
  readonly providerInModelId?: boolean;
  /**
   * A container whose model is one added to it by a method call on the same receiver (a Haystack
   * `pipeline.add_component("llm", generator)`, Semantic Kernel `kernel.add_service(service)`): a generator over an
   * embedder; only instances of `types` count; with none added, its runs send nothing.
   */
  readonly collects?: { readonly method: string; readonly arg: ArgRef; readonly types: readonly string[] };
  /**
   * A wrapper ({@link NewSpec.wraps}) that hands every attribute it lacks to the client it wraps (instructor's
   * `__getattr__`: `client.embeddings.create` is the wrapped OpenAI client's).
   */
  readonly forwardsToWrapped?: boolean;
  /** The Python SDK also has an async twin of every site under this suffix (mistralai: `chat.complete_async`). */
  readonly asyncSuffix?: string;
}

/** A Python module (dotted import path) or an npm package, and what it exports. */
export interface ModuleSpec {
  readonly lang: 'python' | 'js';
  readonly name: string;
  /** Exported names; dotted paths allowed (`ChatCompletion.create`). `default` is the JS default export. */
  readonly members: Readonly<Record<string, Member>>;
  /** The module object itself used as a client (`openai.chat.completions.create` in Python v1, `ollama.chat`). */
  readonly asType?: string;
  /** Provider of module-level sites (`openai.ChatCompletion.create`, `genai.embed_content`). */
  readonly provider?: Provider;
  /** A visible configuration line that switches the provider of module-level sites. */
  readonly providerByText?: readonly { readonly pattern: RegExp; readonly provider: Provider }[];
  /** What calling/new-ing the module object does (CJS `const OpenAI = require('openai'); new OpenAI()`). */
  readonly callable?: Member;
  /**
   * A framework whose own source files call their wrappers (crewAI's `llm.call` inside `crewai/`): in a file under a
   * folder named like the package's top-level module, this module's names resolve to nothing (the SDK call inside the
   * wrapper is the site, eval/README.md).
   */
  readonly ownPackage?: boolean;
  /**
   * A top-level name a project's own module often has too (the OpenAI Agents SDK's `agents`): an import of it that
   * resolves to a workspace file (a sibling `agents.py`, an `agents/` package) is that file, as Python resolves it.
   */
  readonly workspaceFirst?: boolean;
  /**
   * The top-level name is a common word in code (`camel` in camelCase, `replicate`): the text pre-filter looks for the
   * module's import statement (Python `from camel…`, `import camel…`; JS the quoted specifier `'replicate'`) rather than
   * the word (also done for `workspaceFirst`).
   */
  readonly importToken?: boolean;
}

/**
 * A distinctive method path used when the receiver cannot be resolved (a client passed in untyped, built in
 * another module). Matches only when the file mentions `fileToken` and the call passes a `model` argument.
 */
export interface FallbackSpec {
  readonly lang: 'python' | 'js';
  readonly path: string;
  readonly type: string;
  readonly fileToken: RegExp;
  /** Argument names that must be present (any of them), e.g. `model`; empty: none needed. */
  readonly requireKw: readonly string[];
  /** The receiver's last name must match (`query_engine`, `chat_engine`): framework objects built in ways not followed. */
  readonly receiver?: RegExp;
  /** No name of the receiver (its own, the call that built it) may match: `retriever = keyword_index.as_retriever()`. */
  readonly notReceiver?: RegExp;
}
