/**
 * The web implementation of the one engine-bundle loader (src/core/engineBundleContract.ts; the Node one is
 * src/node/engineBundle.ts). The web worker extension host has no file system of its own and no `require` beyond
 * `vscode`, so the bundle (`dist/web/engine.js`: a self-contained CommonJS module built for the browser, with the
 * parsers' runtime and the tokenizer tables inside) is read from the extension's own files through
 * `vscode.workspace.fs` and evaluated as VS Code evaluates an extension's `browser` entry: a function of `module`,
 * `exports` and `require`. Grammars stay separate files, read on first use of each language (EngineLoader.loadWasm).
 */
import * as vscode from 'vscode';
import { checkEngineBundle, type EngineBundle, type EngineBundleLoader } from '../../core/engineBundleContract';

/** Evaluates the text of a self-contained CommonJS bundle; `where` names it in errors and in the debugger. */
export function evaluateCommonJs(source: string, where: string): unknown {
  const module = { exports: {} as unknown };
  // The bundle has no run-time imports (esbuild.mjs builds it with every dependency inside): a `require` is a bug.
  const require = (id: string): never => {
    throw new Error(`${where} asked for '${id}', which the web build does not provide`);
  };
  const init = new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${where}`) as (m: typeof module, e: unknown, r: typeof require) => void;
  init(module, module.exports, require);
  return module.exports;
}

/** The {@link EngineBundleLoader} for the web worker host: `bundle` is `dist/web/engine.js` in the extension. */
export function webEngineBundleLoader(bundle: vscode.Uri): EngineBundleLoader {
  let loaded: Promise<EngineBundle> | undefined;
  const source = bundle.toString();
  const load = async (): Promise<EngineBundle> => {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(bundle);
    } catch (e) {
      throw new Error(`could not read ${source} (${e instanceof Error ? e.message : String(e)}); rebuild with node esbuild.mjs`);
    }
    return checkEngineBundle(evaluateCommonJs(new TextDecoder('utf-8').decode(bytes), source), source);
  };
  return {
    source,
    load() {
      if (!loaded) {
        loaded = load();
        loaded.catch(() => (loaded = undefined));
      }
      return loaded;
    },
  };
}
