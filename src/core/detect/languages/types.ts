/**
 * The multi-language front end (issue 21): Go, Java, C#, Ruby and PHP share one analyser (`engine.ts`) over a small
 * per-language syntax view (`syntax/<lang>.ts`: what a call, a member access, a literal, a keyed literal, a
 * declaration and an import are in that grammar) and a catalogue that is data (`catalog/<lang>.ts`).
 *
 * The analyser never sees a grammar's node types: it asks the view. A view never decides what is a site: it only
 * names things (a call's receiver, method and arguments; what a declaration binds; which fully-qualified name an
 * identifier or type stands for through the file's imports).
 */
import type { Node } from 'web-tree-sitter';
import type { Api, Provider, Via } from '../../types';

/** The languages of this front end; the values are VS Code's language ids. */
export type OtherLanguage = 'go' | 'java' | 'csharp' | 'ruby' | 'php';

export const OTHER_LANGUAGES: readonly OtherLanguage[] = ['go', 'java', 'csharp', 'ruby', 'php'];

/** One argument of a call: positional, or named (`model: "x"`, a Ruby keyword, a C# `name:`). */
export interface ArgView {
  readonly name?: string;
  readonly value: Node;
  /** `...args`, `**params`, `*args`: the value stands for several arguments. */
  readonly splat?: boolean;
}

/** A call or constructor call, whatever the grammar writes it as. */
export interface CallView {
  readonly node: Node;
  /** The expression before the method name (`client.chat` in `client.chat.create(…)`); absent for a bare call. */
  readonly receiver?: Node;
  /** The called method or function; for `new X(…)` the type's last name. */
  readonly name: string;
  /** The node holding the name (the site's line is this node's row). */
  readonly nameNode: Node;
  readonly args: readonly ArgView[];
  /** `new X(…)` (Java, C#, PHP): the type node. Ruby's `X.new(…)` is a call named `new` instead. */
  readonly newType?: Node;
  /** C# `new X { A = 1 }` / a Ruby block / Java's trailing lambda: more config to search. */
  readonly extra?: Node;
  /** `GetRequiredService<IChatClient>()`: the type arguments. */
  readonly typeArgs?: Node;
}

/** What an expression is, one level deep (children stay nodes). */
export type ExprView =
  | { readonly k: 'call'; readonly call: CallView }
  | { readonly k: 'member'; readonly object: Node; readonly name: string; readonly nameNode: Node }
  | { readonly k: 'name'; readonly name: string }
  /** A qualified name written with the grammar's own separator (Ruby `A::B`, PHP `\A\B`, C# `alias::X`): parts. */
  | { readonly k: 'scoped'; readonly parts: readonly string[] }
  /** A string or symbol: `value` when it is fully known, `parts` the literal pieces of an interpolated one. */
  /** `seq`: an interpolation's literal text and its holes' expressions in order (`$"{base}/v1/messages"`), when the view gives them. */
  | { readonly k: 'str'; readonly value?: string; readonly parts?: readonly string[]; readonly holes?: number; readonly seq?: readonly (string | Node)[] }
  | { readonly k: 'num'; readonly value: number }
  /** A keyed literal: Go struct literal, C# object initializer, Ruby hash, PHP array with keys, keyword arguments. */
  | { readonly k: 'obj'; readonly typeNode?: Node; readonly pairs: readonly (readonly [string, Node])[] }
  | { readonly k: 'list'; readonly items: readonly Node[] }
  | { readonly k: 'lambda'; readonly params: readonly string[]; readonly body: Node }
  | { readonly k: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly k: 'cond'; readonly then: Node; readonly else: Node }
  /** `x["KEY"]` (a configuration or environment lookup: `config["Model"]`, `ENV["X"]`, `$_ENV['X']`). */
  | { readonly k: 'index'; readonly object: Node; readonly index: Node }
  /** Parentheses, `await`, `&x`, casts: the value is `inner`'s. `deref`: Go's `*p`. */
  | { readonly k: 'wrap'; readonly inner: Node; readonly deref?: boolean }
  | { readonly k: 'self' }
  | { readonly k: 'other' };

export type DeclKind = 'var' | 'param' | 'field' | 'func' | 'class' | 'loop';

