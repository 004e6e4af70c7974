import * as vscode from 'vscode';
import { hoverMarkdown } from '../../core/report/present';
import { addUsageSite, USAGE_TEMPLATE, type UsageSiteEntry } from '../../core/teamFiles/usageEdit';
import type { SiteEstimate } from '../../core/types';
import { relativePathOfDocument, toVsRange } from '../documents';
import { atomicWrite, exists } from '../fsUtil';
import { RESTRICTED_NOTE, siteAdvice } from '../providers/hover';
import type { SiteArgs } from '../providers/codeLens';
import { CommandId } from './commandIds';
import type { CommandDeps } from './deps';

/** Models offered by "Set model…" (the user can type any other id). */
const COMMON_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1', 'o4-mini', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'gemini-2.5-flash', 'gemini-2.5-pro', 'mistral-small-latest'];

function isSiteArgs(a: unknown): a is SiteArgs {
  return typeof a === 'object' && a !== null && typeof (a as SiteArgs).uri === 'string' && typeof (a as SiteArgs).siteId === 'string';
}

/** Finds a site by document URI and id: the live analysis when the document is open, else the workspace model. */
export async function findSite(deps: CommandDeps, args: unknown): Promise<{ estimate: SiteEstimate; document?: vscode.TextDocument } | undefined> {
  if (!isSiteArgs(args)) return undefined;
  const uri = vscode.Uri.parse(args.uri);
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const entry = await deps.cache.get(document);
    const estimate = deps.cache.estimatesFor(document, entry).find((e) => e.site.id === args.siteId) ?? entry?.estimates.find((e) => e.site.id === args.siteId);
    if (estimate) return { estimate, document };
  } catch {
    // Not openable (deleted since the scan): fall back to the model.
  }
  const estimate = deps.model.estimates().find((e) => e.site.id === args.siteId);
  return estimate ? { estimate } : undefined;
}

/** Registers showSiteBreakdown, revealSite and setModel. */
export function registerSiteCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.showSiteBreakdown, async (args?: unknown) => {
      const found = await findSite(deps, args);
      if (!found) {
        void vscode.window.showInformationMessage('Tokentier: that call site is no longer in the file.');
        return undefined;
      }
      const note = vscode.workspace.isTrusted ? undefined : RESTRICTED_NOTE;
      const name = found.estimate.site.id.replace(/[^A-Za-z0-9._-]+/g, '_');
      return deps.docs.showPreview(`breakdown/${name}.md`, hoverMarkdown({ estimate: found.estimate, note, advice: siteAdvice(found.estimate) }), true);
    }),
    vscode.commands.registerCommand(CommandId.revealSite, async (args?: unknown) => {
      if (!isSiteArgs(args)) return;
      const found = await findSite(deps, args);
      const uri = vscode.Uri.parse(args.uri);
      const range = found ? toVsRange(found.estimate.site.range) : undefined;
      const document = found?.document ?? (await vscode.workspace.openTextDocument(uri));
      await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
    }),
    vscode.commands.registerCommand(CommandId.setModel, async (args?: unknown, preset?: { model: string; target: 'annotation' | 'usage-file' }) => {
      const found = await findSite(deps, args);
      if (!found?.document) return false;
      let model = preset?.model;
      if (!model) {
        const other = 'Other model id…';
        const pick = await vscode.window.showQuickPick([...COMMON_MODELS, other], { title: 'Tokentier: model for this call', placeHolder: 'The model this call uses at run time' });
        if (!pick) return false;
        model = pick === other ? await vscode.window.showInputBox({ title: 'Model id', prompt: 'As the provider names it, e.g. gpt-4o-mini', validateInput: (v) => (/^[\w.:/@-]+$/.test(v) ? undefined : 'Letters, digits and . : / @ - _ only') }) : pick;
        if (!model) return false;
      }
      if (!/^[\w.:/@-]+$/.test(model)) return false;
      let target = preset?.target;
      if (!target) {
        const choice = await vscode.window.showQuickPick(
          [
            { label: 'Inline annotation', description: 'a `tokentier: model=…` comment above the call', target: 'annotation' as const },
            { label: 'Usage file entry', description: '.tokentier/usage.yml, shared with the team and the CLI', target: 'usage-file' as const },
          ],
          { title: 'Tokentier: where to record the model' },
        );
        if (!choice) return false;
        target = choice.target;
      }
      return target === 'annotation' ? writeAnnotation(found.document, found.estimate, model) : writeUsageEntry(found.document, found.estimate, model);
    }),
  ];
}

/** Inserts `# tokentier: model=<id>` (or `//`) above the call, as an undoable edit of the open document. */
async function writeAnnotation(document: vscode.TextDocument, e: SiteEstimate, model: string): Promise<boolean> {
  const line = document.lineAt(e.site.range.start.line);
  const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
  const comment = document.languageId === 'python' ? '#' : '//';
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line.lineNumber, 0), `${indent}${comment} tokentier: model=${model}\n`);
  return vscode.workspace.applyEdit(edit);
}

/**
 * Adds a site entry to the usage file the team files loader reads (`.tokentier/usage.json`, `.yaml` or `.yml`, first
 * found; `usage.yml` is created when there is none), through a YAML/JSON document API that keeps the rest of the file
 * and its comments (src/core/teamFiles/usageEdit.ts), written atomically after confirmation.
 */
async function writeUsageEntry(document: vscode.TextDocument, e: SiteEstimate, model: string): Promise<boolean> {
  const { folder, path } = relativePathOfDocument(document);
  if (!folder) {
    void vscode.window.showWarningMessage('Tokentier: a usage file needs a workspace folder. Use an inline annotation instead.');
    return false;
  }
  let uri = vscode.Uri.joinPath(folder.uri, '.tokentier', 'usage.yml');
  for (const ext of ['json', 'yaml', 'yml']) {
    const candidate = vscode.Uri.joinPath(folder.uri, '.tokentier', `usage.${ext}`);
    if (await exists(candidate)) {
      uri = candidate;
      break;
    }
  }
  const name = `.tokentier/${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`;
  const entry = usageEntry(path, e, model);
  const existing = await exists(uri);
  const current = existing ? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) : USAGE_TEMPLATE;
  const edited = addUsageSite(current, name, entry);
  if ('error' in edited) {
    void vscode.window.showErrorMessage(`Tokentier: cannot add the entry to ${name}: ${edited.error}.`);
    return false;
  }
  if (existing) {
    const ok = await vscode.window.showInformationMessage(`Add an entry for ${path}:${e.site.line} to ${name}?`, { modal: true, detail: `match: ${JSON.stringify(entry.match)}\nmodel: ${entry.model}` }, 'Add');
    if (ok !== 'Add') return false;
  }
  await atomicWrite(uri, edited.text);
  return true;
}

function usageEntry(path: string, e: SiteEstimate, model: string): UsageSiteEntry {
  // The match keys of `.tokentier/usage.yml` (src/core/teamFiles/schemas.ts): file plus function, else line.
  return { match: e.site.enclosingFunction ? { file: path, function: e.site.enclosingFunction } : { file: path, line: e.site.line }, model };
}
