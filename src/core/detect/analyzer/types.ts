/**
 * The analyser's own types: what an expression evaluates to (`Value`), what a name is bound to (`Binding`), a resolved
 * model, the draft of a site before the detector turns it into a `CallSite`, and the analyser's options.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Api, CallParams, Confidence, ModelRef, PromptPart, Provider, Via } from '../../types';
import type { NewSpec } from '../catalog/types';
import type { Lang } from '../syntax';
import type { FileAnalyzer } from '../analyzer';

/** A module object (or a path into one) or an SDK instance (or a path into one). */
export type Value =
  | { readonly kind: 'module'; readonly lang: Lang; readonly module: string; readonly path: readonly string[] }
  | {
      readonly kind: 'inst';
      readonly type: string;
      readonly path: readonly string[];
      readonly provider?: Provider;
      /** The call that built it and the constructor spec (model and params live there). */
      readonly ctor?: {
        readonly node: Node;
        readonly spec: NewSpec;
        readonly ctx: FileAnalyzer;
        /** Built inside a function of the file and returned by this call of it: its parameters are this call's arguments. */
        readonly via?: { readonly call: Node; readonly fn: Node; readonly ctx: FileAnalyzer };
      };
      /** A chat session keeps the model of the object it was started from. */
      readonly parent?: Value;
    }
  | { readonly kind: 'func'; readonly node: Node; readonly ctx: FileAnalyzer }
  /** A class of the project (`Holder`) or an instance of one (`Holder()`): its attributes may hold clients. */
  | { readonly kind: 'class'; readonly node: Node; readonly ctx: FileAnalyzer }
  | { readonly kind: 'object'; readonly node: Node; readonly ctx: FileAnalyzer };

/** A binding of a name in a scope. */
export type Binding =
  | { readonly kind: 'assign'; readonly name: string; readonly value: Node; readonly at: Node; /** A declared type (`const m: BaseChatModel = …`, `m: ChatOpenAI = …`): what the value is when it evaluates to nothing. */ readonly type?: Node }
  | { readonly kind: 'param'; readonly name: string; readonly type?: Node; readonly def?: Node; readonly at: Node }
  | { readonly kind: 'import'; readonly name: string; readonly module: string; readonly member?: string; readonly at: Node; readonly relativeLevel?: number }
  | { readonly kind: 'func'; readonly name: string; readonly node: Node; readonly at: Node }
  | { readonly kind: 'class'; readonly name: string; readonly node: Node; readonly at: Node }
  | {
      readonly kind: 'loop'; readonly name: string; readonly iter: Node; readonly at: Node;
      /** `for k, v in d.items()` / `for v in d.values()`: v is one of the values of the dict `d` (this node). */
      readonly valuesOf?: Node;
    }
  /**
   * `a, b = make()` / `const [a, b] = make()`: element `index` of what `value` evaluates to (a tuple a factory returns);
   * with `key`, `const { generateText } = ai`: that member of the module object `value` evaluates to.
   */
  | { readonly kind: 'element'; readonly name: string; readonly value: Node; readonly index: number; readonly key?: string; readonly at: Node };

/** Another workspace file one import away, already parsed. */
export interface ForeignModule {
  readonly path: string;
  readonly analyzer: FileAnalyzer;
}

export interface AnalyzerOptions {
  readonly path: string;
  readonly lang: Lang;
  readonly text: string;
  readonly tree: Tree;
  /** Resolves an import's module specifier to an already-loaded workspace file (one hop). */
  readonly foreign?: (module: string, level: number) => ForeignModule | undefined;
  /** Notebook: the cell of a 0-based row of the concatenated document. */
  readonly cellOfRow?: (row: number) => number;
  /** Only bindings/values are needed (a foreign file): do not search for sites. */
  readonly foreignOnly?: boolean;
  /**
   * A foreign file: the absolute Python module an import of the analysed file named it by (`browser_use.llm.models`
   * for browser_use/llm/models.py), when the analysed file lies in that package's folder too: it is known to be a
   * module of the package in the workspace. (For a consumer outside the folder, an example, the package's values are
   * what it gets: a Task its factory returns is one.)
   */
  readonly importedAs?: string;
  /**
   * Only raw HTTP calls can be sites here: neither the file nor the neighbours `foreign` resolves to import a catalogue
   * module, and the file writes no fallback path (the detector decides with `evidence.ts`). No value the analyser can
   * compute is then a catalogue value, so call receivers are not evaluated: each call goes straight to the HTTP check.
   * The sites are the same (`--exhaustive` turns this off; evidence.test.ts compares).
   */
  readonly httpOnly?: boolean;
  /**
   * The texts of the neighbours `foreign` resolves to: an everyday method name's gate (vocabulary.ts `genericGate`) is
   * open in a file that imports its receiver from a neighbour that passes the gate (`hotel_agent.arun(…)` with
   * `from agents.hotel import hotel_agent`, where agents/hotel.py imports agno).
   */
  readonly gateTexts?: readonly string[];
}

export interface ResolvedModel {
  readonly ref: ModelRef;
  /** The raw literal, to read provider prefixes. */
  readonly raw?: string;
  readonly node?: Node;
}

export interface SiteDraft {
  readonly call: Node;
  readonly nameNode: Node;
  readonly method: string;
  readonly provider: Provider;
  readonly via: Via;
  readonly api: Api;
  readonly model: ModelRef;
  readonly stream: boolean;
  readonly params: CallParams;
  readonly prompt: readonly PromptPart[];
  readonly confidence: Confidence;
  readonly fanOut?: boolean;
}