/** A name a node binds, in the scope that encloses the node (or, `inClass`, in the enclosing class). */
export interface Decl {
  readonly name: string;
  readonly kind: DeclKind;
  readonly value?: Node;
  readonly type?: Node;
  /** A parameter's default value. */
  readonly def?: Node;
  /** `this.x = …`, `@x = …`, `$this->x = …`: a field of the enclosing class. */
  readonly inClass?: boolean;
  /** A plain assignment (`x = …`, not a declaration): it binds the variable of an outer scope when no local declares `x`. */
  readonly assign?: boolean;
  /** A parameter's position in its function's parameter list (values passed by the file's own calls flow in). */
  readonly index?: number;
  /** A keyword parameter (Ruby `model:`, PHP named arguments): callers pass it by this name. */
  readonly keyword?: string;
  /** The node where the name is bound (its position orders bindings). */
  readonly at: Node;
}

/** `x.prop = value` (a PHP config object, a Go params struct filled field by field). */
export interface MemberWrite {
  readonly object: string;
  readonly prop: string;
  readonly value: Node;
  readonly at: Node;
}

/** Where a name is imported from, per file. */
export interface ImportTable {
  /** Simple name (an alias, a Go package name, a Java class, a PHP `use` alias) → fully-qualified name. */
  readonly names: ReadonlyMap<string, string>;
  /** Namespaces/packages imported whole (C# `using X;`, Java `import x.*;`, the file's own namespace). */
  readonly wildcards: readonly string[];
  /** The module strings the file imports (Go import paths, Ruby requires, Java/C#/PHP namespaces): the evidence. */
  readonly modules: readonly string[];
}

/** The per-language syntax view the analyser works through. */
export interface SyntaxView {
  readonly lang: OtherLanguage;
  /** `.` for most, `::` for Ruby constants, `\` for PHP namespaces: how a fully-qualified name is joined. */
  readonly sep: string;
  expr(node: Node): ExprView;
  /** The call view of a call-like node, or undefined. */
  call(node: Node): CallView | undefined;
  /** Names the node binds (declarations, assignments, parameters, fields, loop variables, functions, classes). */
  declares(node: Node): readonly Decl[];
  /** `x.prop = value` written by the node. */
  memberWrite?(node: Node): MemberWrite | undefined;
  /** Node types that open a scope: a function/method/lambda (`fn`) or a class/struct body (`class`). */
  scopeKind(node: Node): 'fn' | 'class' | undefined;
  /** The class a scope node belongs to (a Go method's receiver type), by name. */
  classOf?(node: Node): string | undefined;
  /** The declared name of a class-like node (class, struct type, module). */
  className(node: Node): string | undefined;
  /** The function-like node's name, for `enclosingFunction`. */
  functionName(node: Node): string | undefined;
  /** The values a function returns (its `return` expressions; Ruby's last expression). */
  returns(fn: Node): readonly Node[];
  imports(root: Node): ImportTable;
  /** The fully-qualified name a type node or a written name stands for, through the imports. */
  typeName(node: Node, imports: ImportTable): string | undefined;
  /** A loop node (`for`, `while`, `foreach`, a Ruby `.each` block): its kind. */
  loopKind(node: Node): 'for' | 'while' | undefined;
  /** Comments and strings are never searched for calls. */
  isOpaque(node: Node): boolean;
  /** The text the parser sees, same length (C#: `#:package` / `#!` lines of file-based apps and stray BOMs blanked). */
  prepare?(text: string): string;
  /** Ruby: a bare name no local binds may be the reader of a field (`attr_reader :client` → `@client`). */
  implicitField?(name: string): string | undefined;
}

/** Where a value sits in a call: a position, and/or keys searched in its keyed views. */
export interface ArgRef {
  readonly pos?: number;
  readonly keys?: readonly string[];
}

/** How an instance of a catalogue type comes to be. */
export interface MakeSpec {
  /** A fully-qualified function or static method (`github.com/openai/openai-go.NewClient`, `OpenAI::Client.new`). */
  readonly fn?: string;
  /** `new X(…)` of a fully-qualified class. */
  readonly newOf?: string;
  /** `X.builder()…build()` of a fully-qualified class (every call in between is configuration). */
  readonly builder?: string;
  /** A class whose static members act as an instance's (a Laravel facade: `OpenAI::chat()->create(…)`). */
  readonly staticOf?: string;
  /** A method distinctive enough to make this type on a receiver the analyser cannot resolve (MAF's `AsAIAgent`). */
  readonly anyReceiver?: string;
  /** A method path on an instance of another type (`GetChatClient` on `OpenAIClient`). */
  readonly from?: { readonly type: string; readonly path: readonly string[] };
  /** The call's first argument must be this string (a container lookup: Laravel's `app('openai')`). */
  readonly withArg?: string;
  /** Where the model is in this call. */
  readonly model?: ArgRef;
  /** The provider, when this way of making it fixes one (a Bedrock client class). */
  readonly provider?: Provider;
  /** The instance wraps another value: provider and model come from it (an agent over a model, a chain). For a
   *  builder, `keys` are also searched in the builder's calls when `.build()` ends it (`.chatModel(model)`). */
  readonly wraps?: ArgRef;
  /** The instance keeps the receiver's provider and model (`.AsIChatClient()`, `with_options`). */
  readonly keepsReceiver?: boolean;
}

