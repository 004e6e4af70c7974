import * as vscode from 'vscode';
import { Disposable } from './disposable';

/** The scheme of Tokentier's read-only documents: reports, breakdowns, and the bundled JSON schemas. */
export const SCHEME = 'tokentier';

/**
 * Serves read-only documents under `tokentier:`: generated Markdown (reports, site breakdowns), shown in the
 * Markdown preview without creating dirty untitled editors, and `tokentier:/schemas/*.json` from the extension,
 * so a `$schema` reference in `.tokentier/*.json` resolves offline.
 */
export class VirtualDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this._onDidChange.event;
  private readonly contents = new Map<string, string>();

  constructor(private readonly extensionUri: vscode.Uri) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(SCHEME, this));
  }

  /** Stores Markdown at `tokentier:/<path>` and returns its URI (firing a change when it is already open). */
  set(path: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${path.replace(/^\/+/, '')}` });
    this.contents.set(uri.path, content);
    this._onDidChange.fire(uri);
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const stored = this.contents.get(uri.path);
    if (stored !== undefined) return stored;
    const schema = /^\/schemas\/([a-z-]+\.schema\.json)$/.exec(uri.path)?.[1];
    if (schema) {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'schemas', schema)));
      } catch {
        return '{}';
      }
    }
    return '';
  }

  /** Shows stored Markdown in the preview (to the side when asked). */
  async showPreview(path: string, content: string, toSide = false): Promise<vscode.Uri> {
    const uri = this.set(path, content);
    await vscode.commands.executeCommand(toSide ? 'markdown.showPreviewToSide' : 'markdown.showPreview', uri);
    return uri;
  }
}