/** A catalogue type: an SDK client, a sub-client, a chat session, a framework model or wrapper. */
export interface TypeSpec {
  readonly id: string;
  readonly provider: Provider;
  readonly via: Via;
  /** Fully-qualified names that declare a variable, field or parameter of this type. */
  readonly names?: readonly string[];
  readonly make?: readonly MakeSpec[];
  /** Members that return the same object (`async()`, `withRawResponse()`, `AsBuilder()`…`Build()`). */
  readonly passthrough?: readonly string[];
  /** Every method that is not a site or a `from` path returns the same object, configured (a request spec, a builder). */
  readonly fluent?: boolean;
  /** Static methods that swap the instance for a test fake (`OpenAI::fake([...])`): later calls in that function are mocks. */
  readonly fakedBy?: readonly string[];
  /** An OpenAI-compatible client: a base URL in its construction names the provider (`other` when it is not visible). */
  readonly baseUrlDecides?: boolean;
}

/** A model request on an instance of a catalogue type, or a fully-qualified function. */
export interface SiteSpec {
  readonly type?: string;
  readonly fn?: string;
  /** The member path from the instance (`['Chat', 'Completions', 'New']`); `'*'` as the last part: any method. */
  readonly path?: readonly string[];
  readonly api: Api;
  readonly stream?: boolean;
  readonly model?: ArgRef;
  /** Argument names (keywords) the call must have (ruby-openai's `parameters:`), or must not have. */
  readonly requires?: readonly string[];
  readonly forbids?: readonly string[];
  /** Provider and model come from this argument's value (a framework function over a model: `llms.GenerateFromSinglePrompt(ctx, llm, …)`). */
  readonly wraps?: ArgRef;
  /** The site may be reported from its written path alone when the receiver cannot be resolved but the file imports the SDK. */
  readonly fallback?: boolean;
  /** Methods a wildcard path never matches (`toString`, `equals`…). */
  readonly except?: readonly string[];
  /** The SDK's method takes no string at this position: a call that passes one binds to another overload (a project's
   *  own extension method, `fn.InvokeAsync(kernel, "question")`), whose inner call is the site. */
  readonly notString?: number;
}

/** A provider named by a class or function used in a client's construction (`azure.WithEndpoint`, `BedrockBackend`). */
export interface ProviderMarker {
  /** A fully-qualified name, or a prefix ending in `.`/`\\`/`::`/`/`; `.Name` is any method call of that name
   *  (Semantic Kernel's `.AddOpenAIChatCompletion(…)` on a kernel builder). */
  readonly name: string;
  readonly provider: Provider;
}

/** One SDK or framework of one language, as data. */
export interface LanguageSdk {
  readonly id: string;
  readonly language: OtherLanguage;
  /** Module strings whose import makes the SDK's names visible (prefixes: `github.com/openai/openai-go`). */
  readonly modules: readonly string[];
  /** Go: the package name each module path declares (the default import name), by module. */
  readonly goPackages?: Readonly<Record<string, string>>;
  readonly types: readonly TypeSpec[];
  readonly sites: readonly SiteSpec[];
  readonly markers?: readonly ProviderMarker[];
  /** Calls that hand their argument through unchanged (`aws.String(x)`, `openai.ChatModel(x)`), by qualified name. */
  readonly identity?: readonly string[];
  /** Request classes whose constructor takes the model at a position (`new CreateResponseOptions("gpt-5", items)`). */
  readonly modelParams?: Readonly<Record<string, number>>;
}

/** The catalogue of one language, indexed. */
export interface LanguageCatalogue {
  readonly language: OtherLanguage;
  readonly sdks: readonly LanguageSdk[];
}

export type { Api, Provider, Via };
